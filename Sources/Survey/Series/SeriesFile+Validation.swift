import SurveyData

/// Range checks for one row of a series CSV, so an impossible figure (a share of 5, a negative
/// SE, an inverted interval) is refused where it is read instead of printed as "500.0".
extension SeriesFile {
    /// Rounding slack for values written at 6 decimals (an interval end may round past the
    /// estimate by half a unit in the last place).
    static let slack = 5e-7

    /// Throws a `DataError` naming the file, line and column of the first value out of range:
    /// estimate and interval within [0, 1] ([-1, 1] for `net`), lower ≤ upper and the estimate
    /// inside the interval (group differences: [-1, 1], net [-2, 2]), SE ≥ 0, n > 0, deff > 0.
    /// The date is `validateDate`'s.
    static func validate(_ o: Observation, file: String?, line: Int) throws(DataError) {
        func fail(_ column: String, _ message: String) -> DataError {
            DataError(message, file: file, line: line, column: column)
        }
        let difference = o.flags.contains("group-difference")
        let range: ClosedRange<Double> = o.measure == "net" ? (difference ? -2...2 : -1...1) : (difference ? -1...1 : 0...1)
        let what = difference ? "a difference of two shares in [\(Int(range.lowerBound)), \(Int(range.upperBound))]"
            : o.measure == "net" ? "a net share in [-1, 1]" : "a share in [0, 1] (not a percent)"
        if o.estimate.isFinite, !range.contains(o.estimate) {
            throw fail("estimate", "\(SeriesFile.format(o.estimate)) is out of range; expected \(what)")
        }
        for (column, value) in [("ci_lower", o.ciLower), ("ci_upper", o.ciUpper)] {
            if let v = value, !range.contains(v) {
                throw fail(column, "\(SeriesFile.format(v)) is out of range; expected \(what)")
            }
        }
        if let lo = o.ciLower, let hi = o.ciUpper {
            guard lo <= hi else {
                throw fail("ci_upper", "interval is inverted (\(SeriesFile.format(lo)) > \(SeriesFile.format(hi))); expected ci_lower ≤ ci_upper")
            }
            if o.estimate.isFinite, !(lo - slack...hi + slack).contains(o.estimate) {
                throw fail("estimate", "\(SeriesFile.format(o.estimate)) lies outside its interval [\(SeriesFile.format(lo)), \(SeriesFile.format(hi))]")
            }
        }
        if let se = o.se, se < 0 { throw fail("se", "\(SeriesFile.format(se)) is negative; expected a standard error ≥ 0") }
        // A share strictly between 0 and 1 estimated from a sample varies: an SE of exactly 0 is a
        // placeholder (it was replaced by an n-based SE without a word). Empty means unknown.
        if let se = o.se, se == 0, o.measure != "net", !difference, o.estimate > 0, o.estimate < 1 {
            throw fail("se", "0 for a share of \(SeriesFile.format(o.estimate)); only a share of 0 or 1 can have SE 0 — leave se "
                + "empty when it is unknown")
        }
        // An estimate confined to an interval of width L has an SD of at most L/2: 0.5 for a share,
        // 1 for a net share or a difference of shares, 2 for a difference of nets.
        let widest = (range.upperBound - range.lowerBound) / 2
        if let se = o.se, se > widest {
            throw fail("se", "\(SeriesFile.format(se)) is larger than any standard error of \(what) can be (at most "
                + "\(SeriesFile.format(widest)), half its range; a percent?)")
        }
        if let n = o.n, n <= 0 { throw fail("n", "\(n) is not a positive count; leave it empty when unknown") }
        if let deff = o.deff, !(deff > 0) {
            throw fail("deff", "\(SeriesFile.format(deff, decimals: 4)) is not positive; expected a design effect > 0")
        }
    }

    /// Throws a `DataError` (file, line, column `date`) unless `date` is a valid ISO date in
    /// 1900–2100. Dates repeat row after row: `parse` checks each distinct one once.
    static func validateDate(_ date: String, file: String?, line: Int) throws(DataError) {
        guard WaveDate.decimalYear(date) != nil else {
            throw DataError("'\(date)' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD", file: file, line: line, column: "date")
        }
        if let year = Int(date.prefix(4)), !(1900...2100).contains(year) {
            throw DataError("year \(year) is out of range; expected 1900-2100", file: file, line: line, column: "date")
        }
    }
}
