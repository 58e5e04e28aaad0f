import SurveySeries

/// Why a trend could not be fitted or two waves could not be compared. Every case says what was
/// expected, so the CLI can print it as is (exit code 1: bad data or a statistical impossibility).
public enum TrendError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Fewer usable waves than the model needs.
    case tooFewWaves(model: String, have: Int, need: Int)
    /// Two waves of one series fall on the same decimal-year time point.
    case duplicateTime(wave: String, otherWave: String, date: String)
    /// A wave's date is not an ISO date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`).
    case badDate(wave: String, date: String)
    /// A wave has neither a usable SE nor an `n` to derive its sampling variance from.
    case missingVariance(wave: String)
    /// A share outside [0, 1] (or a net share outside [-1, 1]) where a share is required.
    case shareOutOfRange(wave: String, value: Double)
    /// An imposed break that does not leave waves on both sides.
    case breakOutsideSeries(date: String, first: String, last: String)
    /// A wave label asked for that the series (named for the message) does not have.
    case unknownWave(String, series: String, available: [String])
    /// A wave prefix that several waves start with.
    case ambiguousWave(String, matches: [String])
    /// `--from` and `--to` name the same wave: a wave compared with itself is no comparison.
    case sameWave(String)
    /// A fit or comparison would pool waves on both sides of a series break (e.g. a mode change).
    case acrossBreak(series: String, breaks: String, advice: String)
    /// The model or its likelihood maximisation failed numerically.
    case numerical(String)

    /// Whether the error is about what the user asked for (a wave label, a break date), not the
    /// data: the CLI exits 2 (bad usage), as for an unknown country.
    public var isUsage: Bool {
        switch self {
        case .unknownWave, .ambiguousWave, .sameWave, .breakOutsideSeries: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .tooFewWaves(let model, let have, let need):
            return "the \(model) model needs at least \(need) waves with data; the series has \(have)"
        case .duplicateTime(let a, let b, let date):
            return "waves \(a) and \(b) fall on the same date (\(date)); a trend needs one value per time point"
        case .badDate(let wave, let date):
            return "wave \(wave) has date '\(date)'; expected YYYY-MM-DD, YYYY-MM or YYYY"
        case .missingVariance(let wave):
            return "wave \(wave) has no standard error and no n; give se, or n (and deff) so p(1-p)·deff/n can be used"
        case .shareOutOfRange(let wave, let value):
            return "wave \(wave) has share \(value); expected a proportion in [0, 1]"
        case .breakOutsideSeries(let date, let first, let last):
            return "break \(date) is outside the series: it must fall after the first wave (\(first)) "
                + "and no later than the last (\(last)), with waves on both sides"
        case .ambiguousWave(let wave, let matches):
            return "'\(wave)' starts \(matches.count) waves (\(matches.joined(separator: ", "))); give enough of the label or date to name one"
        case .unknownWave(let wave, let series, let available):
            return "no wave '\(wave)' in \(series); its waves: \(available.joined(separator: ", "))"
        case .sameWave(let wave):
            return "--from and --to both name wave \(wave); a wave compared with itself shows no change. "
                + "Name two different waves (or use --wave with two countries)"
        case .acrossBreak(let series, let breaks, let advice):
            return "\(series) crosses a series break (\(breaks)): \(Comparability.caveat). \(advice)"
        case .numerical(let s):
            return s
        }
    }
}
