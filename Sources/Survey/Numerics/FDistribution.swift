#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Fisher's F distribution with (numeratorDF, denominatorDF) degrees of freedom (non-integer allowed, as Rao-Scott needs).
///
/// With ν₁, ν₂ the degrees of freedom, X = ν₁F/(ν₁F + ν₂) ~ Beta(ν₁/2, ν₂/2); x and
/// y = ν₂/(ν₁F + ν₂) are both formed directly, so either tail keeps relative accuracy. The
/// quantile is F = (ν₂/ν₁)·x/y from the inverse beta, which returns x and y separately.
/// denominatorDF = +infinity gives χ²(ν₁)/ν₁. Invalid degrees of freedom give NaN.
public struct FDistribution: ContinuousDistribution {
    public let numeratorDF: Double
    public let denominatorDF: Double

    public init(numeratorDF: Double, denominatorDF: Double) {
        self.numeratorDF = numeratorDF
        self.denominatorDF = denominatorDF
    }

    public func cdf(_ x: Double) -> Double {
        tails(x)?.lower ?? .nan
    }

    public func survival(_ x: Double) -> Double {
        tails(x)?.upper ?? .nan
    }

    public func quantile(_ p: Double) -> Double {
        guard valid, p >= 0, p <= 1 else { return .nan }
        if denominatorDF == .infinity {
            return ChiSquared(df: numeratorDF).quantile(p) / numeratorDF
        }
        let (x, y) = inverseRegularizedIncompleteBeta(p: p, q: 1 - p, a: numeratorDF / 2, b: denominatorDF / 2)
        return denominatorDF / numeratorDF * (x / y)
    }

    private var valid: Bool {
        numeratorDF > 0 && numeratorDF.isFinite && denominatorDF > 0 && !denominatorDF.isNaN
    }

    private func tails(_ f: Double) -> (lower: Double, upper: Double)? {
        guard valid, !f.isNaN else { return nil }
        if f <= 0 { return (0, 1) }
        if f == .infinity { return (1, 0) }
        if denominatorDF == .infinity {
            let g = regularizedIncompleteGamma(a: numeratorDF / 2, x: numeratorDF * f / 2)
            return (g.lower, g.upper)
        }
        // x = ν₁F/(ν₁F + ν₂), y = ν₂/(ν₁F + ν₂), via the ratio r = ν₁F/ν₂ (no 1 − x).
        let r = numeratorDF * f / denominatorDF
        let (x, y) = r < 1 ? (r / (1 + r), 1 / (1 + r)) : (1 / (1 + 1 / r), (1 / r) / (1 + 1 / r))
        // s = x·ν₂/2 − y·ν₁/2 = (ν₁ν₂/2)(F − 1)/(ν₁F + ν₂), with F − 1 exact near the centre.
        let s = numeratorDF * denominatorDF / 2 * (f - 1) / (numeratorDF * f + denominatorDF)
        let b = regularizedIncompleteBeta(x: x, y: y, a: numeratorDF / 2, b: denominatorDF / 2,
                                          deviation: s.isFinite ? s : nil)
        return (b.lower, b.upper)
    }
}
