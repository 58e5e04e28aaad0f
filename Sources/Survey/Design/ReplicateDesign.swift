/// A replicate-weight survey design (R `survey`'s `svrepdesign`): full-sample weights plus an
/// `n × R` matrix of replicate analysis weights; a statistic's variance is the spread of its
/// replicate re-estimates, `scale · Σᵣ rscalesᵣ (θᵣ − θ̄)(θᵣ − θ̄)ᵀ` (`svrVar`).
///
/// It answers the same estimator calls as `SurveyDesign` (`Design`). Replicate estimates of all
/// built-in statistics come from one blocked BLAS product — replicate weights × data columns —
/// so the weight matrix is streamed through memory once per call (see `ReplicateDesign+Products`).
///
/// Degrees of freedom default to R's: rank of the analysis-weight matrix − 1 (found from its
/// distinct row patterns, so the full matrix is never factored).
public struct ReplicateDesign: Sendable {
    /// Full-sample analysis weights.
    public let weights: [Double]
    /// Replicate analysis weights, `n × R` column-major (already multiplied by `weights` when the
    /// input was not combined); `n × 0` when the replicates are a jackknife description
    /// (`jackknife`, from a conversion) — read one replicate with `replicateWeights(_:)`.
    public let replicates: Matrix
    /// Converted jackknife replicates, described per replicate instead of stored (O(n + R)).
    let jackknife: JackknifeReplicates?
    public let type: ReplicateType
    /// Overall multiplier of the replicate variance.
    public let scale: Double
    /// Per-replicate multipliers.
    public let rscales: [Double]
    /// Centre the replicates at the full-sample estimate (true) or at their mean (false, R's default).
    public let mse: Bool
    /// Fay's ρ, for `fay`.
    public let fayRho: Double?
    /// Design degrees of freedom.
    public let degreesOfFreedom: Int

    /// Number of rows.
    public var rowCount: Int { weights.count }
    /// Number of replicates.
    public var replicateCount: Int { jackknife?.count ?? replicates.columns }

