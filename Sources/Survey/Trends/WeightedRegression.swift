#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyNumerics

/// A weighted least-squares fit of shares on functions of time, weights 1/var — the engine of
/// the linear, quadratic, segmented and level-shift trends — with the quantities they share:
/// Pearson dispersion, the scale chosen by the dispersion policy, Gaussian log-likelihood with
/// the sampling variances taken as known, and pointwise predictions with intervals.
struct WeightedRegression: Sendable {
    private(set) var coefficients: [Double]
    /// (XᵀWX)⁻¹, before scaling.
    private(set) var unscaledCovariance: Matrix
    /// Pearson dispersion φ̂ = Σ wᵢrᵢ² / (n − p).
    private(set) var dispersion: Double
    /// Scale and residual df chosen by the policy.
    private(set) var scale: Double
    private(set) var df: Int?
    let residualDF: Int
    /// Σ wᵢrᵢ² (weighted residual sum of squares).
    private(set) var weightedRSS: Double
    /// −½ Σ [log(2π varᵢ) + rᵢ²/varᵢ].
    private(set) var logLikelihood: Double
    let observations: Int

    /// Fits y on the rows of `x` (n × p, column-major) with weights `w`.
    init(x: Matrix, y: [Double], weights w: [Double], policy: DispersionPolicy) throws(TrendError) {
        let n = x.rows, p = x.columns
        let solution: (coefficients: [Double], unscaledCovariance: Matrix)
        do {
            solution = try TrendAlgebra.weightedLeastSquares(x: x, y: y, weights: w)
        } catch {
            throw .numerical("weighted least squares failed: \(error)")
        }
        var rss = 0.0, ll = 0.0
        for i in 0..<n {
            var fit = 0.0
            for j in 0..<p { fit += x[i, j] * solution.coefficients[j] }
            let r = y[i] - fit
            rss += w[i] * r * r
            ll += -0.5 * (log(2 * Double.pi / w[i]) + w[i] * r * r)
        }
        coefficients = solution.coefficients
        unscaledCovariance = solution.unscaledCovariance
        residualDF = n - p
        dispersion = rss / Double(n - p)
        (scale, df) = policy.resolve(dispersion: dispersion, residualDF: n - p)
        weightedRSS = rss
        logLikelihood = ll
        observations = n
    }

    /// The segmented model as reported: the covariance of its linearised fit (`other`), the
    /// coefficients, residuals and so the dispersion of the profile fit at ψ̂ (`profile`, padded
    /// with a 0 for ψ's column), on the linearised fit's n − 4 df. Where ψ̂ falls on a wave date
    /// (a kink of the profile RSS) the linearised fit's own residuals are smaller than the
    /// reported model's: its φ̂ was 0.825 where the printed fit's is 2.048, and intervals shrank.
    init(replacingCoefficientsOf other: WeightedRegression, with profile: WeightedRegression, policy: DispersionPolicy) {
        self = other
        coefficients = profile.coefficients + [0]
        weightedRSS = profile.weightedRSS
        logLikelihood = profile.logLikelihood
        dispersion = profile.weightedRSS / Double(other.residualDF)
        (scale, df) = policy.resolve(dispersion: dispersion, residualDF: other.residualDF)
    }

    /// A three-parameter fit padded with a fourth coefficient 0 of variance 0 (the segmented
    /// model when its break time is not identified).
    init(padding other: WeightedRegression) {
        let p = other.coefficients.count
        var cov = Matrix(rows: p + 1, columns: p + 1)
        for i in 0..<p { for j in 0..<p { cov[i, j] = other.unscaledCovariance[i, j] } }
        self = other
        coefficients = other.coefficients + [0]
        unscaledCovariance = cov
    }

    /// Linear combination cᵀβ and its (scaled) standard error.
    func combination(_ c: [Double]) -> (estimate: Double, se: Double) {
        var est = 0.0, v = 0.0
        for i in c.indices {
            est += c[i] * coefficients[i]
            for j in c.indices { v += c[i] * c[j] * unscaledCovariance[i, j] }
        }
        return (est, (scale * max(v, 0)).squareRoot())
    }

    /// Wald inference for cᵀβ at `level`.
    func inference(_ c: [Double], level: Double) -> Inference {
        let (e, se) = combination(c)
        return Inference(estimate: e, se: se, level: level, df: df)
    }

    /// The trend point at `time` whose design row is `row`.
    func point(time: Double, row: [Double], wave: String?, date: String?, level: Double) -> TrendPoint {
        let i = inference(row, level: level)
        return TrendPoint(time: time, wave: wave, date: date, estimate: i.estimate, se: i.se, lower: i.lower, upper: i.upper)
    }

    /// AIC and BIC with `k` parameters.
    func informationCriteria(parameters k: Int) -> (aic: Double, bic: Double) {
        (-2 * logLikelihood + 2 * Double(k), -2 * logLikelihood + Double(k) * log(Double(observations)))
    }

    /// Coefficients with scaled standard errors.
    func coefficientList(_ names: [String]) -> [Coefficient] {
        names.indices.map { j in
            Coefficient(term: names[j], estimate: coefficients[j], se: (scale * unscaledCovariance[j, j]).squareRoot())
        }
    }
}

extension TrendData {
    /// Design matrix for the observed waves: one column per function of centred time.
    func design(_ columns: [(Double) -> Double], centre: Double) -> (x: Matrix, y: [Double], w: [Double]) {
        let idx = observedIndices
        var x = Matrix(rows: idx.count, columns: columns.count)
        for (r, i) in idx.enumerated() {
            for (j, f) in columns.enumerated() { x[r, j] = f(times[i] - centre) }
        }
        return (x, idx.map { values[$0] }, idx.map { 1 / variances[$0] })
    }

    /// Mean of the observed times (the centre of the regression time axis).
    var observedTimeCentre: Double {
        let idx = observedIndices
        return idx.reduce(0) { $0 + times[$1] } / Double(max(idx.count, 1))
    }
}
