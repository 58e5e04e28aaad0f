/// The smooth statistics a streaming pass estimates (`StreamingEstimator`): means, totals,
/// proportions of every level and ratios of totals, optionally by one domain column. Quantiles,
/// population variances, `--where`, design effects and proportion intervals other than Wald are
/// not streamed (see docs/streaming.md); the caller reads the file whole for those.
public struct StreamingRequest: Sendable, Equatable {
    public var means: [String]
    public var totals: [String]
    public var proportions: [String]
    /// Ratios NUM/DEN as (numerator, denominator) column names.
    public var ratios: [StreamingRatio]
    /// Domain column (`--by` with one column), or nil.
    public var by: String?
    /// Confidence level of the Wald intervals.
    public var level: Double
    /// Domain interval df rule (as `EstimationOptions.domainDF`).
    public var domainDF: DomainDegreesOfFreedom

    public init(means: [String] = [], totals: [String] = [], proportions: [String] = [], ratios: [StreamingRatio] = [],
                by: String? = nil, level: Double = 0.95, domainDF: DomainDegreesOfFreedom = .auto) {
        self.means = means
        self.totals = totals
        self.proportions = proportions
        self.ratios = ratios
        self.by = by
        self.level = level
        self.domainDF = domainDF
    }
}

/// A ratio of totals, numerator over denominator column.
public struct StreamingRatio: Sendable, Equatable {
    public var numerator: String
    public var denominator: String
    public init(numerator: String, denominator: String) {
        self.numerator = numerator
        self.denominator = denominator
    }
}

/// The designs a streaming pass handles: replicate weights (combined analysis weights, as
/// `--repweights`), or one-stage Taylor linearization with replacement (strata optional, a
/// cluster column required, no fpc, lonely PSUs an error as under `--lonely-psu fail`).
public enum StreamingDesign: Sendable, Equatable {
    case replicate(StreamingReplicates)
    case taylor(weights: String, strata: String?, cluster: String, nested: Bool)
}

/// Replicate-weight columns and constants (the meanings of `ReplicateDesign.init`).
public struct StreamingReplicates: Sendable, Equatable {
    public var weights: String
    public var replicates: [String]
    public var type: ReplicateType
    public var scale: Double?
    public var rscales: [Double]?
    public var mse: Bool
    public var fayRho: Double?
    /// Reject weights that cannot be of `type`, as `ReplicateDesign.init(checkPattern:)` does:
    /// BRR/Fay factors and jackknife drops.
    public var checkPattern: Bool

    public init(weights: String, replicates: [String], type: ReplicateType, scale: Double? = nil,
                rscales: [Double]? = nil, mse: Bool = false, fayRho: Double? = nil, checkPattern: Bool = true) {
        self.checkPattern = checkPattern
        self.weights = weights
        self.replicates = replicates
        self.type = type
        self.scale = scale
        self.rscales = rscales
        self.mse = mse
        self.fayRho = fayRho
    }
}
