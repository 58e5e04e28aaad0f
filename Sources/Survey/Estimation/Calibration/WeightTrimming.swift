import SurveyData

/// Weight trimming with redistribution, as R `survey::trimWeights`: weights below `lower` are raised
/// to it and weights above `upper` cut to it; the net amount removed is shared equally among the
/// weights that were inside the bounds, so the weight sum is kept. `strict` repeats this until no
/// weight is outside (redistribution can push a weight past a bound again), as R's `strict = TRUE`.
public struct WeightTrimming: Sendable, Equatable {
    public let lower: Double
    public let upper: Double
    public let strict: Bool

    public init(lower: Double, upper: Double, strict: Bool = false) throws(CalibrationError) {
        guard !lower.isNaN, !upper.isNaN, lower < upper, upper > 0 else {
            throw .unsupported("trimming bounds must satisfy lower < upper and upper > 0 (got \(lower), \(upper))")
        }
        self.lower = lower
        self.upper = upper
        self.strict = strict
    }

    /// Most passes of `strict` trimming before giving up.
    static let maxPasses = 100_000

    /// The trimmed weights and how many weights were outside the bounds on the first pass.
    public func apply(_ weights: [Double]) throws(CalibrationError) -> (weights: [Double], trimmed: Int) {
        let n = Double(weights.count), total = weights.reduce(0, +)
        if strict && (upper * n < total || lower * n > total) {
            throw .unsupported(
                "strict trimming to [\(formatNumber(lower)), \(formatNumber(upper))] cannot keep the weight sum "
                    + "\(formatTotal(total)) over \(weights.count) rows; widen the bounds")
        }
        var w = weights
        var first = -1
        for _ in 0..<Self.maxPasses {
            var removed = 0.0, inside = 0
            var outside = [Bool](repeating: false, count: w.count)
            for i in w.indices {
                if w[i] < lower || w[i] > upper {
                    outside[i] = true
                    let t = min(max(w[i], lower), upper)
                    removed += w[i] - t
                    w[i] = t
                } else {
                    inside += 1
                }
            }
            let count = w.count - inside
            if first < 0 { first = count }
            if count == 0 { return (w, first) }
            guard inside > 0 else {
                throw .unsupported("every weight is outside the trimming bounds; nothing can take up the trimmed amount")
            }
            let share = removed / Double(inside)
            for i in w.indices where !outside[i] { w[i] += share }
            if !strict { return (w, first) }
        }
        throw .unsupported("strict trimming did not settle after \(Self.maxPasses) passes; widen the bounds")
    }
}
