/// A continuous distribution used for p-values and intervals.
///
/// `survival` is the upper tail computed directly (not `1 - cdf`), so p-values of 1e-12 keep their
/// relative accuracy; `quantile` is the inverse of `cdf` for p in (0, 1).
public protocol ContinuousDistribution: Sendable {
    /// P(X ≤ x).
    func cdf(_ x: Double) -> Double
    /// P(X > x), accurate in the upper tail.
    func survival(_ x: Double) -> Double
    /// The x with P(X ≤ x) = p; -inf/+inf at p = 0/1 where unbounded, NaN outside [0, 1].
    func quantile(_ p: Double) -> Double
}
