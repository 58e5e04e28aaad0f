import ArgumentParser

/// One check for every numeric flag (issue 11 item 6): a value that is not finite or not in the
/// accepted range is a usage error (exit 2) naming the flag and the range.
enum FlagRange {
    /// `value` (if given) must be finite and satisfy `accepts`, described as `range` in the message.
    static func check(_ flag: String, _ value: Double?, _ range: String, _ accepts: (Double) -> Bool) throws {
        guard let value, !(value.isFinite && accepts(value)) else { return }
        throw ValidationError("\(flag) must be \(range) (got \(value))")
    }

    /// `value` (if given) must lie in `range`.
    static func check(_ flag: String, _ value: Int?, _ range: ClosedRange<Int>) throws {
        guard let value, !range.contains(value) else { return }
        throw ValidationError("\(flag) must be between \(range.lowerBound) and \(range.upperBound) (got \(value))")
    }

    /// `--level`: a confidence level strictly between 0 and 1.
    static func checkLevel(_ level: Double) throws {
        try check("--level", level, "between 0 and 1 (exclusive)") { $0 > 0 && $0 < 1 }
    }

    /// `--deff`: a design effect, positive and at most 1000 (real ones are about 1–10; beyond
    /// 1000 an assumed effective sample is a handful of respondents).
    static func checkDeff(_ deff: Double?) throws {
        try check("--deff", deff, "in (0, 1000]") { $0 > 0 && $0 <= 1000 }
    }

    /// Largest chart or text width/height accepted (characters); beyond it no terminal or file is useful.
    static let largestExtent = 10_000
}
