/// Index of the backtick runs of one inline text, grouped by run length, so finding the
/// closing run of a code span is amortised O(1): each length keeps a cursor that only moves
/// forward (openers are met left to right). This replaces the naive re-scan, which is
/// quadratic on inputs like "` `` ``` …".
struct BacktickIndex {
    /// Start positions of maximal backtick runs, keyed by run length, in increasing order.
    private var runsByLength: [Int: [Int]] = [:]
    /// For each length, how many leading entries of `runsByLength` are already behind us.
    private var cursors: [Int: Int] = [:]
    private var built = false

    /// Builds the index on first use (one pass over the text).
    mutating func buildIfNeeded(_ text: [UInt8]) {
        guard !built else { return }
        built = true
        var i = 0
        let n = text.count
        while i < n {
            if text[i] == Byte.backtick {
                var j = i
                while j < n, text[j] == Byte.backtick { j += 1 }
                runsByLength[j - i, default: []].append(i)
                i = j
            } else {
                i += 1
            }
        }
    }

    /// Start of the first maximal run of exactly `length` backticks beginning at or after
    /// `position`, or nil. Calls must use non-decreasing positions per length.
    mutating func closer(length: Int, from position: Int) -> Int? {
        guard let runs = runsByLength[length] else { return nil }
        var c = cursors[length] ?? 0
        while c < runs.count, runs[c] < position { c += 1 }
        cursors[length] = c
        return c < runs.count ? runs[c] : nil
    }
}

/// Code span content rules (CommonMark §6.1).
enum CodeSpans {
    /// Content range after stripping one leading and one trailing space (or line ending)
    /// when both are present and the content is not made of spaces only.
    static func contentRange(_ text: [UInt8], _ start: Int, _ end: Int) -> (Int, Int) {
        guard end - start >= 2, isSpaceLike(text[start]), isSpaceLike(text[end - 1]) else { return (start, end) }
        var i = start
        while i < end {
            if !isSpaceLike(text[i]) { return (start + 1, end - 1) }
            i += 1
        }
        return (start, end)
    }

    /// Space or line ending (line endings render as spaces inside code spans).
    @inline(__always) static func isSpaceLike(_ b: UInt8) -> Bool { b == Byte.space || b == Byte.newline }
}
