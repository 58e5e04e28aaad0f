import SurveyNumerics

/// Design-based estimation — how to use it:
///
///     let design = try SurveyDesign(rows: t.rowCount, weights: t.column(named: "pw"),
///                                   strata: t.column(named: "stype"), clusters: [t.column(named: "dnum")],
///                                   fpc: [t.column(named: "fpc")], lonelyPSU: .fail)
///     let m = try design.means([t.column(named: "api00")])                 // Estimate
///     let p = try design.proportions(t.column(named: "awards"))            // every level, k×k covariance
///     let d = try design.means([x], by: Domains(column: t.column(named: "region")))  // domains
///     let v = try design.variance(influence: u)  // any n×k weighted influence matrix → k×k (SurveyDesign)
///
/// - Proportions: `proportions(_:by:options:)` returns one element per level (× domain), with the
///   full covariance across levels and domains in `Estimate.covariance`.
/// - Domains: pass `Domains(column:)` as `by`; rows outside a domain keep their place in the
///   design with zero influence (never subset rows first). Domain df = PSUs − strata in the domain.
/// - Any other smooth statistic: build its weighted influence matrix (R's `x*pweights/psum` form)
///   and call `SurveyDesign.variance(influence:)`; or express it as a `RatioStatistic` and call
///   `covariance(of:at:)`, which replicate designs answer too.
/// - Calibration: `SurveyDesign.calibrated(weights:adjustment:)` gives a design whose variances
///   residualize influence values first.
///
/// What every survey design answers, whether its variance comes from linearization
/// (`SurveyDesign`) or from replicate weights (`ReplicateDesign`): the estimators in
/// `Design+Estimators.swift` are written once against this protocol (R's `svymean` dispatching on
/// `survey.design2` vs `svyrep.design`).
public protocol Design: Sendable {
    /// Full-sample analysis weights, one per row.
    var weights: [Double] { get }
    /// Number of rows.
    var rowCount: Int { get }
    /// Kind, size and structure, for reports.
    var summary: DesignSummary { get }
    /// Design covariance (k × k) of a ratio/total statistic evaluated at `values`.
    func covariance(of statistic: RatioStatistic, at values: [Double]) throws -> Matrix
    /// The point estimates of `statistic` and their design covariance; `validate` sees the values
    /// first and may throw, so an invalid estimate costs no covariance.
    func estimates(of statistic: RatioStatistic, validate: ([Double]) throws -> Void) throws
        -> (values: [Double], covariance: Matrix)
    /// Degrees of freedom for estimates resting on the rows where `base` is non-zero (nil: all
    /// rows), per slot: index 0 the whole sample, 1 + d domain d of `domains`.
    func degreesOfFreedom(base: [Double]?, domains: Domains?) -> [Double]
    /// The design covariance of a model's estimates fitted on `rows`, the df of those rows, and
    /// the replicates (1-based) left out because the model could not be refitted in them: from the
    /// estimates' influence rows (linearization) or by refitting with each replicate's weights of
    /// `rows` (replicates) — R's `svyglm`/`svyolr` methods per design class (`DesignGLM.swift`).
    func modelCovariance(
        rows: [Int], estimate: [Double], influence: () throws -> Matrix, refit: ([Double]) throws -> [Double]
    ) throws -> (covariance: Matrix, df: Int, droppedReplicates: [Int])
}

extension Design {
    /// Values under the full-sample weights, then `covariance(of:at:)`.
    public func estimates(of statistic: RatioStatistic, validate: ([Double]) throws -> Void) throws
        -> (values: [Double], covariance: Matrix) {
        let values = statistic.values(weights: weights)
        try validate(values)
        return (values, try covariance(of: statistic, at: values))
    }
}

/// The design facts reported next to estimates (DESIGN.md §3 `design` object).
public struct DesignSummary: Sendable, Equatable {
    /// `linearization` or `replicate`.
    public var kind: String
    /// Number of rows.
    public var n: Int
    /// Design degrees of freedom.
    public var degreesOfFreedom: Int
    /// Number of strata (linearization; nil for replicate designs).
    public var strata: Int?
    /// Number of PSUs (linearization; nil for replicate designs).
    public var psus: Int?
    /// Replicate type (`jk1`, `brr`, …) and count, for replicate designs.
    public var replicateType: String?
    public var replicates: Int?
    /// Sum of the weights.
    public var sumOfWeights: Double

