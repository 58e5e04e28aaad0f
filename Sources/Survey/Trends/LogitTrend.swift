#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyNumerics

/// Linear trend on the logit scale: a binomial GLM of the wave shares on time with prior weights
/// mᵢ = nᵢ/deffᵢ (the effective sample size, see `TrendData`), fitted by IRLS.
///
/// - Quasi-binomial dispersion φ̂ = Σ mᵢ(yᵢ − μᵢ)²/(μᵢ(1 − μᵢ)) / (n − 2) is reported; intervals
///   follow the `DispersionPolicy`.
/// - Bands are computed on the logit scale and back-transformed, so they stay inside (0, 1); the
///   reported SE on the share scale is the delta-method μ(1 − μ)·se(η).
/// - `slope`: derivative of the fitted share at the last wave, β₁μ(1 − μ), delta-method SE
///   (gradient (β₁μ(1−μ)(1−2μ), μ(1−μ) + β₁μ(1−μ)(1−2μ)·t_c)); the log-odds slope β₁ with its own
///   Wald test is the `time` coefficient.
/// - Shares of exactly 0 or 1 are replaced by (m·y + ½)/(m + 1) at those waves (documented
///   continuity rule, noted in the fit), so a series that is 0% everywhere still has a finite
///   fit instead of an MLE at −∞.
/// - The log-likelihood is the Gaussian one of the shares with the sampling variances as known —
///   the same as the linear models', so their AIC values are comparable. Needs 3 waves.
public struct LogitTrend: TrendModel {
    /// Use the lean IRLS of `TrendAlgebra.binomialLogitLean` (batch fits) instead of the general
    /// `GeneralizedLinearModel`; both agree with statsmodels to 1e-6.
    public var lean: Bool

    public init(lean: Bool = false) {
        self.lean = lean
    }

    public var kind: TrendModelKind { .logit }
    public var minimumWaves: Int { 3 }

    public func fit(_ data: TrendData, options: TrendOptions) throws(TrendError) -> TrendFit {
        let idx = data.observedIndices
        guard idx.count >= minimumWaves else {
            throw .tooFewWaves(model: kind.rawValue, have: idx.count, need: minimumWaves)
        }
        guard data.isShare else { throw .numerical("the logit model needs shares in [0, 1]; net shares are not proportions") }
        var notes = data.notes
        var y: [Double] = [], m: [Double] = [], adjusted: [String] = []
        for i in idx {
            var size = data.effectiveSizes[i]
            let p = data.values[i]
            if !(size > 0) {
                guard p > 0 && p < 1 else { throw .missingVariance(wave: data.waves[i]) }
                size = p * (1 - p) / data.variances[i]
            }
            if p <= 0 || p >= 1 {
                y.append((size * p + 0.5) / (size + 1))
                adjusted.append(data.waves[i])
            } else {
                y.append(p)
            }
            m.append(size)
        }
        if !adjusted.isEmpty {
            notes.append("logit: shares of 0% or 100% replaced by (m·y + ½)/(m + 1) at " + adjusted.joined(separator: ", "))
        }
        let centre = data.observedTimeCentre
        let tc = idx.map { data.times[$0] - centre }
        let glm: BinomialFit
        do {
            glm = lean
                ? try TrendAlgebra.binomialLogitLean(time: tc, response: y, priorWeights: m)
                : try TrendAlgebra.binomialLogit(time: tc, response: y, priorWeights: m)
        } catch {
            throw .numerical("logit fit failed: \(error)")
        }
        let n = idx.count
        var pearson = 0.0, ll = 0.0
        for k in 0..<n {
            let mu = glm.fitted[k]
            pearson += m[k] * (y[k] - mu) * (y[k] - mu) / (mu * (1 - mu))
            let v = data.variances[idx[k]], r = data.values[idx[k]] - mu
            ll += -0.5 * (log(2 * Double.pi * v) + r * r / v)
        }
        let phi = pearson / Double(n - 2)
        let (scale, df) = options.dispersion.resolve(dispersion: phi, residualDF: n - 2)
        let b0 = glm.coefficients[0], b1 = glm.coefficients[1]
        let c = glm.unscaledCovariance.map { $0 * scale }
        let q = df.map { StudentT(df: Double($0)).quantile(0.5 + options.level / 2) }
            ?? Normal.standard.quantile(0.5 + options.level / 2)
        func point(_ t: Double, wave: String?, date: String?) -> TrendPoint {
            let x = t - centre
            let eta = b0 + b1 * x
            let seEta = max(c[0] + 2 * x * c[1] + x * x * c[3], 0).squareRoot()
            let mu = logistic(eta)
            return TrendPoint(
                time: t, wave: wave, date: date, estimate: mu, se: mu * (1 - mu) * seEta,
                lower: logistic(eta - q * seEta), upper: logistic(eta + q * seEta))
        }
        let fitted = idx.map { point(data.times[$0], wave: data.waves[$0], date: data.dates[$0]) }
        let first = data.times[idx[0]], last = data.times[idx[n - 1]]
        let grid = options.gridTimes(from: first, to: last).map { point($0, wave: nil, date: nil) }
        // Share-scale slope at the last wave and its delta-method SE.
        let xl = last - centre, mu = logistic(b0 + b1 * xl), d = mu * (1 - mu)
        let g0 = b1 * d * (1 - 2 * mu), g1 = d + b1 * d * (1 - 2 * mu) * xl
        let slopeSE = max(g0 * g0 * c[0] + 2 * g0 * g1 * c[1] + g1 * g1 * c[3], 0).squareRoot()
        let slope = Inference(estimate: b1 * d, se: slopeSE, level: options.level, df: df)
        let end = point(last, wave: nil, date: nil)
        let endTest = Inference(estimate: end.estimate, se: end.se, level: options.level, df: df)
        let endpoint = Inference(
            estimate: end.estimate, se: end.se, lower: end.lower, upper: end.upper,
            statistic: endTest.statistic, pValue: endTest.pValue, df: df)
        let k = 2.0
        notes.append(options.dispersion.note(dispersion: phi, scale: scale))
        return TrendFit(
            model: kind, fitted: fitted, grid: grid, slope: slope, endpoint: endpoint,
            coefficients: [
                Coefficient(term: "(Intercept)", estimate: b0, se: c[0].squareRoot()),
                Coefficient(term: "time", estimate: b1, se: c[3].squareRoot()),
            ],
            timeCentre: centre, logLikelihood: ll, aic: -2 * ll + 2 * k, bic: -2 * ll + k * log(Double(n)),
            dispersion: phi, scale: scale, residualDF: df, breakpoint: nil, stateNoise: nil, observations: n,
            level: options.level, notes: notes)
    }
}

/// The logistic function 1/(1 + e^(−x)), written to stay accurate for large |x|.
@inline(__always)
func logistic(_ x: Double) -> Double {
    x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
}

/// A two-parameter binomial logit fit: coefficients, unscaled covariance (column-major 2×2 as
/// [c00, c10, c01, c11]) and fitted probabilities.
struct BinomialFit: Sendable {
    let coefficients: [Double]
    let unscaledCovariance: [Double]
    let fitted: [Double]
}
