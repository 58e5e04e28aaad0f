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
    /// Rows with a distinct fingerprint (two fixed random projections of the row divided by its
    /// first non-zero weight — equal for parallel rows: same values, same order of operations),
    /// in row order, and 1 / that first non-zero weight for each. All-zero rows are left out.
    private var distinctRows: [Int] = []
    private var distinctInverse: [Double] = []

    /// Scans `a`; `pattern` is the type to check (nil: none), `rank` whether to fingerprint rows.
    init(_ a: ReplicateWeights, weights: [Double], pattern: ReplicateType?, rho: Double, rank: Bool) {
        type = pattern
        self.rho = rho
        let r = a.columns
        let low = pattern == .brr ? 0 : rho, high = 2 - low
        let checksDrops = pattern == .jk1 || pattern == .jkn
        let checksFactors = pattern == .brr || pattern == .fay
        var drops = [Bool](repeating: false, count: r)
        // Fixed pseudo-random projection coefficients in [1, 2), one pair per replicate.
        let (c1, c2) = Self.projections(r)
        var nonFinite: (Int, Int)?, offPattern: (Int, Int, Double)?
        let blockRows = 4096   // per-row state of a block (24 bytes a row) stays in L1/L2
        var inverse = [Double](repeating: 0, count: rank ? blockRows : 0), first = inverse, second = inverse
        var seen = Set<Fingerprint>(), distinct: [Int] = [], distinctInverse: [Double] = []
        inverse.withUnsafeMutableBufferPointer { inv in
            first.withUnsafeMutableBufferPointer { h1 in
                second.withUnsafeMutableBufferPointer { h2 in
                    weights.withUnsafeBufferPointer { w in
                        a.forEachRowBlock(blockRows: blockRows) { (start: Int, length: Int, columns: [UnsafePointer<Double>]) throws(Never) in
                            let end = start + length
                            if rank {
                                for k in 0..<length { inv[k] = 0; h1[k] = 0; h2[k] = 0 }
                                Self.normalisers(columns, start: start, length: length, into: inv)
                            }
                            var j = 0
                            while j < r {
                                // Four replicates at a time: missing/infinite check (exponent all ones,
                                // integer ops that vectorize) and the fingerprint, per row.
                                let width = min(4, r - j)
                                let bad: Bool
                                if width == 4 {
                                    bad = Self.group4(columns, j, start: start, length: length, rank: rank,
                                                      k1: (c1[j], c1[j + 1], c1[j + 2], c1[j + 3]),
                                                      k2: (c2[j], c2[j + 1], c2[j + 2], c2[j + 3]), inv, h1, h2)
                                } else {
                                    var any = false
                                    for q in j..<(j + width) {
                                        any = Self.group1(columns[q] + start, length: length, rank: rank, k1: c1[q], k2: c2[q], inv, h1, h2) || any
                                    }
                                    bad = any
                                }
                                if bad {
                                    for q in j..<(j + width) where nonFinite == nil || q < nonFinite?.0 ?? 0 {
                                        let x = columns[q]
                                        if let i = (start..<end).first(where: { k in !x[k].isFinite }) { nonFinite = (q, i); break }
                                    }
                                }
                                j += width
                            }
                            for j in 0..<r {
                                let x = columns[j]
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
                            }
                            guard rank else { return }
                            // Runs of equal fingerprints (the rows of one PSU, usually adjacent) are
                            // hashed once.
                            var previous: Fingerprint? = nil
                            for k in 0..<length where inv[k] != 0 {
                                let print = Fingerprint(h1[k], h2[k])
                                if print == previous { continue }
                                previous = print
                                if seen.insert(print).inserted {
                                    distinct.append(start + k)
                                    distinctInverse.append(inv[k])
                                }
                            }
                        }
                    }
                }
            }
        }
        self.distinctRows = distinct
        self.distinctInverse = distinctInverse
        self.nonFinite = nonFinite.map { (replicate: $0.0, row: $0.1) }
        self.offPattern = offPattern.map { (replicate: $0.0, row: $0.1, factor: $0.2) }
        if checksDrops { dropsNothing = drops.firstIndex(of: false) }
    }

    /// Whether a weight's exponent is all ones (NaN or ±∞), as the top bit of a sum: integer
    /// operations only, so the loops using it vectorize.
    @inline(__always)
    private static func nonFiniteBit(_ x: Double) -> UInt64 {
        (x.bitPattern & 0x7FF0_0000_0000_0000) &+ 0x0010_0000_0000_0000
    }

    /// Replicates j…j+3 over one block: adds their projections to the fingerprints (when `rank`)
    /// and tells whether any weight is missing or infinite.
    @inline(__always)
    private static func group4(
        _ columns: [UnsafePointer<Double>], _ j: Int, start: Int, length: Int, rank: Bool,
        k1: (Double, Double, Double, Double), k2: (Double, Double, Double, Double),
        _ inv: UnsafeMutableBufferPointer<Double>, _ h1: UnsafeMutableBufferPointer<Double>,
        _ h2: UnsafeMutableBufferPointer<Double>
    ) -> Bool {
        let x0 = columns[j] + start, x1 = columns[j + 1] + start, x2 = columns[j + 2] + start, x3 = columns[j + 3] + start
        var flags: UInt64 = 0
        for k in 0..<length {
            flags |= nonFiniteBit(x0[k]) | nonFiniteBit(x1[k]) | nonFiniteBit(x2[k]) | nonFiniteBit(x3[k])
        }
        if rank, let p = inv.baseAddress, let f = h1.baseAddress, let s = h2.baseAddress {
            for k in 0..<length {
                let v0 = x0[k] * p[k], v1 = x1[k] * p[k], v2 = x2[k] * p[k], v3 = x3[k] * p[k]
                f[k] += ((v0 * k1.0 + v1 * k1.1) + v2 * k1.2) + v3 * k1.3
                s[k] += ((v0 * k2.0 + v1 * k2.1) + v2 * k2.2) + v3 * k2.3
            }
        }
        return flags & 0x8000_0000_0000_0000 != 0
    }

    /// One replicate over one block, as `group4`.
    private static func group1(
        _ x: UnsafePointer<Double>, length: Int, rank: Bool, k1: Double, k2: Double,
        _ inv: UnsafeMutableBufferPointer<Double>, _ h1: UnsafeMutableBufferPointer<Double>,
        _ h2: UnsafeMutableBufferPointer<Double>
    ) -> Bool {
        var flags: UInt64 = 0
        for k in 0..<length { flags |= nonFiniteBit(x[k]) }
        if rank, let p = inv.baseAddress, let f = h1.baseAddress, let s = h2.baseAddress {
            for k in 0..<length {
                let v = x[k] * p[k]
                f[k] += v * k1
                s[k] += v * k2
            }
        }
        return flags & 0x8000_0000_0000_0000 != 0
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

    /// 1 / the first non-zero weight of each row of the block at `start` (0 if the row is all
    /// zero), into `inv[0..<length]`: usually the first replicate decides, the next one or two the
    /// rows it drops.
    private static func normalisers(_ columns: [UnsafePointer<Double>], start: Int, length: Int,
                                    into inv: UnsafeMutableBufferPointer<Double>) {
        var pending = length
        for x in columns where pending > 0 {
            pending = 0
            for k in 0..<length where inv[k] == 0 {
                if x[start + k] != 0 { inv[k] = 1 / x[start + k] } else { pending += 1 }
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
        let r = a.columns, rows = distinctRows
        var distinct = Matrix(rows: rows.count, columns: r)
        for j in 0..<r {
            let column = a.storage[j]
            for (k, i) in rows.enumerated() { distinct[k, j] = column[i] * distinctInverse[k] }
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
