import SurveyNumerics

/// The checks and df a `ReplicateDesign` needs from its replicate weights: finiteness, the type's
/// pattern (`check`) and the row fingerprints of R's rank-based df (`rankDF`). It is fed a block of
/// rows at a time, a few replicates at a time (`begin`, `scan`, `end`), so it runs inside any
/// blocked pass — alone (`ReplicateScan.run`) or fused with the replicate totals — while the
/// block's weights are in cache; parts of the rows scanned on other threads are joined by `merge`.
struct ReplicateScan {
    /// First non-finite weight (replicate, row): the lowest replicate, its first row.
    private var nonFinite: (replicate: Int, row: Int)?
    /// First weight off the BRR/Fay pattern (replicate, row, factor), in row-block order.
    private var offPattern: (replicate: Int, row: Int, factor: Double)?
    /// Jackknife replicates seen to drop a sampled row (zero weight where the full-sample one is not).
    private var drops: [Bool]
    private let type: ReplicateType?
    private let rho: Double
    private let rank: Bool
    private let checksDrops: Bool, checksFactors: Bool
    private let c1: [Double], c2: [Double]
    /// Rows with a distinct fingerprint (two fixed random projections of the row divided by its
    /// first non-zero weight — equal for parallel rows: same values, same order of operations),
    /// in row order, with 1 / that first non-zero weight, the class's mass (Σ s² over the rows
    /// sharing the fingerprint, s each one's first non-zero weight) and the fingerprint. All-zero
    /// rows are left out.
    private var distinctRows: [Int] = []
    private var distinctInverse: [Double] = []
    private var distinctMass: [Double] = []
    private var distinctPrints: [Fingerprint] = []
    private var seen: [Fingerprint: Int] = [:]
    /// Set once the distinct rows pass `GramRank.distinctRowLimit`: rows are then no longer told
    /// apart (rounded replicate weights make every row distinct), and the rank comes from the Gram
    /// matrix of all rows (`rankDF`).
    private var overflowed = false
    /// The current block's per-row state: 1 / first non-zero weight, the two projections.
    private var inverse: [Double], first: [Double], second: [Double]
    private var blockStart = 0, blockLength = 0
    /// Per slot of a subset's rows, its distinct rows (for the df of domains), when asked for:
    /// then the whole design's are not kept.
    private(set) var slotRows: SlotDistinctRows?

    /// Rows per block of a scan (per-row state, 24 bytes a row, stays in L1/L2).
    static let blockRows = 4096

    /// A scanner for `replicates` replicates; `pattern` is the type to check (nil: none), `rank`
    /// whether to fingerprint rows; blocks are at most `blockRows` long.
    init(replicates: Int, pattern: ReplicateType?, rho: Double, rank: Bool, blockRows: Int = ReplicateScan.blockRows,
         slots: RowSlots? = nil) {
        type = pattern
        self.rho = rho
        self.rank = rank || slots != nil
        let rank = self.rank
        slotRows = slots.map { SlotDistinctRows($0) }
        checksDrops = pattern == .jk1 || pattern == .jkn
        checksFactors = pattern == .brr || pattern == .fay
        drops = [Bool](repeating: false, count: replicates)
        // Fixed pseudo-random projection coefficients in [1, 2), one pair per replicate.
        (c1, c2) = Self.projections(replicates)
        inverse = [Double](repeating: 0, count: rank ? blockRows : 0)
        first = inverse
        second = inverse
    }

