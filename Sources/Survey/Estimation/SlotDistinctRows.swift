import SurveyNumerics

/// Which rows each slot's df rests on: slot 0 the rows where `base` is non-zero (nil: all), slot
/// 1 + d domain d's rows among them — the rows R keeps in `subset(design, …)` (its `na.rm` and
/// domain subsets), whose replicate weights' rank gives that subset's `degf`.
struct RowSlots: Sendable {
    let base: [Double]?
    let codes: [Int32]?
    /// Number of slots: 1 + the number of domains.
    let count: Int
    /// Whether slot 0 is wanted (false: its df is known, the whole design's, so no row goes to it).
    let whole: Bool

    init(base: [Double]?, domains: Domains?, whole: Bool = true) {
        self.base = base
        codes = domains?.codes
        count = 1 + (domains?.count ?? 0)
        self.whole = whole
    }

    /// Calls `body(slot)` for each wanted slot row `i` belongs to (0 first, then its domain's).
    @inline(__always)
    func forEachSlot(of i: Int, _ body: (Int) -> Void) {
        if let base, base[i] == 0 { return }
        if whole { body(0) }
        if let codes, codes[i] >= 0 { body(Int(codes[i]) + 1) }
    }
}

/// Per slot of `RowSlots`, the rows with a distinct replicate-weight fingerprint (as
/// `ReplicateScan` keeps for the whole design), in row order, with 1 / the row's first non-zero
/// weight and its class's mass (Σ s² of the slot's rows sharing the fingerprint): R's df of the
/// slot's subset is the rank of these rows, each scaled to its class (`rankDF`). A slot with more
/// than `GramRank.distinctRowLimit` distinct rows stops telling them apart (its rank will come
/// from the Gram matrix of its rows, where a repeated row changes nothing): its later rows are all
/// kept, unhashed. Fed by a `ReplicateScan` block by block; parts scanned on other threads are
/// joined by `merge`.
struct SlotDistinctRows: Sendable {
    let slots: RowSlots
    /// Per slot: the distinct rows, 1 / their first non-zero weight, their classes' mass, their fingerprints.
    private(set) var rows: [[Int]]
    private(set) var inverse: [[Double]]
    private(set) var mass: [[Double]]
    private var prints: [[Fingerprint]]
    private var seen: [[Fingerprint: Int]]
    /// Per slot: past the limit, so rows are no longer told apart.
    private var overflowed: [Bool]

    init(_ slots: RowSlots) {
        self.slots = slots
        rows = [[Int]](repeating: [], count: slots.count)
        inverse = [[Double]](repeating: [], count: slots.count)
        mass = inverse
        prints = [[Fingerprint]](repeating: [], count: slots.count)
        seen = [[Fingerprint: Int]](repeating: [:], count: slots.count)
        overflowed = [Bool](repeating: false, count: slots.count)
    }

    /// Adds a block's rows `start..<start + length`: row `start + k` has fingerprint
    /// (`first[k]`, `second[k]`) and 1 / first non-zero weight `inverse[k]` (0: an all-zero row, left out).
    mutating func add(start: Int, length: Int, inverse blockInverse: [Double], first: [Double], second: [Double]) {
        for k in 0..<length where blockInverse[k] != 0 {
            let i = start + k, print = Fingerprint(first[k], second[k])
            let rowMass = 1 / (blockInverse[k] * blockInverse[k])
            slots.forEachSlot(of: i) { s in insert(s, row: i, inverse: blockInverse[k], mass: rowMass, print: print) }
        }
    }

    /// Joins the rows scanned after this part's.
    mutating func merge(_ later: SlotDistinctRows) {
        for s in rows.indices {
            if later.overflowed[s] { overflow(s) }
            for (k, print) in later.prints[s].enumerated() {
                insert(s, row: later.rows[s][k], inverse: later.inverse[s][k], mass: later.mass[s][k], print: print)
            }
        }
    }

    /// Adds `mass` to the class of `print`, or (a new class, or past the limit) the row itself.
    private mutating func insert(_ s: Int, row: Int, inverse value: Double, mass rowMass: Double, print: Fingerprint) {
        if !overflowed[s] {
            if let c = seen[s][print] {
                mass[s][c] += rowMass
                return
            }
            seen[s][print] = rows[s].count
        }
        rows[s].append(row)
        inverse[s].append(value)
        mass[s].append(rowMass)
        prints[s].append(print)
        if !overflowed[s] && rows[s].count > GramRank.distinctRowLimit { overflow(s) }
    }

    /// Stops telling slot `s`'s rows apart.
    private mutating func overflow(_ s: Int) {
        overflowed[s] = true
        seen[s] = [:]
    }
}
