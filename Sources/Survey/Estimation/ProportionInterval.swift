#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyNumerics

/// Confidence-interval methods for a proportion, as R `survey`'s `svyciprop` (4.x).
public enum ProportionIntervalMethod: String, CaseIterable, Sendable {
    /// Wald interval on the logit scale (R: intercept-only quasibinomial `svyglm`, Wald).
    case logit
    /// Same interval obtained by the delta method on log(p/(1−p)) (R: `svycontrast`).
    case xlogit
    /// Korn–Graubard: Clopper–Pearson with the effective sample size p(1−p)/var, adjusted by
    /// (t_{n−1}/t_df)², n = rows in the base.
    case beta
    /// Wilson score interval with the effective sample size and t quantile (survey ≥ 4.2).
    case wilson
    /// Profile likelihood of the quasibinomial model, rescaled by the design effect.
    case likelihood
    /// Wald interval on the arcsine-square-root scale.
    case asin
    /// Wald interval p ± t·SE.
    case mean
}

/// A confidence interval for a proportion p̂ with design variance v and design df.
struct ProportionInterval: Sendable {
    let method: ProportionIntervalMethod
    let level: Double

    init(method: ProportionIntervalMethod, level: Double = 0.95) {
        self.method = method
        self.level = level
    }

    /// The interval; `rows` is the number of rows in the estimate's base (R's `nrow(design)`,
    /// used by `beta`). `logitVariance`, when given, is the variance of logit(p̂) to use for `logit`
    /// instead of the delta method (replicate designs). Undefined cases (p̂ = 0 or 1 on a
    /// transformed scale, df ≤ 0) give NaN.
    /// `likelihood` is computed from the rows and passed in `profile` (nil gives NaN limits, as R
    /// on replicate designs).
    func interval(p: Double, variance: Double, df: Double, rows: Int,
                         logitVariance: Double? = nil, profile: ProfileInputs? = nil) -> (lower: Double, upper: Double) {
        let alpha = 1 - level
        let t = tQuantile(1 - alpha / 2, df: df)
        let se = variance.squareRoot()
        switch method {
        case .mean:
            return (p - t * se, p + t * se)
        case .logit, .xlogit:
            // d logit(p)/dp = 1/(p(1−p)).
            let eta = logit(p)
            let s = method == .logit ? (logitVariance?.squareRoot() ?? se / (p * (1 - p))) : se / (p * (1 - p))
            return (expit(eta - t * s), expit(eta + t * s))
        case .asin:
            // d asin(√p)/dp = 1/(2√(p(1−p))).
            let eta = asin(p.squareRoot()), s = se / (2 * (p * (1 - p)).squareRoot())
            let lo = sin(eta - t * s), hi = sin(eta + t * s)
            return (lo * lo, hi * hi)
        case .beta:
            let ratio = tQuantile(alpha / 2, df: Double(rows - 1)) / tQuantile(alpha / 2, df: df)
            let nEff = p * (1 - p) / variance * ratio * ratio
            let lower = BetaDistribution(alpha: nEff * p, beta: nEff * (1 - p) + 1).quantile(alpha / 2)
            let upper = BetaDistribution(alpha: nEff * p + 1, beta: nEff * (1 - p)).quantile(1 - alpha / 2)
            return (lower, upper)
        case .wilson:
            let nEff = p * (1 - p) / variance
            let denominator = 1 + t * t / nEff
            let root = (4 * nEff * p * (1 - p) + t * t).squareRoot()
            let centre = p + t * t / (2 * nEff), half = t / (2 * nEff) * root
            return ((centre - half) / denominator, (centre + half) / denominator)
        case .likelihood:
            // Needs the rows (see `SurveyDesign.likelihoodInterval`); `finish` computes it there.
            return (profile?.lower ?? .nan, profile?.upper ?? .nan)
        }
    }
}

/// A likelihood interval computed from the rows (see `SurveyDesign.likelihoodInterval`).
public struct ProfileInputs: Sendable {
    public var lower: Double
    public var upper: Double
    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }
}

/// The logistic function 1/(1 + e^−x); 1 above 40, where the ratio rounds to 1 anyway (and from
/// 710 on, e^x overflows: ∞/∞, NaN).
package func expit(_ x: Double) -> Double { x > 40 ? 1 : exp(x) / (1 + exp(x)) }

/// log(p/(1−p)).
func logit(_ p: Double) -> Double { log(p / (1 - p)) }