    /// Scans `a` in one blocked pass on `parts` threads (a fixed split, so the result does not
    /// depend on the cores).
    static func run(_ a: ReplicateWeights, weights: [Double], pattern: ReplicateType?, rho: Double, rank: Bool,
                    parts: Int = ReplicateWeights.parts, slots: RowSlots? = nil) -> ReplicateScan {
        var scans = (0..<parts).map { _ in
            ReplicateScan(replicates: a.columns, pattern: pattern, rho: rho, rank: rank, slots: slots)
        }
        weights.withUnsafeBufferPointer { w in
            scans.withUnsafeMutableBufferPointer { part in
                a.forEachRowBlock(blockRows: blockRows, parts: parts) { (k: Int, start: Int, length: Int, columns: [UnsafePointer<Double>]) in
                    part[k].begin(start: start, length: length, columns: columns)
                    part[k].scan(0, columns.map { $0 + start }, weights: w)
                    part[k].end()
                }
            }
        }
        for k in 1..<max(parts, 1) { scans[0].merge(scans[k]) }
        return scans[0]
    }

    /// Starts the block of rows `start..<start + length` (`columns[j]` at row 0 of replicate j).
    mutating func begin(start: Int, length: Int, columns: [UnsafePointer<Double>]) {
        blockStart = start
        blockLength = length
        guard rank else { return }
        inverse.withUnsafeMutableBufferPointer { inv in
            for k in 0..<length { inv[k] = 0 }
            Self.normalisers(columns, start: start, length: length, into: inv)
        }
        for k in 0..<length { first[k] = 0; second[k] = 0 }
    }

    /// Scans replicates `j0..<j0 + block.count` over the current block; `block[q]` points at the
    /// block's first row of replicate j0 + q (the column itself or a cache-resident copy).
    mutating func scan(_ j0: Int, _ block: [UnsafePointer<Double>], weights w: UnsafeBufferPointer<Double>) {
        let length = blockLength, start = blockStart, rank = rank, c1 = c1, c2 = c2
        var q = 0, nonFinite = nonFinite
        // The block state moves out of `self` for the loop (no copy: the arrays stay unique).
        var inverse = self.inverse, first = self.first, second = self.second
        (self.inverse, self.first, self.second) = ([], [], [])
        defer { (self.inverse, self.first, self.second) = (inverse, first, second) }
        inverse.withUnsafeMutableBufferPointer { inv in
            first.withUnsafeMutableBufferPointer { h1 in
                second.withUnsafeMutableBufferPointer { h2 in
                    while q < block.count {
                        // Four replicates at a time: missing/infinite check (exponent all ones,
                        // integer ops that vectorize) and the fingerprint, per row.
                        let width = min(4, block.count - q), j = j0 + q
                        let bad: Bool
                        if width == 4 {
                            bad = Self.group4(block[q], block[q + 1], block[q + 2], block[q + 3], length: length, rank: rank,
                                              k1: (c1[j], c1[j + 1], c1[j + 2], c1[j + 3]),
                                              k2: (c2[j], c2[j + 1], c2[j + 2], c2[j + 3]), inv, h1, h2)
                        } else {
                            var any = false
                            for e in 0..<width {
                                any = Self.group1(block[q + e], length: length, rank: rank, k1: c1[j + e], k2: c2[j + e], inv, h1, h2) || any
                            }
                            bad = any
                        }
                        if bad {
                            for e in 0..<width where nonFinite == nil || j + e < nonFinite?.replicate ?? 0 {
                                let x = block[q + e]
                                if let k = (0..<length).first(where: { !x[$0].isFinite }) {
                                    nonFinite = (j + e, start + k)
                                    break
                                }
                            }
                        }
                        q += width
                    }
                }
            }
        }
        self.nonFinite = nonFinite
        scanPattern(j0, block, weights: w)
    }

    /// The type's pattern checks for replicates `j0..<j0 + block.count` over the current block
    /// (`scan` without the finiteness check and fingerprints).
    mutating func scanPattern(_ j0: Int, _ block: [UnsafePointer<Double>], weights w: UnsafeBufferPointer<Double>) {
        guard let base = w.baseAddress else { return }
        scanPattern(j0, block, blockWeights: base + blockStart)
    }

