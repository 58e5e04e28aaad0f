/// Fisher's F distribution with (numeratorDF, denominatorDF) degrees of freedom (non-integer allowed, as Rao-Scott needs).
///
/// INTERIM STUB (lead skeleton): returns NaN until the distributions work lands; the API is final.
public struct FDistribution: ContinuousDistribution {
    public let numeratorDF: Double
    public let denominatorDF: Double

    public init(numeratorDF: Double, denominatorDF: Double) {
        self.numeratorDF = numeratorDF
        self.denominatorDF = denominatorDF
    }

    public func cdf(_ x: Double) -> Double { .nan }
    public func survival(_ x: Double) -> Double { .nan }
    public func quantile(_ p: Double) -> Double { .nan }
}
