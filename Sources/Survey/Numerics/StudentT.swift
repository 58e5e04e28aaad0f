#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Student's t distribution with `df` degrees of freedom (non-integer df allowed; df = +infinity is the standard normal).
///
/// With ν = df, x = ν/(ν + t²) and y = t²/(ν + t²) (both formed directly, never as 1 − the other):
/// P(T ≤ −|t|) = ½·I_x(ν/2, ½). The quantile inverts the same relation for the smaller tail,
/// t² = ν·y/x. Relative accuracy is about 1e-12 or better for ν from 1 to 10⁶ and tails down to
/// 1e-300 (tested against R in `Tests/Fixtures/distributions`). Invalid df (≤ 0 or NaN) gives NaN.
public struct StudentT: ContinuousDistribution {
    public let df: Double

    public init(df: Double) {
        self.df = df
    }

    /// Above this df the t distribution equals the normal to double precision (as in R's `qt`).
    static let normalThreshold = 1e20

    public func cdf(_ x: Double) -> Double {
        x > 0 ? 1 - lowerTail(-x) : lowerTail(x)
    }

    public func survival(_ x: Double) -> Double {
        x < 0 ? 1 - lowerTail(x) : lowerTail(-x)
    }

    public func quantile(_ p: Double) -> Double {
        guard df > 0, p >= 0, p <= 1 else { return .nan }
        if df > Self.normalThreshold { return Normal.standardQuantile(p) }
        if p == 0.5 { return 0 }
        // Two-sided tail probability of the smaller side; 1 − p is exact for p ≥ ½.
        let small = p < 0.5 ? p : 1 - p
        if small == 0 { return p < 0.5 ? -.infinity : .infinity }
        let (x, y) = inverseRegularizedIncompleteBeta(p: 2 * small, q: 1 - 2 * small, a: df / 2, b: 0.5)
        let t = (df * (y / x)).squareRoot()
        return p < 0.5 ? -t : t
    }

    /// P(T ≤ t) for t ≤ 0, computed without cancellation.
    private func lowerTail(_ t: Double) -> Double {
        guard df > 0, !t.isNaN else { return .nan }
        if df > Self.normalThreshold { return Normal.standard.cdf(t) }
        if t == -.infinity { return 0 }
        let t2 = t * t
        let (x, y): (Double, Double)
        if t2 < df {
            let r = t2 / df
            (x, y) = (1 / (1 + r), r / (1 + r))
        } else {
            let r = df / t2
            (x, y) = (r / (1 + r), 1 / (1 + r))
        }
        // s = x·½ − y·ν/2 = (ν/2)(1 − t²)/(ν + t²), with 1 − t² = (1 − |t|)(1 + |t|) exact-ish.
        let at = abs(t)
        let s = t2.isFinite ? df / 2 * ((1 - at) * (1 + at)) / (df + t2) : -df / 2
        let deviation: Double? = s.isFinite ? s : nil
        return 0.5 * regularizedIncompleteBeta(x: x, y: y, a: df / 2, b: 0.5, deviation: deviation).lower
    }
}