    /// `scanPattern` with the full-sample weights given at the block's first row (`w[k]` is row
    /// `blockStart + k`'s): for a pass that holds only the block, such as the streamed one.
    mutating func scanPattern(_ j0: Int, _ block: [UnsafePointer<Double>], blockWeights w: UnsafePointer<Double>) {
        scanPattern(j0, parts: [PatternPart(replicates: block, weights: w, start: blockStart, length: blockLength)])
    }

    /// Rows of a block that lie in one table's columns: replicates `j0 + q` at `replicates[q]` and
    /// the full-sample weights at `weights`, from file row `start`, `length` rows.
    struct PatternPart {
        var replicates: [UnsafePointer<Double>]
        var weights: UnsafePointer<Double>
        var start: Int
        var length: Int
    }

    /// `scanPattern` over a block held in parts, in file order: each replicate's rows in every part
    /// before the next replicate's, so the first off-pattern weight found is the whole block's.
    mutating func scanPattern(_ j0: Int, parts: [PatternPart]) {
        guard checksDrops || checksFactors, let width = parts.first?.replicates.count else { return }
        let low = type == .brr ? 0 : rho, high = 2 - low
        for e in 0..<width {
            let j = j0 + e
            for part in parts {
                let x = part.replicates[e], w = part.weights, length = part.length
                if checksDrops && !drops[j] {
                    var dropped = 0
                    for k in 0..<length { dropped &+= (w[k] > 0 ? 1 : 0) & (x[k] == 0 ? 1 : 0) }
                    drops[j] = dropped > 0
                }
                if checksFactors && offPattern == nil {
                    for k in 0..<length where w[k] > 0 {
                        let f = x[k] / w[k]
                        if abs(f - low) > 1e-6 * high && abs(f - high) > 1e-6 * high {
                            offPattern = (j, part.start + k, f)
                            break
                        }
                    }
                }
            }
        }
    }

    /// Whether `scanPattern` still has something to check in replicates `j0..<j0 + width`.
    func wantsPattern(_ j0: Int, _ width: Int) -> Bool {
        (checksDrops && drops[j0..<(j0 + width)].contains(false)) || (checksFactors && offPattern == nil)
    }

    /// Ends the block: new fingerprints join the distinct rows (a run of equal fingerprints — the
    /// rows of one PSU, usually adjacent — is hashed once).
    mutating func end() {
        guard rank else { return }
        if slotRows != nil {
            slotRows?.add(start: blockStart, length: blockLength, inverse: inverse, first: first, second: second)
            return
        }
        guard !overflowed else { return }
        var previous: Fingerprint? = nil, previousClass = 0
        for k in 0..<blockLength where inverse[k] != 0 {
            let print = Fingerprint(first[k], second[k]), mass = 1 / (inverse[k] * inverse[k])
            if print != previous {
                previous = print
                if let c = seen[print] {
                    previousClass = c
                } else {
                    previousClass = distinctRows.count
                    seen[print] = previousClass
                    distinctRows.append(blockStart + k)
                    distinctInverse.append(inverse[k])
                    distinctMass.append(0)
                    distinctPrints.append(print)
                }
            }
            distinctMass[previousClass] += mass
        }
        if distinctRows.count > GramRank.distinctRowLimit { overflow() }
    }

    /// Stops telling rows apart (`overflowed`).
    private mutating func overflow() {
        overflowed = true
        (seen, distinctRows, distinctInverse, distinctMass, distinctPrints) = ([:], [], [], [], [])
    }

    /// The fixed projection coefficients of replicates `j0..<j0 + width` as a `width × 2`
    /// column-major block (for `end(projected:columns:)`).
    func projectionBlock(_ j0: Int, _ width: Int) -> [Double] {
        Array(c1[j0..<(j0 + width)]) + Array(c2[j0..<(j0 + width)])
    }

