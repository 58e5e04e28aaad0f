import SurveyNumerics

/// A replicate-weight survey design (R `survey`'s `svrepdesign`): full-sample weights plus an
/// `n × R` matrix of replicate analysis weights; a statistic's variance is the spread of its
/// replicate re-estimates, `scale · Σᵣ rscalesᵣ (θᵣ − θ̄)(θᵣ − θ̄)ᵀ` (`svrVar`).
///
/// It answers the same estimator calls as `SurveyDesign` (`Design`). Replicate estimates of all
/// built-in statistics come from one blocked pass over the replicate-weight columns — a BLAS
/// product per row block — so the weights are streamed through memory once per call
/// (`ReplicateDesign+Variance`); the columns are the reader's, never copied into a matrix.
///
/// Degrees of freedom default to R's: rank of the analysis-weight matrix − 1 (found from its
/// distinct row patterns, so the full matrix is never factored).
public struct ReplicateDesign: Sendable {
    /// Full-sample analysis weights.
    public let weights: [Double]
    /// Replicate analysis weights, `n × R` as R columns (already multiplied by `weights` when the
    /// input was not combined); no columns when the replicates are a per-PSU description
    /// (`described`, from a conversion) — read one replicate with `replicateWeights(_:)`.
    public let replicates: ReplicateWeights
    /// Converted jackknife or BRR/Fay replicates, described per PSU instead of stored.
    let described: (any PSUReplicates)?
    /// Calibrated replicates of a converted design, recalibrated one at a time when needed.
    let recalibrated: RecalibratedReplicates?
    public let type: ReplicateType
    /// Overall multiplier of the replicate variance.
    public let scale: Double
    /// Per-replicate multipliers.
    public let rscales: [Double]
    /// Centre the replicates at the full-sample estimate (true) or at their mean (false, R's default).
    public let mse: Bool
    /// Fay's ρ, for `fay`.
    public let fayRho: Double?
    /// Design degrees of freedom (for a design built with `deferChecks`, from its checks: call
    /// `checkReplicates()` first — an invalid design reads 0 here).
    public var degreesOfFreedom: Int {
        guard let pending else { return knownDF }
        return (try? pending.resolve(replicates, weights: weights).get()) ?? 0
    }
    /// The df when known at construction.
    let knownDF: Int
    /// Whether the caller gave the df (then subsets keep it) instead of R's rank-based one.
    let dfGiven: Bool
    /// Checks and df still to come from the first pass over the weights (`deferChecks`).
    let pending: PendingScan?

    /// Number of rows.
    public var rowCount: Int { weights.count }
    /// Number of replicates.
    public var replicateCount: Int { recalibrated?.count ?? described?.count ?? replicates.columns }

    /// A replicate design from an `n × R` matrix of replicate weights (see the column form).
    public init(
        weights: [Double], replicates: Matrix, type: ReplicateType, combined: Bool = true,
        scale: Double? = nil, rscales: [Double]? = nil, fayRho: Double? = nil, mse: Bool = false,
        degreesOfFreedom: Int? = nil, checkPattern: Bool = true
    ) throws(DesignError) {
        guard replicates.rows == weights.count else {
            throw .lengthMismatch("replicate weights have \(replicates.rows) rows, weights \(weights.count)")
        }
        try self.init(weights: weights, replicates: ReplicateWeights(replicates), type: type, combined: combined,
                      scale: scale, rscales: rscales, fayRho: fayRho, mse: mse,
                      degreesOfFreedom: degreesOfFreedom, checkPattern: checkPattern)
    }

