#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes the pages of rows `rows` of every output column resident and writable in one system
/// call per column (Linux `MADV_POPULATE_WRITE`), so the CSV parser writing them takes no page
/// fault per 4 KB page (about a fifth of a one-thread read of 1 GB went to those faults). Only
/// rows about to be written are populated, a batch at a time, so the resident set still grows
/// with the rows read. Elsewhere, or on a kernel without it (before 5.14), it does nothing and
/// the pages fault in as they are written.
func prefaultRows(_ rows: Range<Int>, outputs: [UnsafeMutableRawPointer], text: [Bool]) {
    #if os(Linux)
    let populateWrite: Int32 = 23   // MADV_POPULATE_WRITE (Linux 5.14)
    let page = 4096
    for (j, base) in outputs.enumerated() {
        let size = text[j] ? 4 : 8
        let from = Int(bitPattern: base) + rows.lowerBound * size, to = Int(bitPattern: base) + rows.upperBound * size
        // Whole pages inside the rows only: a page shared with another allocation is left to fault.
        let start = (from + page - 1) / page * page, end = to / page * page
        guard end > start, let p = UnsafeMutableRawPointer(bitPattern: start) else { continue }
        _ = madvise(p, end - start, populateWrite)
    }
    #endif
}