    /// Ends the block from its projections computed elsewhere (`h`: length × 2, the row block of
    /// the weights times `projectionBlock(0, R)`, by BLAS): a non-finite projection means a
    /// missing or infinite weight, looked up in `columns` (at row 0 of each replicate); the
    /// fingerprints are the projections over the first non-zero weight rounded to 40 significant
    /// bits, since the BLAS sums of parallel rows may differ in the last bits (a row pattern
    /// split by the rounding only adds a row to the QR of `rankDF`).
    mutating func end(projected h: UnsafeBufferPointer<Double>, columns: [UnsafePointer<Double>]) {
        let length = blockLength, start = blockStart
        var finite = true
        for k in 0..<(2 * length) where !h[k].isFinite { finite = false; break }
        if !finite {
            for j in columns.indices where nonFinite == nil || j < nonFinite?.replicate ?? 0 {
                let x = columns[j]
                if let k = (0..<length).first(where: { !x[start + $0].isFinite }) {
                    nonFinite = (j, start + k)
                    break
                }
            }
        }
        guard rank else { return }
        for k in 0..<length where inverse[k] != 0 {
            first[k] = Self.rounded40(h[k] * inverse[k])
            second[k] = Self.rounded40(h[length + k] * inverse[k])
        }
        end()
    }

    /// Records the first missing or infinite weight of the lowest of `candidates` (replicates in
    /// increasing order) that has one and is below the one already found, searching its whole column.
    mutating func findNonFinite(in a: ReplicateWeights, among candidates: [Int]) {
        for j in candidates where nonFinite == nil || j < nonFinite?.replicate ?? 0 {
            if let row = a.storage[j].firstIndex(where: { !$0.isFinite }) {
                nonFinite = (j, row)
                return
            }
        }
    }

    /// `x` rounded to 40 significant bits (ties away from zero in magnitude).
    static func rounded40(_ x: Double) -> Double {
        Double(bitPattern: (x.bitPattern &+ 0x800) & ~UInt64(0xFFF))
    }

    /// Number of distinct row fingerprints so far.
    var distinctCount: Int { overflowed ? Int.max : distinctRows.count }

    /// Whether this scan fingerprints rows for the rank.
    var fingerprints: Bool { rank }

    /// Joins the scan of the rows after this scan's (another thread's part): the result is the one
    /// scan of all the rows in order would give.
    mutating func merge(_ later: ReplicateScan) {
        if let b = later.nonFinite, nonFinite == nil || b.replicate < nonFinite?.replicate ?? 0 { nonFinite = b }
        if offPattern == nil { offPattern = later.offPattern }
        for j in drops.indices where later.drops[j] { drops[j] = true }
        if let rows = later.slotRows { slotRows?.merge(rows) }
        if later.overflowed && !overflowed { overflow() }
        guard !overflowed else { return }
        for (k, print) in later.distinctPrints.enumerated() {
            if let c = seen[print] {
                distinctMass[c] += later.distinctMass[k]
                continue
            }
            seen[print] = distinctRows.count
            distinctRows.append(later.distinctRows[k])
            distinctInverse.append(later.distinctInverse[k])
            distinctMass.append(later.distinctMass[k])
            distinctPrints.append(print)
        }
        if distinctRows.count > GramRank.distinctRowLimit { overflow() }
    }

    /// Whether a weight's exponent is all ones (NaN or ±∞), as the top bit of a sum: integer
    /// operations only, so the loops using it vectorize.
    @inline(__always)
    private static func nonFiniteBit(_ x: Double) -> UInt64 {
        (x.bitPattern & 0x7FF0_0000_0000_0000) &+ 0x0010_0000_0000_0000
    }

