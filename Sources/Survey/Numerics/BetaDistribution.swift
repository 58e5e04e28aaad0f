/// The beta distribution on [0, 1] (used for Korn-Graubard proportion intervals).
///
/// INTERIM STUB (lead skeleton): returns NaN until the distributions work lands; the API is final.
public struct BetaDistribution: ContinuousDistribution {
    public let alpha: Double
    public let beta: Double

    public init(alpha: Double, beta: Double) {
        self.alpha = alpha
        self.beta = beta
    }

    public func cdf(_ x: Double) -> Double { .nan }
    public func survival(_ x: Double) -> Double { .nan }
    public func quantile(_ p: Double) -> Double { .nan }
}
