#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Link functions g(μ) = η of the supported GLM families.
public enum GLMLink: String, Sendable {
    case identity, logit, log

    /// η = g(μ).
    public func link(_ mu: Double) -> Double {
        switch self {
        case .identity: return mu
        case .logit: return Glibc.log(mu / (1 - mu))
        case .log: return Glibc.log(mu)
        }
    }

    /// μ = g⁻¹(η). As R's `binomial()` and `poisson()`, the logit inverse is held inside
    /// [ε, 1 − ε] beyond |η| > 30 and the log inverse at ≥ ε (ε = 2.2e-16), so weights stay finite.
    public func inverse(_ eta: Double) -> Double {
        switch self {
        case .identity: return eta
        case .logit:
            let t = eta < -30 ? Double.ulpOfOne : (eta > 30 ? 1 / Double.ulpOfOne : exp(eta))
            return t / (1 + t)
        case .log: return max(exp(eta), Double.ulpOfOne)
        }
    }

    /// dμ/dη (floored at ε for the logit beyond |η| > 30, as R).
    public func derivative(_ eta: Double) -> Double {
        switch self {
        case .identity: return 1
        case .logit:
            if eta > 30 || eta < -30 { return Double.ulpOfOne }
            let e = exp(eta)
            return e / ((1 + e) * (1 + e))
        case .log: return max(exp(eta), Double.ulpOfOne)
        }
    }
}

/// The supported GLM families, each with its canonical link (as R's `glm`).
///
/// - `gaussian`: identity link, V(μ) = 1, dispersion estimated (Pearson χ²/df).
/// - `binomial`: logit link, V(μ) = μ(1 − μ), dispersion 1. The response is a proportion in
///   [0, 1] and the prior weight of an observation is its number of trials (so a 0/1 response
///   has weight 1); see `GeneralizedLinearModel`.
/// - `poisson`: log link, V(μ) = μ, dispersion 1; response ≥ 0.
/// - `quasibinomial`, `quasipoisson`: the same mean and variance functions with the dispersion
///   estimated by Pearson χ²/df (over-dispersion); no likelihood, so no AIC.
public enum GLMFamily: String, Sendable, CaseIterable {
    case gaussian, binomial, poisson, quasibinomial, quasipoisson

    /// The canonical link.
    public var link: GLMLink {
        switch self {
        case .gaussian: return .identity
        case .binomial, .quasibinomial: return .logit
        case .poisson, .quasipoisson: return .log
        }
    }

    /// True when the dispersion φ is estimated (then Wald tests use t with the residual df).
    public var estimatesDispersion: Bool {
        switch self {
        case .gaussian, .quasibinomial, .quasipoisson: return true
        case .binomial, .poisson: return false
        }
    }

    /// Variance function V(μ).
    public func variance(_ mu: Double) -> Double {
        switch self {
        case .gaussian: return 1
        case .binomial, .quasibinomial: return mu * (1 - mu)
        case .poisson, .quasipoisson: return mu
        }
    }

    /// Checks one response value; returns what was expected when it is out of range.
    func invalidResponse(_ y: Double) -> String? {
        switch self {
        case .gaussian: return nil
        case .binomial, .quasibinomial: return (0...1).contains(y) ? nil : "a proportion in [0, 1]"
        case .poisson, .quasipoisson: return y >= 0 ? nil : "a count ≥ 0"
        }
    }

    /// Starting mean (R's `mustart`): y (gaussian), (w·y + ½)/(w + 1) (binomial), y + 0.1 (poisson).
    func initialMean(_ y: Double, weight w: Double) -> Double {
        switch self {
        case .gaussian: return y
        case .binomial, .quasibinomial: return (w * y + 0.5) / (w + 1)
        case .poisson, .quasipoisson: return y + 0.1
        }
    }

    /// Unit deviance times the prior weight, w·d(y, μ):
    /// gaussian w(y − μ)²; binomial 2w[y log(y/μ) + (1 − y) log((1 − y)/(1 − μ))];
    /// poisson 2w[y log(y/μ) − (y − μ)], with 0·log 0 = 0.
    func deviance(_ y: Double, _ mu: Double, weight w: Double) -> Double {
        func ylogy(_ a: Double, _ b: Double) -> Double { a == 0 ? 0 : a * Glibc.log(a / b) }
        switch self {
        case .gaussian: return w * (y - mu) * (y - mu)
        case .binomial, .quasibinomial: return 2 * w * (ylogy(y, mu) + ylogy(1 - y, 1 - mu))
        case .poisson, .quasipoisson: return 2 * w * (ylogy(y, mu) - (y - mu))
        }
    }

    /// −2 log-likelihood part of R's `family$aic` over the observations with positive weight
    /// (the caller adds 2p): gaussian n(log(2π·dev/n) + 1) + 2 − Σ log w; binomial
    /// −2 Σ log dbinom(round(w·y), round(w), μ) (w = trials); poisson −2 Σ w log dpois(y, μ).
    /// Nil for quasi-families and for a Poisson response that is not integer.
    func aicTerm(y: [Double], mu: [Double], weights: [Double], deviance: Double) -> Double? {
        let used = weights.indices.filter { weights[$0] > 0 }
        switch self {
        case .quasibinomial, .quasipoisson:
            return nil
        case .gaussian:
            let n = Double(used.count)
            return n * (Glibc.log(2 * Double.pi * deviance / n) + 1) + 2
                - used.reduce(0) { $0 + Glibc.log(weights[$1]) }
        case .binomial:
            var s = 0.0
            for i in used {
                let m = weights[i].rounded(), k = (weights[i] * y[i]).rounded()
                s += logChoose(m, k) + xlogy(k, mu[i]) + xlogy(m - k, 1 - mu[i])
            }
            return -2 * s
        case .poisson:
            guard used.allSatisfy({ y[$0] == y[$0].rounded() }) else { return nil }
            var s = 0.0
            for i in used { s += weights[i] * (xlogy(y[i], mu[i]) - mu[i] - lgamma(y[i] + 1)) }
            return -2 * s
        }
    }
}

/// x·log(y) with 0·log(0) = 0.
private func xlogy(_ x: Double, _ y: Double) -> Double { x == 0 ? 0 : x * log(y) }

/// log C(n, k) through lgamma.
private func logChoose(_ n: Double, _ k: Double) -> Double {
    lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1)
}
