import SurveyData

/// A linearization (Taylor series) survey design: sampling weights, strata, one or more stages of
/// clusters with optional finite population corrections, and a lonely-PSU policy — R `survey`'s
/// `svydesign(ids=, strata=, weights=|probs=, fpc=, nest=)`.
///
/// Everything is validated once, here; estimators never re-check. The structure is kept as dense
/// integer codes (rows → leaf units → clusters per stage → strata), so a variance is a few
/// contiguous passes plus one BLAS `dsyrk` per stage (see `Linearization.swift`).
///
/// Conventions (as R `survey` 4.x):
/// - weights: given, or 1/probabilities, or (with fpc as population sizes and no weights) the
///   product over stages of N/n; else all 1. Zero weights are allowed (such rows contribute nothing
///   but still count as sampled units); negative, missing or infinite weights throw.
/// - fpc per stage: values all > 1 somewhere → population sizes (all must then be ≥ 1); all ≤ 1 →
///   sampling fractions, population size = sampled clusters / fraction. The fpc must be constant
///   within a stratum and imply at most 100% sampling. Stages without an fpc (when fewer fpc
///   columns than stages are given) are infinite populations: deeper stages then add nothing.
///   (R stops in that case; without any fpc R uses the first stage only, which this reproduces.)
/// - cluster ids at stage s are the path of ids 1...s (R's interaction of `ids`); with `nested`
///   they are also crossed with the stratum, so repeated ids in different strata are different
///   clusters. Without `nested`, a stage-1 cluster in two strata throws.
/// - degrees of freedom: #PSUs − #strata over rows with a non-zero weight (`degf`).
public struct SurveyDesign: Sendable {
    /// Analysis weights, one per row: sampling weights (1/π), or calibrated weights after
    /// `calibrated(_:)`.
    public private(set) var weights: [Double]
    /// The calibration whose residualization variances apply, if the weights were calibrated.
    public private(set) var calibration: (any CalibrationAdjustment)?
    /// Stage-1 strata of each row (one group when unstratified).
    let strata: GroupCodes
    /// Stage-1 clusters (PSUs) of each row (each row its own PSU without clusters).
    let psus: GroupCodes
    /// Whether strata were given.
    public let isStratified: Bool
    /// Number of cluster stages given (0 means each row is its own PSU).
    public let stageCount: Int
    /// Stage-1 population size (number of PSUs in the row's stratum), +∞ without fpc.
    public let stageOnePopulation: [Double]
    /// The lonely-PSU policy used by the variance.
    public let lonelyPSU: LonelyPSU
    /// Design degrees of freedom: #PSUs − #strata among rows with non-zero weight.
    public let degreesOfFreedom: Int

    /// Whether `degreesOfFreedom` was counted on the current weights (false after reweighting).
    private(set) var dfCountedOnWeights = true
    /// Leaf unit of each row (finest cluster), `0..<leafCount`.
    let leafOfRow: [Int32]
    let leafCount: Int
    /// Variance stages that can contribute (stage 1 always; later stages only under an fpc).
    let stages: [VarianceStage]

    /// Number of rows.
    public var rowCount: Int { weights.count }

