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
/// weight: R's df of the slot's subset is the rank of these rows (`rankDF`). A slot with more
/// than `GramRank.distinctRowLimit` distinct rows stops telling them apart (its rank will come
/// from the Gram matrix of its rows, where a repeated row changes nothing): its later rows are all
/// kept, unhashed. Fed by a `ReplicateScan` block by block; parts scanned on other threads are
/// joined by `merge`.
struct SlotDistinctRows: Sendable {
    let slots: RowSlots
    /// Per slot: the distinct rows, 1 / their first non-zero weight, their fingerprints.
    private(set) var rows: [[Int]]
    private(set) var inverse: [[Double]]
    private var prints: [[Fingerprint]]
    private var seen: [Set<Fingerprint>]
    /// Per slot: past the limit, so rows are no longer told apart.
    private var overflowed: [Bool]

    init(_ slots: RowSlots) {
        self.slots = slots
        rows = [[Int]](repeating: [], count: slots.count)
        inverse = [[Double]](repeating: [], count: slots.count)
        prints = [[Fingerprint]](repeating: [], count: slots.count)
        seen = [Set<Fingerprint>](repeating: [], count: slots.count)
        overflowed = [Bool](repeating: false, count: slots.count)
    }

    /// Adds a block's rows `start..<start + length`: row `start + k` has fingerprint
    /// (`first[k]`, `second[k]`) and 1 / first non-zero weight `inverse[k]` (0: an all-zero row, left out).
    mutating func add(start: Int, length: Int, inverse blockInverse: [Double], first: [Double], second: [Double]) {
        for k in 0..<length where blockInverse[k] != 0 {
            let i = start + k, print = Fingerprint(first[k], second[k])
            slots.forEachSlot(of: i) { s in insert(s, row: i, inverse: blockInverse[k], print: print) }
        }
    }

    /// Joins the rows scanned after this part's.
    mutating func merge(_ later: SlotDistinctRows) {
        for s in rows.indices {
            if later.overflowed[s] { overflow(s) }
            for (k, print) in later.prints[s].enumerated() {
                insert(s, row: later.rows[s][k], inverse: later.inverse[s][k], print: print)
            }
        }
    }

    private mutating func insert(_ s: Int, row: Int, inverse value: Double, print: Fingerprint) {
        guard overflowed[s] || seen[s].insert(print).inserted else { return }
        rows[s].append(row)
        inverse[s].append(value)
        prints[s].append(print)
        if !overflowed[s] && rows[s].count > GramRank.distinctRowLimit { overflow(s) }
    }

    /// Stops telling slot `s`'s rows apart.
    private mutating func overflow(_ s: Int) {
        overflowed[s] = true
        seen[s] = []
    }
}
