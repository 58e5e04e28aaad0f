/// The one blocked pass over replicate weights that a `ReplicateDesign` needs when it is built:
/// finiteness, the type's pattern (`check`) and the row fingerprints of R's rank-based df
/// (`rankDF`). Rows are visited in blocks across all replicates, so the per-row state stays in
/// cache and each weight is read from memory once.
struct ReplicateScan {
    /// First non-finite weight (replicate, row).
    private var nonFinite: (replicate: Int, row: Int)?
    /// First weight off the BRR/Fay pattern (replicate, row, factor).
    private var offPattern: (replicate: Int, row: Int, factor: Double)?
    /// First jackknife replicate that drops no sampled row.
    private var dropsNothing: Int?
    private let type: ReplicateType?
    private let rho: Double
    /// Per row: 1 / its first non-zero weight (0 for an all-zero row), and two fixed random
    /// projections of the row divided by that weight — a fingerprint that parallel rows share
    /// exactly (same values, same order of operations).
    private var inverse: [Double] = []
    private var first: [Double] = []
    private var second: [Double] = []

    /// Scans `a`; `pattern` is the type to check (nil: none), `rank` whether to fingerprint rows.
    init(_ a: ReplicateWeights, weights: [Double], pattern: ReplicateType?, rho: Double, rank: Bool) {
        type = pattern
        self.rho = rho
        let n = a.rows, r = a.columns
        let low = pattern == .brr ? 0 : rho, high = 2 - low
        let checksDrops = pattern == .jk1 || pattern == .jkn
        let checksFactors = pattern == .brr || pattern == .fay
        var drops = [Bool](repeating: false, count: r)
        if rank {
            inverse = [Double](repeating: 0, count: n)
            first = [Double](repeating: 0, count: n)
            second = [Double](repeating: 0, count: n)
        }
        // Fixed pseudo-random projection coefficients in [1, 2), one pair per replicate.
        let (c1, c2) = Self.projections(r)
        var nonFinite: (Int, Int)?, offPattern: (Int, Int, Double)?
        let blockRows = 4096   // per-row state (24 bytes a row) stays in L2
        inverse.withUnsafeMutableBufferPointer { inv in
            first.withUnsafeMutableBufferPointer { h1 in
                second.withUnsafeMutableBufferPointer { h2 in
                    weights.withUnsafeBufferPointer { w in
                        a.forEachRowBlock(blockRows: blockRows) { (start: Int, length: Int, columns: [UnsafePointer<Double>]) throws(Never) in
                            let end = start + length
                            if rank { Self.normalisers(columns, rows: start..<end, into: inv) }
                            for j in 0..<r {
                                let x = columns[j]
                                var acc = 0.0
                                for i in start..<end { acc += x[i] * 0 }
                                if acc.isNaN, nonFinite == nil || j < nonFinite?.0 ?? 0 {
                                    if let i = (start..<end).first(where: { k in !x[k].isFinite }) { nonFinite = (j, i) }
                                }
                                if checksDrops && !drops[j] {
                                    var dropped = 0
                                    for i in start..<end { dropped &+= (w[i] > 0 ? 1 : 0) & (x[i] == 0 ? 1 : 0) }
                                    drops[j] = dropped > 0
                                }
                                if checksFactors && offPattern == nil {
                                    for i in start..<end where w[i] > 0 {
                                        let f = x[i] / w[i]
                                        if abs(f - low) > 1e-6 * high && abs(f - high) > 1e-6 * high {
                                            offPattern = (j, i, f)
                                            break
                                        }
                                    }
                                }
                                guard rank else { continue }
                                let k1 = c1[j], k2 = c2[j]
                                for i in start..<end {
                                    let v = x[i] * inv[i]
                                    h1[i] += v * k1
                                    h2[i] += v * k2
                                }
                            }
                        }
                    }
                }
            }
        }
        self.nonFinite = nonFinite.map { (replicate: $0.0, row: $0.1) }
        self.offPattern = offPattern.map { (replicate: $0.0, row: $0.1, factor: $0.2) }
        if checksDrops { dropsNothing = drops.firstIndex(of: false) }
    }

    /// Rejects missing or infinite weights, and weights that cannot be of the stated type (a wrong
    /// `--rep-type` would give silently wrong SEs): BRR replicates are 0 or 2 times the full-sample
    /// weight, Fay's ρ or 2−ρ times it (relative tolerance 1e-6), and every jackknife replicate
    /// drops some sampled row (a zero replicate weight where the full-sample weight is positive).
    func check() throws(DesignError) {
        if let bad = nonFinite {
            throw .invalidReplicates("replicate \(bad.replicate + 1) has a missing or infinite value at row \(bad.row + 1)")
        }
        if let bad = offPattern, let type {
            let low = type == .brr ? 0 : rho, high = 2 - low
            throw .invalidReplicates("replicate \(bad.replicate + 1), row \(bad.row + 1): weight is \(bad.factor) × the full-sample weight; "
                + "\(type.rawValue) replicates are \(low) or \(high) times it — check --rep-type (and --fay-rho)")
        }
        if let j = dropsNothing {
            throw .invalidReplicates("replicate \(j + 1) gives every sampled row a weight; jackknife replicates drop "
                + "a PSU (zero weight) — check --rep-type")
        }
    }

    /// 1 / the first non-zero weight of each row in `rows` (0 if the row is all zero): usually the
    /// first replicate decides, the next one or two the rows it drops.
    private static func normalisers(_ columns: [UnsafePointer<Double>], rows: Range<Int>, into inv: UnsafeMutableBufferPointer<Double>) {
        var pending = rows.count
        for x in columns where pending > 0 {
            pending = 0
            for i in rows where inv[i] == 0 {
                if x[i] != 0 { inv[i] = 1 / x[i] } else { pending += 1 }
            }
        }
    }

    /// R's df of a small replicate-factor matrix (see `rankDF(_:)`).
    static func rankDF(_ m: Matrix) throws(DesignError) -> Int {
        let columns = ReplicateWeights(m)
        return try ReplicateScan(columns, weights: [], pattern: nil, rho: 0, rank: true).rankDF(columns)
    }

    /// R's default df: rank of the analysis weights (tolerance 1e-5) − 1, from distinct row
    /// patterns: parallel rows — every row of a PSU under the usual schemes — share a
    /// fingerprint, and the rank is that of the few distinct rows (`PivotedQR`). Two rows that
    /// are not parallel share a fingerprint only if both random projections agree to the last bit.
    func rankDF(_ a: ReplicateWeights) throws(DesignError) -> Int {
        let r = a.columns
        var seen = Set<Fingerprint>(), rows: [Int] = []
        for i in inverse.indices where inverse[i] != 0 && seen.insert(Fingerprint(first[i], second[i])).inserted {
            rows.append(i)
        }
        var distinct = Matrix(rows: rows.count, columns: r)
        for j in 0..<r {
            let column = a.storage[j]
            for (k, i) in rows.enumerated() { distinct[k, j] = column[i] * inverse[i] }
        }
        do {
            let qr = try PivotedQR(distinct, rankTolerance: 1e-5)
            return qr.rank - 1
        } catch {
            throw .invalidReplicates("rank of the replicate weights could not be computed: \(error)")
        }
    }
}

/// Two projections' bit patterns, hashable.
private struct Fingerprint: Hashable {
    let first: UInt64, second: UInt64
    init(_ a: Double, _ b: Double) {
        first = a.bitPattern
        second = b.bitPattern
    }
}
