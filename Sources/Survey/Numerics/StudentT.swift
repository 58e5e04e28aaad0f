/// Student's t distribution with `df` degrees of freedom (non-integer df allowed; df = +infinity is the standard normal).
///
/// INTERIM STUB (lead skeleton): returns NaN until the distributions work lands; the API is final.
public struct StudentT: ContinuousDistribution {
    public let df: Double

    public init(df: Double) {
        self.df = df
    }

    public func cdf(_ x: Double) -> Double { .nan }
    public func survival(_ x: Double) -> Double { .nan }
    public func quantile(_ p: Double) -> Double { .nan }
}
