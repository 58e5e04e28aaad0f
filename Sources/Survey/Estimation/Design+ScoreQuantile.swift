import SurveyNumerics

/// The score (Francisco–Fuller) interval of a quantile, as R `survey` 4.x's
/// `svyquantile(interval.type = "score")` computes it (`survey:::ffullerCI`, linearization designs
/// only): the limits are where the design-based test of P(x > θ) = 1 − p crosses ∓t, i.e. the
/// roots in θ of  S(θ) = ū(θ)/SE(ū(θ)) ∓ t,  ū(θ) the weighted mean of 1[x > θ] − (1 − p) and t
/// the (1 + level)/2 quantile of t on the design df. S is a step function, so R's root is the
/// point where `uniroot` stops — Brent's method from (min x + IQR/100, max x − IQR/100) with
/// tolerance 1/(100·√n), n the rows — and only the step it stops on matters: each limit is the
/// `rule` quantile of the weighted sample at the **unweighted** share of rows with x ≤ root.
/// That share is R's (not the weighted share), so with unequal weights the interval can
/// exclude the estimate (docs/design-estimation.md). `brentRoot` is the same search, so the
/// limits are R's. Where the test does not change sign between the two ends R's `uniroot` stops
/// with an error; here that limit is NaN (no interval, as a Woodruff limit outside [0, 1]), so the
/// other quantiles and domains are still estimated.
extension Design {
    /// (lower, upper) score limits of the p-quantile in `slot` (−1: whole sample); `rows` are the
    /// slot's rows with a value, `values` the variable, `present` its non-missing indicator; NaN for a limit the test never reaches.
    func scoreQuantileLimits(values: [Double], present: [Double]?, domains: Domains?, slot: Int32,
                             p: Double, critical t: Double, sample: SortedSample, rule: QuantileRule,
                             name: String) throws -> (Double, Double) {
        let rows = values.indices.filter { (present?[$0] ?? 1) != 0 && (slot < 0 || domains?.codes[$0] == slot) }
        let x = rows.map { values[$0] }.sorted()
        guard let first = x.first, let last = x.last else { throw DesignError.allMissing(variable: name) }
        let iqr = typeSevenQuantile(x, 0.75) - typeSevenQuantile(x, 0.25)
        let (lowerEnd, upperEnd) = (first + iqr / 100, last - iqr / 100)
        let tolerance = 1 / (100 * Double(x.count).squareRoot())
        let base = present ?? ones
        func score(_ theta: Double, _ limit: Double) throws -> Double {
            var u = [Double](repeating: 0, count: rowCount)
            for i in rows { u[i] = (values[i] > theta ? 1 : 0) - (1 - p) }
            let stat = RatioStatistic(columns: [base, u], domainCodes: domains?.codes, domainCount: domains?.count ?? 0,
                                      terms: [.init(numerator: 1, denominator: 0, domain: slot)])
            let mean = stat.values(weights: weights)
            let cov = try covariance(of: stat, at: mean)
            return mean[0] / cov[0, 0].squareRoot() - limit
        }
        func root(_ limit: Double) throws -> Double? {
            guard lowerEnd < upperEnd else { return nil }
            let (fl, fu) = (try score(lowerEnd, limit), try score(upperEnd, limit))
            guard !fl.isNaN, !fu.isNaN, (fl < 0) != (fu < 0) || fl == 0 || fu == 0 else { return nil }
            guard let r = try brentRoot(lower: lowerEnd, upper: upperEnd, fLower: fl, fUpper: fu,
                                        tolerance: tolerance, { try score($0, limit) }) else {
                throw DesignError.impossible("score interval of \(name) at p = \(p): no convergence in 1000 steps")
            }
            return r
        }
        func limit(_ root: Double?) -> Double {
            guard let root else { return .nan }
            return sample.quantile(Double(x.count(where: { $0 <= root })) / Double(x.count), rule: rule)
        }
        return (limit(try root(t)), limit(try root(-t)))
    }
}

/// R's default `quantile(x, p)` (type 7) of sorted values: (1 − h)·x[lo] + h·x[hi] at 1 + (n − 1)p.
func typeSevenQuantile(_ sorted: [Double], _ p: Double) -> Double {
    let index = Double(sorted.count - 1) * p
    let lo = Int(index.rounded(.down)), hi = Int(index.rounded(.up))
    let h = index - Double(lo)
    guard index > Double(lo), sorted[hi] != sorted[lo] else { return sorted[lo] }
    return (1 - h) * sorted[lo] + h * sorted[hi]
}
