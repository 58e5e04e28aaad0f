import SurveyText

/// Converts ISO dates (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) to decimal years, the time axis that
/// trend models and charts use; irregular wave spacing is preserved exactly.
public enum WaveDate {
    /// Decimal year of an ISO date, e.g. `2018-07-02` → 2018.5; nil when the text is not a date.
    public static func decimalYear(_ iso: String) -> Double? {
        let parts = ByteSplit.ascii(iso, on: "-").map { Int($0) }
        guard let first = parts.first, let year = first, parts.count <= 3, parts.allSatisfy({ $0 != nil }) else {
            return nil
        }
        let month = parts.count > 1 ? parts[1] ?? 1 : 7
        let day = parts.count > 2 ? parts[2] ?? 1 : (parts.count > 1 ? 15 : 2)
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day <= lengths[month - 1] else { return nil }
        let dayOfYear = lengths.prefix(month - 1).reduce(0, +) + day - 1
        return Double(year) + Double(dayOfYear) / Double(leap ? 366 : 365)
    }

    /// Decimal year at which a period *starts*: `YYYY` → 1 January, `YYYY-MM` → the 1st of the
    /// month, a full date → that day. Series breaks use this (`--break 2020` separates autumn 2019
    /// from spring 2020, as the CAB mode change did), unlike `decimalYear`, which puts a bare
    /// year at mid-year for plotting a figure that stands for the whole year.
    public static func periodStart(_ iso: String) -> Double? {
        let parts = ByteSplit.ascii(iso, on: "-", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return decimalYear(iso + "-01-01")
        case 2: return decimalYear(iso + "-01")
        default: return decimalYear(iso)
        }
    }
}
