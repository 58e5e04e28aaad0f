/// The chi-square distribution with `df` degrees of freedom.
///
/// INTERIM STUB (lead skeleton): returns NaN until the distributions work lands; the API is final.
public struct ChiSquared: ContinuousDistribution {
    public let df: Double

    public init(df: Double) {
        self.df = df
    }

    public func cdf(_ x: Double) -> Double { .nan }
    public func survival(_ x: Double) -> Double { .nan }
    public func quantile(_ p: Double) -> Double { .nan }
}