    public init(kind: String, n: Int, degreesOfFreedom: Int, strata: Int?, psus: Int?,
                replicateType: String?, replicates: Int?, sumOfWeights: Double) {
        self.kind = kind
        self.n = n
        self.degreesOfFreedom = degreesOfFreedom
        self.strata = strata
        self.psus = psus
        self.replicateType = replicateType
        self.replicates = replicates
        self.sumOfWeights = sumOfWeights
    }
}

extension SurveyDesign: Design {
    public var summary: DesignSummary {
        DesignSummary(kind: "linearization", n: rowCount, degreesOfFreedom: degreesOfFreedom,
                      strata: strata.count, psus: psus.count, replicateType: nil, replicates: nil,
                      sumOfWeights: weights.reduce(0, +))
    }

    /// Linearization: leaf-level influence totals of the statistic, then `variance(leafTotals:)`.
    /// (Calibrated designs go through the row-level influence and its residualization.)
    public func covariance(of statistic: RatioStatistic, at values: [Double]) throws -> Matrix {
        if calibration != nil {
            return try variance(influence: statistic.influence(weights: weights, at: values))
        }
        return try variance(leafTotals: statistic.leafInfluence(design: self, at: values))
    }

    /// Linearization without calibration: values and leaf influence totals both from one pass of
    /// per-leaf sums (`RatioStatistic.leafSums`); calibrated designs take the row-level route.
    public func estimates(of statistic: RatioStatistic, validate: ([Double]) throws -> Void) throws
        -> (values: [Double], covariance: Matrix) {
        guard calibration == nil else {
            let values = statistic.values(weights: weights)
            try validate(values)
            return (values, try covariance(of: statistic, at: values))
        }
        // Every row its own leaf (dense codes in first-seen order: leafCount == rows means leaf i is row i).
        if leafCount == rowCount, let totals = statistic.rowLeafTotals(weights: weights) {
            try validate(totals.values)
            let v = try rowLeafVariance(statistic, totals: totals)
                ?? variance(leafTotals: statistic.rowLeafInfluenceMatrix(totals, weights: weights))
            return (totals.values, v)
        }
        let sums = statistic.leafSums(weights: weights, leafOfRow: leafOfRow, leafCount: leafCount)
        let values = statistic.values(leafSums: sums)
        try validate(values)
        return (values, try variance(leafTotals: statistic.leafInfluence(leafSums: sums, leaves: leafCount, at: values)))
    }

    /// #PSUs − #strata among rows with non-zero weight and non-zero base, per slot (R's `degf`
    /// of the subset design, which `svyciprop` and `svyquantile` use).
    public func degreesOfFreedom(base: [Double]?, domains: Domains?) -> [Double] {
        // The whole sample under the construction weights: the df counted once in `init`.
        if base == nil && domains == nil && dfCountedOnWeights { return [Double(degreesOfFreedom)] }
        let slots = (domains?.count ?? 0) + 1
        let p = psus.count, h = strata.count
        var seenP = [Bool](repeating: false, count: slots * p), seenH = [Bool](repeating: false, count: slots * h)
        var countP = [Int](repeating: 0, count: slots), countH = [Int](repeating: 0, count: slots)
        let codes = domains?.codes
        for i in 0..<rowCount where weights[i] != 0 && (base?[i] ?? 1) != 0 {
            let a = Int(psus.codes[i]), b = Int(strata.codes[i])
            var slot = 0
            while true {
                if !seenP[slot * p + a] { seenP[slot * p + a] = true; countP[slot] += 1 }
                if !seenH[slot * h + b] { seenH[slot * h + b] = true; countH[slot] += 1 }
                guard slot == 0, let d = codes?[i], d >= 0 else { break }
                slot = Int(d) + 1
            }
        }
        return (0..<slots).map { Double(countP[$0] - countH[$0]) }
    }
}
