#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// The beta distribution on [0, 1] (used for Korn-Graubard proportion intervals).
///
/// cdf is I_x(α, β); the survival function is I_(1−x)(β, α) computed directly, so both tails keep
/// relative accuracy; 1 − x is exact for x ≥ ½ and accurate to an ulp below. Invalid parameters
/// (≤ 0 or NaN) give NaN.
public struct BetaDistribution: ContinuousDistribution {
    public let alpha: Double
    public let beta: Double

    public init(alpha: Double, beta: Double) {
        self.alpha = alpha
        self.beta = beta
    }

    public func cdf(_ x: Double) -> Double {
        guard valid, !x.isNaN else { return .nan }
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        return regularizedIncompleteBeta(x: x, y: 1 - x, a: alpha, b: beta).lower
    }

    public func survival(_ x: Double) -> Double {
        guard valid, !x.isNaN else { return .nan }
        if x <= 0 { return 1 }
        if x >= 1 { return 0 }
        return regularizedIncompleteBeta(x: x, y: 1 - x, a: alpha, b: beta).upper
    }

    public func quantile(_ p: Double) -> Double {
        guard valid, p >= 0, p <= 1 else { return .nan }
        return inverseRegularizedIncompleteBeta(p: p, q: 1 - p, a: alpha, b: beta).x
    }

    private var valid: Bool {
        alpha > 0 && alpha.isFinite && beta > 0 && beta.isFinite
    }
}
