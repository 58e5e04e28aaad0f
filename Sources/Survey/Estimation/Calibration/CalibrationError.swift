import SurveyData

/// Why calibration (post-stratification, raking, linear calibration) could not be done. Each case
/// says what is wrong and what was expected; the CLI maps every case to exit code 1.
public indirect enum CalibrationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The margins file is malformed (missing column, bad number, repeated level, …).
    case badMarginsFile(file: String?, line: Int?, message: String)
    /// The variables' margins sum to different population totals.
    case inconsistentTotals(file: String?, totals: [(variable: String, total: Double)])
    /// A level given in the margins is absent from the data.
    case levelAbsentFromData(variable: String, level: String)
    /// A level present in the data has no population total in the margins.
    case levelMissingFromMargins(variable: String, level: String, rows: Int)
    /// A calibration variable is missing for some row (calibration needs every row classified).
    case missingValue(variable: String, row: Int)
    /// The weights to calibrate are negative, missing or all zero.
    case badWeights(String)
    /// A level (or cell) with positive population total has zero sample weight.
    case emptyCell(variable: String, level: String)
    /// Iterative calibration stopped before converging; names the margin furthest from its target.
    case notConverged(iterations: Int, variable: String, level: String, target: Double, achieved: Double)
    /// A Newton (GREG-family) calibration stopped before meeting every total; names the worst.
    case calibrationNotConverged(method: String, iterations: Int, margin: String, target: Double, achieved: Double)
    /// A margin level with population total 0 occurs in the sample: its rows would get weight 0
    /// (raking, post-stratification) or weights of both signs (linear).
    case zeroTarget(variable: String, level: String, rows: Int)
    /// Calibration produced negative weights, or zero weights for rows whose design weight was
    /// positive, and they were not asked for.
    case nonPositiveWeights(method: String, negative: Int, zero: Int, minimum: Double)
    /// Linear calibration's weighted cross-product of the calibration variables is singular.
    case singular(String)
    /// A request this method cannot serve (e.g. post-stratification on several margins).
    case unsupported(String)
    /// A replicate's weights (1-based replicate of `of`) cannot be calibrated, though the full
    /// sample's can: a replicate that drops a PSU can leave a margin level without weight.
    case inReplicate(Int, of: Int, CalibrationError)

    public static func == (a: CalibrationError, b: CalibrationError) -> Bool {
        a.description == b.description
    }

    public var description: String {
        switch self {
        case .badMarginsFile(let file, let line, let message):
            var place = file ?? "margins"
            if let line { place += ":\(line)" }
            return "\(place): \(message)"
        case .inconsistentTotals(let file, let totals):
            let list = totals.map { "\($0.variable) sums to \(formatTotal($0.total))" }.joined(separator: ", ")
            return "\(file ?? "margins"): the margins do not sum to the same population total (\(list)); "
                + "every variable's levels must add up to the same total"
        case .levelAbsentFromData(let variable, let level):
            return "margin level '\(level)' of variable '\(variable)' does not occur in the data"
        case .levelMissingFromMargins(let variable, let level, let rows):
            return "level '\(level)' of variable '\(variable)' occurs in \(rows) row\(rows == 1 ? "" : "s") "
                + "of the data but has no population total in the margins"
        case .missingValue(let variable, let row):
            return "calibration variable '\(variable)' is missing in row \(row); every row must have a level"
        case .badWeights(let message):
            return "cannot calibrate: \(message)"
        case .emptyCell(let variable, let level):
            return "level '\(level)' of '\(variable)' has a population total but zero weight in the sample"
        case .notConverged(let iterations, let variable, let level, let target, let achieved):
            return "raking did not converge after \(iterations) iterations; worst margin: \(variable) = \(level), "
                + "target \(formatTotal(target)), achieved \(formatTotal(achieved)) "
                + "(raise --rake-maxit or --rake-epsilon)"
        case .calibrationNotConverged(let method, let iterations, let margin, let target, let achieved):
            return "\(method) did not converge after \(iterations) iterations; worst margin: \(margin), target "
                + "\(formatTotal(target)), achieved \(formatTotal(achieved)) (with --bounds, the bounds may be too "
                + "tight for the margins; raise --rake-maxit, or pass --allow-not-converged to keep these weights)"
        case .zeroTarget(let variable, let level, let rows):
            return "margin level '\(level)' of '\(variable)' has population total 0 but occurs in \(rows) "
                + "row\(rows == 1 ? "" : "s") of the sample: calibration would give \(rows == 1 ? "it" : "them") "
                + "weight 0 (raking, post-stratification) or weights of both signs (linear); drop those rows or merge "
                + "the level, or pass --allow-negative-weights to accept zero and negative weights"
        case .nonPositiveWeights(let method, let negative, let zero, let minimum):
            var parts: [String] = []
            if negative > 0 { parts.append("\(negative) negative (minimum \(formatNumber(minimum)))") }
            if zero > 0 { parts.append("\(zero) zero where the design weight was positive") }
            return "\(method) gave unusable weights: \(parts.joined(separator: " and ")); use --bounds (with "
                + "--calfun linear, raking or logit) to keep weights positive, or pass --allow-negative-weights to "
                + "accept them"
        case .singular(let message):
            return "linear calibration failed: \(message)"
        case .unsupported(let message):
            return message
        case .inReplicate(let r, let count, let error):
            return "replicate \(r) of \(count) (the full sample calibrates; each replicate's weights are calibrated to the "
                + "same margins, as R does): \(error.description)"
        }
    }
}

/// A total for messages: up to 10 significant digits.
func formatTotal(_ x: Double) -> String {
    guard abs(x) < 1e15 else { return formatNumber(x) }
    let rounded = (x * 1e6).rounded() / 1e6
    return formatNumber(rounded)
}
