import SurveyNumerics

/// R `svyquantile(interval.type = "quantile")` on a replicate design (`survey:::repCI`): every
/// replicate's quantile under the same rule, from its analysis weights.
extension ReplicateDesign {
    /// The replicate covariance (`svrVar`, each estimate dropping only the replicates where its
    /// domain is empty) of the quantiles `estimates`, ordered slot-major then probability, as
    /// `quantiles` orders them. `present` marks the rows in the base (nil: all).
    func replicateQuantileCovariance(
        values: [Double], present: [Double]?, domains: Domains?, slots: [Int32], probabilities: [Double],
        rule: QuantileRule, estimates: [Double]
    ) throws -> Matrix {
        var thetas = Matrix(rows: replicateCount, columns: estimates.count)
        for r in 0..<replicateCount {
            let w = try replicateWeights(r)
            for (s, slot) in slots.enumerated() {
                let sample = SortedSample(values: values, weights: w) { i in
                    (present?[i] ?? 1) != 0 && (slot < 0 || domains?.codes[i] == slot)
                }
                for (k, p) in probabilities.enumerated() {
                    thetas[r, s * probabilities.count + k] = sample.quantile(p, rule: rule)
                }
            }
        }
        return try replicateVariance(thetas, full: estimates)
    }
}
