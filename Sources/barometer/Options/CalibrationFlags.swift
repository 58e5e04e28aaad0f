import SurveyText
import ArgumentParser
import Survey

extension CalibrationFunction: ChoiceArgument {}

/// The calibration flags beyond `--rake`/`--poststratify` (part of `DesignOptions`): GREG-family
/// calibration (`--calibrate`, `--calfun`, `--bounds`), trimming, and what unusable results are let through.
struct CalibrationFlags: ParsableArguments {
    @Option(help: "Calibrate (linear/GREG, R calibrate) to the totals in this CSV (variable,level,total; an empty level gives a numeric column's total) before estimating.")
    var calibrate: String?

    @Option(help: "Calibration distance for --calibrate or rake --method linear: linear|raking|logit (logit needs --bounds).")
    var calfun: CalibrationFunction?

    // Unconditional: a value may begin with "-" (`--bounds -inf,2`), which would otherwise read as a flag.
    @Option(parsing: .unconditional, help: "Bounds L,U on calibrated ÷ design weight for --calibrate or rake --method linear (L ≤ 1 ≤ U).")
    var bounds: String?

    @Option(parsing: .unconditional, help: "Trim weights (after any calibration) to L,U, sharing the trimmed amount equally among the others (R trimWeights); on replicate designs every replicate too.")
    var trim: String?

    @Flag(name: .customLong("trim-strict"), help: "Repeat trimming until no weight is outside --trim (R strict = TRUE).")
    var trimStrict = false

    @Flag(name: .customLong("allow-negative-weights"), help: "Accept calibrated weights that are negative, or zero where the design weight was not (else an error).")
    var allowNegativeWeights = false

    @Flag(name: .customLong("allow-not-converged"), help: "Keep the weights of a calibration that did not converge (reported as not converged; else an error).")
    var allowNotConverged = false

    /// `L,U` → the two numbers.
    static func pair(_ flag: String, _ text: String) throws -> (Double, Double) {
        let parts = text.split(separator: ",").map { Double($0.whitespacesTrimmed()) }
        guard parts.count == 2, let l = parts[0], let u = parts[1], !l.isNaN, !u.isNaN, l < u else {
            throw ValidationError("\(flag) must be L,U with L < U (e.g. 0.5,2; -inf and inf allowed), got '\(text)'")
        }
        return (l, u)
    }

    func validate() throws {
        if let b = bounds {
            let (l, u) = try Self.pair("--bounds", b)
            if l > 1 || u < 1 { throw ValidationError("--bounds L,U must have L ≤ 1 ≤ U (got \(b))") }
        }
        if let t = trim {
            let (_, u) = try Self.pair("--trim", t)
            if !(u > 0) { throw ValidationError("--trim L,U needs U > 0 (got \(t))") }
        }
        if trimStrict && trim == nil { throw ValidationError("--trim-strict needs --trim") }
        if calfun == .logit && bounds == nil { throw ValidationError("--calfun logit needs finite --bounds L,U with L < 1 < U") }
    }

    /// The library options for these flags and the raking controls.
    func options(epsilon: Double?, maxIterations: Int?) throws -> CalibrationOptions {
        let (l, u) = try bounds.map { try Self.pair("--bounds", $0) } ?? (-.infinity, .infinity)
        return CalibrationOptions(
            epsilon: epsilon ?? 1e-10, maxIterations: maxIterations ?? 1000, calfun: calfun ?? .linear,
            lowerBound: l, upperBound: u, allowNonPositiveWeights: allowNegativeWeights,
            allowNonConvergence: allowNotConverged)
    }

    /// `--trim` as a library value.
    func trimming() throws -> WeightTrimming? {
        guard let t = trim else { return nil }
        let (l, u) = try Self.pair("--trim", t)
        return try WeightTrimming(lower: l, upper: u, strict: trimStrict)
    }
}
