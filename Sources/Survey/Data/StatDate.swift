/// Dates and date-times of SPSS and Stata files as ISO text, as the Excel reader gives date
/// cells (`ExcelDate`): the files store them as numbers on their own epochs (Stata `%td` days and
/// `%tc` milliseconds since 1960-01-01; SPSS seconds since 1582-10-14), which read as 18030 or
/// 13,778,524,800 instead of 2019-05-14. Other time formats (weeks, months, durations) stay numbers.
enum StatDate {
    /// How a variable's display format stores time: days, or seconds, since a Unix-day offset.
    enum Kind: Equatable {
        /// Whole days; `offset` days from the file's epoch to 1970-01-01.
        case days(offset: Int)
        /// Seconds (`scale` units a second); `offset` seconds from the file's epoch to 1970-01-01.
        case seconds(scale: Double, offset: Double)
    }

    /// Days from 1960-01-01 (Stata's epoch) to 1970-01-01.
    static let stataEpochDays = 3653
    /// Days from 1582-10-14 (SPSS's epoch) to 1970-01-01.
    static let spssEpochDays = 141_428

    /// The kind of a ReadStat format string (`%td`, `%tc`, `DATE11`, `ADATE10`, `DATETIME20`…), or
    /// nil for any other format.
    static func kind(format: String) -> Kind? {
        let f = format.lowercased()
        if f.hasPrefix("%td") || f.hasPrefix("%d") { return .days(offset: stataEpochDays) }
        if f.hasPrefix("%tc") { return .seconds(scale: 1000, offset: Double(stataEpochDays) * 86_400) }
        let letters = String(f.prefix { $0.isLetter })
        if ["date", "adate", "edate", "sdate", "jdate"].contains(letters) {
            return .seconds(scale: 1, offset: Double(spssEpochDays) * 86_400)
        }
        if ["datetime", "ymdhms"].contains(letters) { return .seconds(scale: 1, offset: Double(spssEpochDays) * 86_400) }
        return nil
    }

    /// `2019-05-14`, or `2019-05-14 13:45:10` when the time of day is not midnight; nil outside
    /// years 1–9999 or for a non-finite value.
    static func iso(_ value: Double, kind: Kind) -> String? {
        guard value.isFinite else { return nil }
        let seconds: Double
        switch kind {
        case .days(let offset): seconds = (value - Double(offset)) * 86_400
        case .seconds(let scale, let offset): seconds = value / scale - offset
        }
        // 0001-01-01 is 719,162 days before 1970-01-01; 9999-12-31 is 2,932,896 days after.
        guard seconds >= -719_162 * 86_400, seconds < 2_932_897 * 86_400 else { return nil }
        let total = Int(seconds.rounded())
        let days = Int((Double(total) / 86_400).rounded(.down)), rest = total - days * 86_400
        let (y, m, d) = ExcelDate.civil(fromDays: days)
        let date = "\(ExcelDate.pad(y, 4))-\(ExcelDate.pad(m, 2))-\(ExcelDate.pad(d, 2))"
        guard rest != 0 else { return date }
        return date + " \(ExcelDate.pad(rest / 3600, 2)):\(ExcelDate.pad(rest / 60 % 60, 2)):\(ExcelDate.pad(rest % 60, 2))"
    }

    /// A numeric column of dates as text levels in first-seen order (missing stays missing), or
    /// nil when a value cannot be a date (the column is then kept as numbers).
    static func textColumn(_ values: [Double], kind: Kind) -> (codes: [Int32], levels: [String])? {
        var codes: [Int32] = [], levels: [String] = [], index: [String: Int32] = [:]
        codes.reserveCapacity(values.count)
        for v in values {
            if v.isNaN { codes.append(-1); continue }
            guard let text = iso(v, kind: kind) else { return nil }
            if let c = index[text] { codes.append(c); continue }
            let c = Int32(levels.count)
            index[text] = c
            levels.append(text)
            codes.append(c)
        }
        return (codes, levels)
    }
}
