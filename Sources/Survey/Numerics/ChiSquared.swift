#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// The chi-square distribution with `df` degrees of freedom (non-integer df allowed).
///
/// P(X ≤ x) = P(df/2, x/2), the regularized incomplete gamma function; the upper tail is
/// Q(df/2, x/2) computed directly. Invalid df (≤ 0 or NaN) gives NaN.
///
/// Above df = 10¹³ (where the series and continued fraction would need more than 10⁷ terms)
/// the Wilson–Hilferty cube-root normal approximation is used: (X/df)^⅓ ~ N(1 − 2/(9df), 2/(9df)),
/// whose error is O(1/df), below 1e-12 relative for tail probabilities above 1e-12 there.
public struct ChiSquared: ContinuousDistribution {
    public let df: Double

    public init(df: Double) {
        self.df = df
    }

    /// Degrees of freedom above which the Wilson–Hilferty approximation is used.
    static let wilsonHilfertyThreshold = 1e13

    public func cdf(_ x: Double) -> Double {
        guard df > 0, df.isFinite, !x.isNaN else { return .nan }
        if x <= 0 { return 0 }
        if df > Self.wilsonHilfertyThreshold { return Normal.standard.cdf(wilsonHilfertyScore(x)) }
        return regularizedIncompleteGamma(a: df / 2, x: x / 2).lower
    }

    public func survival(_ x: Double) -> Double {
        guard df > 0, df.isFinite, !x.isNaN else { return .nan }
        if x <= 0 { return 1 }
        if df > Self.wilsonHilfertyThreshold { return Normal.standard.survival(wilsonHilfertyScore(x)) }
        return regularizedIncompleteGamma(a: df / 2, x: x / 2).upper
    }

    public func quantile(_ p: Double) -> Double {
        guard df > 0, df.isFinite, p >= 0, p <= 1 else { return .nan }
        if df > Self.wilsonHilfertyThreshold {
            let v = 2 / (9 * df)
            let cube = 1 - v + Normal.standardQuantile(p) * v.squareRoot()
            return df * cube * cube * cube
        }
        return 2 * inverseRegularizedIncompleteGamma(a: df / 2, p: p, q: 1 - p)
    }

    /// The standardized cube root ((x/df)^⅓ − (1 − 2/(9df))) / √(2/(9df)).
    private func wilsonHilfertyScore(_ x: Double) -> Double {
        let v = 2 / (9 * df)
        return (cbrt(x / df) - (1 - v)) / v.squareRoot()
    }
}
