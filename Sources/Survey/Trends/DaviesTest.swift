#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyNumerics

/// Davies' (1987) test of "no change in slope" for the broken-stick trend: the Wald statistic of
/// the slope change β₂ is computed at K = 10 candidate breaks evenly spaced from the second to
/// the second-last wave, and the p-value of its supremum M is bounded by Davies' formula, as
/// R `segmented::davies.test` (version 1.6) does:
///
/// - sampling variances known (scale 1): zₖ = β₂/se(β₂), M = maxₖ|zₖ|, V = Σ|zₖ₊₁ − zₖ|,
///   p = 2·[Φ̄(M) + V·e^(−M²/2)/√(8π)];
/// - dispersion estimated (t version, `daviesLM`): tₖ = β₂/(σ̂ₖ·√cₖ) with σ̂ₖ² = RSSₖ/(n − 3),
///   ρₖ = Zₖ²/(Zₖ² + RSSₖ) where Zₖ = β₂/√cₖ, V = Σ|asin √ρₖ₊₁ − asin √ρₖ|, u = M²/(n − 3 + M²),
///   p = 2·[P(t_{n−3} > M) + V·(1 − u)^((n−4)/2)·Γ((n−2)/2)/(2Γ((n−3)/2)√π)].
///
/// p is capped at 1. Under the `auto` policy the t version is used when the linear trend's
/// dispersion exceeds 1.
struct DaviesTest: Sendable {
    let statistic: Double
    let pValue: Double
    /// The candidate breaks and their statistics (for reports and tests).
    let candidates: [Double]
    let statistics: [Double]

    init(_ data: TrendData, times: [Double], centre: Double, policy: DispersionPolicy, points k: Int = 10) throws(TrendError) {
        let n = times.count
        let lo = times[1], hi = times[n - 2]
        let candidates = (0..<k).map { i in i == k - 1 ? hi : lo + (hi - lo) * Double(i) / Double(k - 1) }
        var useT: Bool
        switch policy {
        case .known: useT = false
        case .estimated: useT = true
        case .auto:
            let (x, y, w) = data.design([{ _ in 1 }, { $0 }], centre: centre)
            useT = try WeightedRegression(x: x, y: y, weights: w, policy: .known).dispersion > 1
        }
        var stats: [Double] = [], rho: [Double] = []
        for psi in candidates {
            let reg = try SegmentedTrend.regression(data, psi: psi, centre: centre, policy: .known)
            let z = reg.coefficients[2] / reg.unscaledCovariance[2, 2].squareRoot()
            if useT {
                let sigma = (reg.weightedRSS / Double(n - 3)).squareRoot()
                stats.append(z / sigma)
                rho.append(z * z / (z * z + reg.weightedRSS))
            } else {
                stats.append(z)
            }
        }
        let m = stats.map(abs).max() ?? 0
        var p: Double
        if useT {
            var v = 0.0
            for i in 1..<rho.count { v += abs(asin(rho[i].squareRoot()) - asin(rho[i - 1].squareRoot())) }
            let df = Double(n - 3)
            let u = m * m / (df + m * m)
            let decay: Double = pow(1 - u, (df - 1) / 2)
            let gammaRatio: Double = exp(lgamma(df / 2 + 0.5) - lgamma(df / 2))
            let approx = v * decay * gammaRatio / (2 * Double.pi.squareRoot())
            p = 2 * (StudentT(df: df).survival(m) + approx)
        } else {
            var v = 0.0
            for i in 1..<stats.count { v += abs(stats[i] - stats[i - 1]) }
            p = 2 * (Normal.standard.survival(m) + v * exp(-m * m / 2) / (8 * Double.pi).squareRoot())
        }
        self.statistic = m
        self.pValue = min(p, 1)
        self.candidates = candidates
        self.statistics = stats
    }
}