    /// A replicate design from replicate-weight columns, kept as they are (no copy unless
    /// `combined` is false and a column is shared).
    /// - Parameters:
    ///   - weights: full-sample weights (missing/negative throw).
    ///   - replicates: `n × R` replicate weights (no missing values).
    ///   - combined: replicate weights already include the sampling weights (R's default, true);
    ///     otherwise they are multiplied by `weights`.
    ///   - type: how the replicates were made (`ReplicateType`): it sets the default scales.
    ///   - scale: overrides the type's overall scale; `brr` and `fay` take none.
    ///   - rscales: per-replicate scales (one value for all); `jkn` with combined weights requires them.
    ///   - fayRho: Fay's ρ in [0, 1); required by `fay`, refused by other types.
    ///   - mse: centre the replicate deviations on the full-sample estimate (R `mse = TRUE`)
    ///     instead of the replicates' mean.
    ///   - degreesOfFreedom: override R's rank-based default.
    ///   - checkPattern: reject weights that cannot be of `type` (see `checkPattern`); calibrated
    ///     replicates, which no longer have the pattern, turn it off.
    ///   - deferChecks: leave the checks and the df to the first pass the estimates make over the
    ///     weights (one pass instead of two); the caller must then call `checkReplicates()` before
    ///     using the results — it throws what this initializer would have thrown.
    ///
    /// The checks (finite values, the type's pattern) and R's rank-based df come from one blocked
    /// pass over the weights (`ReplicateScan`).
    public init(
        weights: [Double], replicates: ReplicateWeights, type: ReplicateType, combined: Bool = true,
        scale: Double? = nil, rscales: [Double]? = nil, fayRho: Double? = nil, mse: Bool = false,
        degreesOfFreedom: Int? = nil, checkPattern: Bool = true, deferChecks: Bool = false
    ) throws(DesignError) {
        let n = weights.count, r = replicates.columns
        guard replicates.rows == n else {
            throw .lengthMismatch("replicate weights have \(replicates.rows) rows, weights \(n)")
        }
        guard r >= 2 else { throw .invalidReplicates("need at least 2 replicate-weight columns, found \(r)") }
        if let i = Self.firstInvalidWeight(weights) {
            let w = weights[i]
            throw .invalidWeight(variable: "weights", row: i, value: w, reason: w.isNaN ? "missing" : "negative or infinite")
        }
        if let rs = rscales, rs.count != r, rs.count != 1 {
            throw .scaleCount(rs.count, replicates: r)
        }
        if let rho = fayRho, type != .fay, rho != 0 {
            throw .invalidReplicates("Fay's rho applies only to type fay")
        }
        var resolvedScale: Double
        var resolvedR = rscales.map { $0.count == 1 ? [Double](repeating: $0[0], count: r) : $0 }
        switch type {
        case .brr:
            if scale != nil { throw .invalidReplicates("type brr fixes scale = 1/R; give type other to set it") }
            resolvedScale = 1 / Double(r)
        case .fay:
            guard let rho = fayRho, rho >= 0, rho < 1 else {
                throw .invalidReplicates("type fay needs Fay's rho in [0, 1)")
            }
            if scale != nil { throw .invalidReplicates("type fay fixes scale = 1/(R(1−rho)²)") }
            resolvedScale = 1 / (Double(r) * (1 - rho) * (1 - rho))
        case .bootstrap:
            resolvedScale = scale ?? 1 / Double(r - 1)
        case .jk1:
            if let scale { resolvedScale = scale } else if combined {
                resolvedScale = Double(r - 1) / Double(r)
            } else {
                resolvedScale = 1 / (replicates.column(0).max() ?? 1)
            }
        case .jkn:
            resolvedScale = scale ?? 1
            if resolvedR == nil {
                guard !combined else {
                    throw .jknWithoutScales
                }
                resolvedR = (0..<r).map { 1 / (replicates.column($0).max() ?? 1) }
            }
        case .other:
            resolvedScale = scale ?? 1
        }
        var analysis = replicates
        if !combined { analysis.multiplyRows(by: weights) }
        let pattern = checkPattern ? type : nil
        if deferChecks {
            pending = PendingScan(pattern: pattern, rho: fayRho ?? 0, givenDF: degreesOfFreedom)
            knownDF = 0
        } else {
            let scan = ReplicateScan.run(analysis, weights: weights, pattern: pattern, rho: fayRho ?? 0,
                                         rank: degreesOfFreedom == nil)
            try scan.check()
            pending = nil
            if let degreesOfFreedom { knownDF = degreesOfFreedom } else { knownDF = try scan.rankDF(analysis) }
        }
        dfGiven = degreesOfFreedom != nil
        self.weights = weights
        self.replicates = analysis
        self.described = nil
        self.recalibrated = nil
        self.type = type
        self.scale = resolvedScale
        self.rscales = resolvedR ?? [Double](repeating: 1, count: r)
        self.mse = mse
        self.fayRho = type == .fay ? fayRho : nil
    }

    /// The first row whose weight is missing, negative or infinite, or nil: each of
    /// `forEachRowPart`'s ranges finds its first, the earliest range's wins.
    static func firstInvalidWeight(_ weights: [Double]) -> Int? {
        var first = [Int?](repeating: nil, count: ReplicateWeights.parts)
        weights.withUnsafeBufferPointer { w in
            first.withUnsafeMutableBufferPointer { out in
                w.withMemoryRebound(to: UInt64.self) { bits in
                    forEachRowPart(rows: w.count, parts: out.count) { k, range in
                        // Blocks tested on the bits (no early exit, so the loop vectorizes): the sign
                        // of b marks a negative (or −0), that of b + 2⁵² an exponent of all ones (∞,
                        // NaN); the row is searched for, by value, only in a block so marked.
                        var start = range.lowerBound
                        while start < range.upperBound && out[k] == nil {
                            let end = min(start + 1024, range.upperBound)
                            var mark: UInt64 = 0
                            for i in start..<end { mark |= bits[i] | (bits[i] &+ 0x0010_0000_0000_0000) }
                            if mark >> 63 != 0 { out[k] = (start..<end).first { !(w[$0] >= 0) || w[$0].isInfinite } }
                            start = end
                        }
                    }
                }
            }
        }
        return first.lazy.compactMap { $0 }.first
    }

    /// Throws what the checks of a design built with `deferChecks` found (missing or infinite
    /// weights, weights off the type's pattern), running them now if no pass has; a no-op otherwise.
    public func checkReplicates() throws(DesignError) {
        guard let pending else { return }
        _ = try pending.resolve(replicates, weights: weights).get()
    }
}
