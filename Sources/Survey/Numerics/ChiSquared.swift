import Foundation

/// The chi-square distribution with `df` degrees of freedom (non-integer df allowed).
///
/// P(X ≤ x) = P(df/2, x/2), the regularized incomplete gamma function; the upper tail is
/// Q(df/2, x/2) computed directly. Invalid df (≤ 0 or NaN) gives NaN.
public struct ChiSquared: ContinuousDistribution {
    public let df: Double

    public init(df: Double) {
        self.df = df
    }

    public func cdf(_ x: Double) -> Double {
        guard df > 0, df.isFinite, !x.isNaN else { return .nan }
        if x <= 0 { return 0 }
        return regularizedIncompleteGamma(a: df / 2, x: x / 2).lower
    }

    public func survival(_ x: Double) -> Double {
        guard df > 0, df.isFinite, !x.isNaN else { return .nan }
        if x <= 0 { return 1 }
        return regularizedIncompleteGamma(a: df / 2, x: x / 2).upper
    }

    public func quantile(_ p: Double) -> Double {
        guard df > 0, df.isFinite, p >= 0, p <= 1 else { return .nan }
        return 2 * inverseRegularizedIncompleteGamma(a: df / 2, p: p, q: 1 - p)
    }
}
