import SurveyData

/// Calls `body(part, rows)` for `parts` consecutive fixed row ranges of `0..<rows` — the split of
/// the serial passes beside the replicate pass (`ReplicateWeights.parts`) — on their own threads
/// when the rows are many. The ranges do not depend on the cores or on whether threads are used,
/// so per-part results combined in part order are the same on any machine.
func forEachRowPart(rows: Int, parts: Int = ReplicateWeights.parts, _ body: (Int, Range<Int>) -> Void) {
    let parts = max(1, parts)
    let range = { (k: Int) in (rows * k / parts)..<(rows * (k + 1) / parts) }
    if rows < 1 << 16 || parts == 1 {
        for k in 0..<parts { body(k, range(k)) }
    } else {
        parallelFor(parts) { k in body(k, range(k)) }
    }
}