    /// A replicate design from replicate-weight columns.
    /// - Parameters:
    ///   - weights: full-sample weights (missing/negative throw).
    ///   - replicates: `n × R` replicate weights (no missing values).
    ///   - combined: replicate weights already include the sampling weights (R's default, true);
    ///     otherwise they are multiplied by `weights`.
    ///   - scale, rscales: override the type's defaults (see `ReplicateType`); `jkn` with combined
    ///     weights requires `rscales`; `fay` requires `fayRho`; `brr` and `fay` take no `scale`.
    ///   - degreesOfFreedom: override R's rank-based default.
    ///   - checkPattern: reject weights that cannot be of `type` (see `checkPattern`); calibrated
    ///     replicates, which no longer have the pattern, turn it off.
    public init(
        weights: [Double], replicates: Matrix, type: ReplicateType, combined: Bool = true,
        scale: Double? = nil, rscales: [Double]? = nil, fayRho: Double? = nil, mse: Bool = false,
        degreesOfFreedom: Int? = nil, checkPattern: Bool = true
    ) throws(DesignError) {
        let n = weights.count, r = replicates.columns
        guard replicates.rows == n else {
            throw .lengthMismatch("replicate weights have \(replicates.rows) rows, weights \(n)")
        }
        guard r >= 2 else { throw .invalidReplicates("need at least 2 replicate-weight columns, found \(r)") }
        for (i, w) in weights.enumerated() where !(w >= 0) || w.isInfinite {
            throw .invalidWeight(variable: "weights", row: i, value: w, reason: w.isNaN ? "missing" : "negative or infinite")
        }
        if !replicates.storage.allFinite, let bad = replicates.storage.firstIndex(where: { !$0.isFinite }) {
            throw .invalidReplicates("replicate \(bad / n + 1) has a missing or infinite value at row \(bad % n + 1)")
        }
        if let rs = rscales, rs.count != r, rs.count != 1 {
            throw .invalidReplicates("\(rs.count) rscales for \(r) replicates")
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
                    throw .invalidReplicates("type jkn with combined weights needs rscales ((n_h−1)/n_h per replicate)")
                }
                resolvedR = (0..<r).map { 1 / (replicates.column($0).max() ?? 1) }
            }
        case .other:
            resolvedScale = scale ?? 1
        }
        var analysis = replicates
        if !combined {
            for j in 0..<r { for i in 0..<n { analysis.storage[i + j * n] *= weights[i] } }
        }
        if checkPattern { try Self.checkPattern(type: type, analysis: analysis, weights: weights, rho: fayRho ?? 0) }
        self.weights = weights
        self.replicates = analysis
        self.jackknife = nil
        self.type = type
        self.scale = resolvedScale
        self.rscales = resolvedR ?? [Double](repeating: 1, count: r)
        self.mse = mse
        self.fayRho = type == .fay ? fayRho : nil
        if let degreesOfFreedom {
            self.degreesOfFreedom = degreesOfFreedom
        } else {
            self.degreesOfFreedom = try Self.rankDF(analysis)
        }
    }

    /// Rejects replicate weights that cannot be of the stated type (a wrong `--rep-type` would give
    /// silently wrong SEs): BRR replicates are 0 or 2 times the full-sample weight, Fay's ρ or 2−ρ
    /// times it (relative tolerance 1e-6), and every jackknife replicate drops some sampled row
    /// (a zero replicate weight where the full-sample weight is positive).
    static func checkPattern(type: ReplicateType, analysis a: Matrix, weights: [Double], rho: Double) throws(DesignError) {
        let n = a.rows
        switch type {
        case .brr, .fay:
            let low = type == .brr ? 0 : rho, high = 2 - low
            for j in 0..<a.columns {
                for i in 0..<n where weights[i] > 0 {
                    let f = a.storage[i + j * n] / weights[i]
                    if abs(f - low) > 1e-6 * high && abs(f - high) > 1e-6 * high {
                        throw .invalidReplicates("replicate \(j + 1), row \(i + 1): weight is \(f) × the full-sample weight; "
                            + "\(type.rawValue) replicates are \(low) or \(high) times it — check --rep-type (and --fay-rho)")
                    }
                }
            }
        case .jk1, .jkn:
            for j in 0..<a.columns {
                var drops = false
                for i in 0..<n where weights[i] > 0 && a.storage[i + j * n] == 0 { drops = true; break }
                if !drops {
                    throw .invalidReplicates("replicate \(j + 1) gives every sampled row a weight; jackknife replicates drop "
                        + "a PSU (zero weight) — check --rep-type")
                }
            }
        case .bootstrap, .other:
            break
        }
    }

    /// R's default df: rank of the analysis weights (tolerance 1e-5) − 1, from distinct row patterns.
    ///
    /// Rows are normalised by their first non-zero entry and hashed in column-major passes (so the
    /// n × R matrix is streamed, not walked row by row); parallel rows — every row of a PSU under
    /// the usual schemes — share a hash, and the rank is that of the few distinct rows
    /// (`PivotedQR`). A hash collision can only merge rows, and only with probability ~2⁻⁶⁴.
    static func rankDF(_ a: Matrix) throws(DesignError) -> Int {
        let n = a.rows, r = a.columns
        var inverse = [Double](repeating: 0, count: n)
        var hash = [UInt64](repeating: 0xcbf2_9ce4_8422_2325, count: n)
        a.storage.withUnsafeBufferPointer { s in
            inverse.withUnsafeMutableBufferPointer { inv in
                hash.withUnsafeMutableBufferPointer { hp in
                    // One pass: a row's entries before its first non-zero are 0 and hash as 0·0 = 0
                    // in every parallel row alike, so the normaliser can be found on the way.
                    for j in 0..<r {
                        let base = j * n
                        for i in 0..<n {
                            let x = s[base + i]
                            if inv[i] == 0 && x != 0 { inv[i] = 1 / x }
                            // Multiply–xorshift mixing, so high bits (a double's exponent) reach every bit.
                            var h = (hp[i] ^ (x * inv[i]).bitPattern) &* 0xBF58_476D_1CE4_E5B9
                            h ^= h >> 31
                            hp[i] = h
                        }
                    }
                }
            }
        }
        var seen = Set<UInt64>(), rows: [Int] = []
        for i in 0..<n where inverse[i] != 0 && seen.insert(hash[i]).inserted { rows.append(i) }
        var distinct = Matrix(rows: rows.count, columns: r)
        for j in 0..<r { for (k, i) in rows.enumerated() { distinct[k, j] = a[i, j] * inverse[i] } }
        do {
            let qr = try PivotedQR(distinct, rankTolerance: 1e-5)
            return qr.rank - 1
        } catch {
            throw .invalidReplicates("rank of the replicate weights could not be computed: \(error)")
        }
    }
}

extension Array where Element == Double {
    /// Whether every element is finite (a branch-free pass: the sum of x·0 is NaN iff some x is not finite).
    var allFinite: Bool {
        var acc = 0.0
        withUnsafeBufferPointer { p in for x in p { acc += x * 0 } }
        return !acc.isNaN
    }
}
