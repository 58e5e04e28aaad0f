import SurveyNumerics

/// Which rows each slot's df rests on: slot 0 the rows where `base` is non-zero (nil: all), slot
/// 1 + d domain d's rows among them — the rows R keeps in `subset(design, …)` (its `na.rm` and
/// domain subsets), whose replicate weights' rank gives that subset's `degf`.
struct RowSlots: Sendable {
    let base: [Double]?
    let codes: [Int32]?
    /// Number of slots: 1 + the number of domains.
    let count: Int

    init(base: [Double]?, domains: Domains?) {
        self.base = base
        codes = domains?.codes
        count = 1 + (domains?.count ?? 0)
    }

    /// Calls `body(slot)` for each slot row `i` belongs to (0 first, then its domain's).
    @inline(__always)
    func forEachSlot(of i: Int, _ body: (Int) -> Void) {
        if let base, base[i] == 0 { return }
        body(0)
        if let codes, codes[i] >= 0 { body(Int(codes[i]) + 1) }
    }
}

/// Per slot of `RowSlots`, the rows with a distinct replicate-weight fingerprint (as
/// `ReplicateScan` keeps for the whole design), in row order, with 1 / the row's first non-zero
/// weight: R's df of the slot's subset is the rank of these rows (`rankDF`). Fed by a
/// `ReplicateScan` block by block; parts scanned on other threads are joined by `merge`.
struct SlotDistinctRows: Sendable {
    let slots: RowSlots
    /// Per slot: the distinct rows, 1 / their first non-zero weight, their fingerprints.
    private(set) var rows: [[Int]]
    private(set) var inverse: [[Double]]
    private var prints: [[Fingerprint]]
    private var seen: [Set<Fingerprint>]

    init(_ slots: RowSlots) {
        self.slots = slots
        rows = [[Int]](repeating: [], count: slots.count)
        inverse = [[Double]](repeating: [], count: slots.count)
        prints = [[Fingerprint]](repeating: [], count: slots.count)
        seen = [Set<Fingerprint>](repeating: [], count: slots.count)
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
            for (k, print) in later.prints[s].enumerated() {
                insert(s, row: later.rows[s][k], inverse: later.inverse[s][k], print: print)
            }
        }
    }

    private mutating func insert(_ s: Int, row: Int, inverse value: Double, print: Fingerprint) {
        guard seen[s].insert(print).inserted else { return }
        rows[s].append(row)
        inverse[s].append(value)
        prints[s].append(print)
    }
}