    /// Four replicates over one block: adds their projections to the fingerprints (when `rank`)
    /// and tells whether any weight is missing or infinite.
    @inline(__always)
    private static func group4(
        _ x0: UnsafePointer<Double>, _ x1: UnsafePointer<Double>, _ x2: UnsafePointer<Double>, _ x3: UnsafePointer<Double>,
        length: Int, rank: Bool, k1: (Double, Double, Double, Double), k2: (Double, Double, Double, Double),
        _ inv: UnsafeMutableBufferPointer<Double>, _ h1: UnsafeMutableBufferPointer<Double>,
        _ h2: UnsafeMutableBufferPointer<Double>
    ) -> Bool {
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
            throw .nonFiniteReplicate(replicate: bad.replicate, row: bad.row)
        }
        try checkFactors()
        if checksDrops, let j = drops.firstIndex(of: false) {
            throw .invalidReplicates("replicate \(j + 1) gives every sampled row a weight; jackknife replicates drop "
                + "a PSU (zero weight) — check --rep-type")
        }
    }

    /// The BRR/Fay part of `check`, which rows seen so far can already fail (a streamed pass
    /// stops at the block that shows it).
    func checkFactors() throws(DesignError) {
        if let bad = offPattern, let type {
            let low = type == .brr ? 0 : rho, high = 2 - low
            throw .invalidReplicates("replicate \(bad.replicate + 1), row \(bad.row + 1): weight is \(bad.factor) × the full-sample weight; "
                + "\(type.rawValue) replicates are \(low) or \(high) times it — check --rep-type (and --fay-rho)")
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
        return try run(columns, weights: [], pattern: nil, rho: 0, rank: true).rankDF(columns)
    }

    /// R's default df: rank of the analysis weights (tolerance 1e-5) − 1, from distinct row
    /// patterns: parallel rows — every row of a PSU under the usual schemes — share a
    /// fingerprint, and the rank is that of the few distinct rows (`LimitedPivotingRank`). Two rows that
    /// are not parallel share a fingerprint only if both random projections agree to the last bit.
    func rankDF(_ a: ReplicateWeights) throws(DesignError) -> Int {
        if overflowed { return try GramRank.rankDF(of: a, rows: nil) }
        return try Self.rankDF(a, rows: distinctRows, inverse: distinctInverse, mass: distinctMass)
    }

    /// `rankDF` of the distinct rows `rows` (`inverse`: 1 / each one's first non-zero weight;
    /// `mass`: Σ s² over its class). A class of parallel rows sᵢ·d adds (Σ sᵢ²)·d dᵀ to AᵀA, so
    /// its row is d·√(Σ sᵢ²): R's rule, which depends on A only through AᵀA, then decides as on
    /// all n rows (each distinct row counted once moved a near-dependency across the tolerance:
    /// df 2 where R's is 1, `ReplicateRankMassTests`). More than `GramRank.distinctRowLimit` rows go
    /// to `GramRank` (a certificate, else the Gram matrix, each row weighted by its class).
    static func rankDF(_ a: ReplicateWeights, rows: [Int], inverse: [Double], mass: [Double]) throws(DesignError) -> Int {
        if rows.count > GramRank.distinctRowLimit {
            let multiplicity = zip(mass, inverse).map { $0 * $1 * $1 }
            return try GramRank.rankDF(of: a, rows: rows, multiplicity: multiplicity)
        }
        let r = a.columns
        let scale = zip(inverse, mass).map { $0 * $1.squareRoot() }
        var distinct = Matrix(rows: rows.count, columns: r)
        for j in 0..<r {
            let column = a.storage[j]
            for (k, i) in rows.enumerated() { distinct[k, j] = column[i] * scale[k] }
        }
        do {
            return try LimitedPivotingRank.rank(of: distinct, tolerance: 1e-5) - 1
        } catch {
            throw .invalidReplicates("rank of the replicate weights could not be computed: \(error)")
        }
    }
}

/// Two projections' bit patterns, hashable.
struct Fingerprint: Hashable, Sendable {
    let first: UInt64, second: UInt64
    init(_ a: Double, _ b: Double) {
        first = a.bitPattern
        second = b.bitPattern
    }
}