    /// Builds and validates a design.
    /// - Parameters:
    ///   - rows: number of rows (checked against every column).
    ///   - weights: sampling weights column, or nil.
    ///   - probabilities: selection probabilities column (weights = 1/π), or nil; not with `weights`.
    ///   - strata: stratum column, or nil.
    ///   - clusters: cluster id columns, one per stage (empty: each row its own PSU).
    ///   - fpc: fpc columns, one per stage (fewer than stages allowed, see above).
    ///   - nested: cluster ids are only unique within strata.
    ///   - lonelyPSU: policy for single-PSU strata (default `.fail`, which throws here).
    public init(
        rows: Int, weights: Column? = nil, probabilities: Column? = nil, strata: Column? = nil,
        clusters: [Column] = [], fpc: [Column] = [], nested: Bool = false, lonelyPSU: LonelyPSU = .fail
    ) throws(DesignError) {
        for c in [weights, probabilities, strata].compactMap({ $0 }) + clusters + fpc where c.count != rows {
            throw .lengthMismatch("design variable '\(c.name)' has \(c.count) rows, expected \(rows)")
        }
        if weights != nil && probabilities != nil {
            throw .impossible("give sampling weights or selection probabilities, not both")
        }
        if fpc.count > max(clusters.count, 1) {
            throw .invalidFPC("\(fpc.count) fpc variables for \(max(clusters.count, 1)) stage(s)")
        }
        self.lonelyPSU = lonelyPSU
        self.isStratified = strata != nil
        self.stageCount = clusters.count
        let stratumCodes = try strata.map { c throws(DesignError) in try GroupCodes(column: c) }
            ?? .single(rows: rows)
        self.strata = stratumCodes

        // Cluster paths per stage (R: ids[, i] <- interaction(ids[, 1:i]); nest also crosses strata).
        var paths: [GroupCodes] = []
        if clusters.isEmpty {
            paths = [.eachRow(rows)]
        } else {
            var path: GroupCodes? = nested && strata != nil ? stratumCodes : nil
            for c in clusters {
                let codes = try GroupCodes(column: c)
                let next = path.map { $0.crossed(with: codes) } ?? codes
                paths.append(next)
                path = next
            }
        }
        self.psus = paths[0]
        if paths[0].count == 1 && !(nested && strata != nil) { throw .singlePSU }
        if strata != nil && !nested {
            try Self.checkNesting(psus: paths[0], strata: stratumCodes)
        }
        let stageStrata = [stratumCodes] + paths.dropLast()
        let populations = try Self.populationSizes(fpc: fpc, paths: paths, stageStrata: stageStrata)
        self.stageOnePopulation = populations.first ?? [Double](repeating: .infinity, count: rows)

        self.weights = try Self.samplingWeights(
            rows: rows, weights: weights, probabilities: probabilities, populations: populations,
            paths: paths, stageStrata: stageStrata)

        let leaf = paths[paths.count - 1]
        self.leafOfRow = leaf.codes
        self.leafCount = leaf.count
        self.stages = try Self.buildStages(
            leaf: leaf, paths: paths, stageStrata: stageStrata, populations: populations,
            anyFPC: !fpc.isEmpty, lonelyPSU: lonelyPSU)
        self.degreesOfFreedom = Self.countDF(weights: self.weights, psus: paths[0], strata: stratumCodes)
        self.calibration = nil
    }

    /// The same design with calibrated weights (post-stratified, raked or GREG): estimates use the
    /// new weights, and every variance first replaces influence values by their residuals from
    /// the calibration (R `survey`'s `postStrata` handling in `svyrecvar`). Strata, PSUs and df
    /// are unchanged, as in R.
    public func calibrated(weights: [Double], adjustment: any CalibrationAdjustment) throws(DesignError) -> SurveyDesign {
        guard weights.count == rowCount else {
            throw .lengthMismatch("\(weights.count) calibrated weights for \(rowCount) rows")
        }
        var copy = self
        copy.weights = weights
        copy.dfCountedOnWeights = false
        copy.calibration = adjustment
        return copy
    }

    /// The same design with the weights replaced and any calibration adjustment kept (R: a design
    /// whose `prob` was changed, e.g. by `trimWeights`; strata, PSUs, df and `postStrata` stay).
    public func reweighted(_ weights: [Double]) throws(DesignError) -> SurveyDesign {
        guard weights.count == rowCount else {
            throw .lengthMismatch("\(weights.count) weights for \(rowCount) rows")
        }
        var copy = self
        copy.weights = weights
        copy.dfCountedOnWeights = false
        return copy
    }

    /// Stops when a stage-1 cluster appears in more than one stratum (R's `check.strata`).
    private static func checkNesting(psus: GroupCodes, strata: GroupCodes) throws(DesignError) {
        var stratumOf = [Int32](repeating: -1, count: psus.count)
        for i in 0..<psus.codes.count {
            let p = Int(psus.codes[i]), h = strata.codes[i]
            if stratumOf[p] < 0 {
                stratumOf[p] = h
            } else if stratumOf[p] != h {
                throw .clusterInTwoStrata(
                    cluster: psus.label(p),
                    strata: (strata.label(Int(stratumOf[p])), strata.label(Int(h))))
            }
        }
    }

    /// #PSUs − #strata among rows with non-zero weight.
    static func countDF(weights: [Double], psus: GroupCodes, strata: GroupCodes) -> Int {
        var seenP = [Bool](repeating: false, count: psus.count)
        var seenH = [Bool](repeating: false, count: strata.count)
        var p = 0, h = 0
        weights.withUnsafeBufferPointer { w in
            psus.codes.withUnsafeBufferPointer { psu in
                strata.codes.withUnsafeBufferPointer { stratum in
                    seenP.withUnsafeMutableBufferPointer { sp in
                        seenH.withUnsafeMutableBufferPointer { sh in
                            for i in w.indices where w[i] != 0 {
                                let a = Int(psu[i]), b = Int(stratum[i])
                                if !sp[a] { sp[a] = true; p += 1 }
                                if !sh[b] { sh[b] = true; h += 1 }
                            }
                        }
                    }
                }
            }
        }
        return p - h
    }
}
