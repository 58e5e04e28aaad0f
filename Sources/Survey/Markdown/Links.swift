/// Precomputed "next position" tables over one inline text, built once (O(n)) the first time
/// a `](` is met. They make every inline-link tail check O(1) (plus the size of what it
/// returns), so inputs such as `[a](b "` × 10 000 stay linear instead of re-scanning ahead.
struct LinkScanIndex {
    private var built = false
    /// Prefix sums of unescaped parentheses: depth[i] = (#'(' − #')') in text[0..<i].
    private var depth: [Int32] = []
    /// nextDrop[i]: the first j > i with depth[j] < depth[i] (text.count + 1 when none).
    private var nextDrop: [Int32] = []
    /// First index ≥ i holding a space or ASCII control character (end of a bare destination).
    private var nextSpaceOrControl: [Int32] = []
    /// First index ≥ i that is not a space or tab.
    private var nextNonSpaceTab: [Int32] = []
    /// First index ≥ i with an unescaped `"`.
    private var nextDoubleQuote: [Int32] = []
    /// First index ≥ i with an unescaped `'`.
    private var nextSingleQuote: [Int32] = []
    /// First index ≥ i with an unescaped `(` or `)`.
    private var nextParen: [Int32] = []
    /// First index ≥ i with an unescaped `<` or `>`, or a line ending.
    private var nextAngleStop: [Int32] = []

    /// Builds the tables on first use.
    mutating func buildIfNeeded(_ text: [UInt8]) {
        guard !built else { return }
        built = true
        let n = text.count
        var escaped = [Bool](repeating: false, count: n)
        var run = 0
        for i in 0..<n {
            escaped[i] = run % 2 == 1
            run = text[i] == Byte.backslash ? run + 1 : 0
        }
        depth = [Int32](repeating: 0, count: n + 1)
        for i in 0..<n {
            var d = depth[i]
            if !escaped[i] {
                if text[i] == Byte.leftParen { d += 1 } else if text[i] == Byte.rightParen { d -= 1 }
            }
            depth[i + 1] = d
        }
        // Next strictly smaller element, with a monotonic stack.
        nextDrop = [Int32](repeating: Int32(n + 1), count: n + 1)
        var stack: [Int] = []
        for j in 0...n {
            while let top = stack.last, depth[j] < depth[top] {
                nextDrop[top] = Int32(j)
                stack.removeLast()
            }
            stack.append(j)
        }
        nextSpaceOrControl = LinkScanIndex.nextIndex(n) { text[$0] <= Byte.space || text[$0] == 0x7F }
        nextNonSpaceTab = LinkScanIndex.nextIndex(n) { !ByteClass.isSpaceOrTab(text[$0]) }
        nextDoubleQuote = LinkScanIndex.nextIndex(n) { text[$0] == Byte.quote && !escaped[$0] }
        nextSingleQuote = LinkScanIndex.nextIndex(n) { text[$0] == Byte.apostrophe && !escaped[$0] }
        nextParen = LinkScanIndex.nextIndex(n) {
            (text[$0] == Byte.leftParen || text[$0] == Byte.rightParen) && !escaped[$0]
        }
        nextAngleStop = LinkScanIndex.nextIndex(n) {
            text[$0] == Byte.newline || ((text[$0] == Byte.lessThan || text[$0] == Byte.greaterThan) && !escaped[$0])
        }
    }

    /// table[i] = first j ≥ i with matches(j), or n; table has n + 1 entries.
    private static func nextIndex(_ n: Int, _ matches: (Int) -> Bool) -> [Int32] {
        var table = [Int32](repeating: Int32(n), count: n + 1)
        var i = n - 1
        while i >= 0 {
            table[i] = matches(i) ? Int32(i) : table[i + 1]
            i -= 1
        }
        return table
    }

    /// Skips spaces/tabs, at most one line ending, then spaces/tabs again.
    private func skipWhitespace(_ text: [UInt8], _ p: Int) -> Int {
        var q = Int(nextNonSpaceTab[p])
        if q < text.count, text[q] == Byte.newline { q = Int(nextNonSpaceTab[q + 1]) }
        return q
    }

    /// Parses `(destination "title")` right after the `]` at `close`. Returns the unescaped
    /// destination and title and the index just past `)`, or nil when there is no inline link.
    func inlineLinkTail(_ text: [UInt8], close: Int) -> (target: LinkTarget, end: Int)? {
        let n = text.count
        var p = close + 1
        guard p < n, text[p] == Byte.leftParen else { return nil }
        p = skipWhitespace(text, p + 1)
        guard p < n else { return nil }
        var destination: [UInt8]
        if text[p] == Byte.lessThan {
            let q = Int(nextAngleStop[p + 1])
            guard q < n, text[q] == Byte.greaterThan else { return nil }
            destination = Entities.unescape(text, p + 1, q)
            p = q + 1
        } else {
            let stop = Int(nextSpaceOrControl[p])
            let drop = Int(nextDrop[p]) - 1   // index of the `)` that closes the link, if any
            if drop < stop {
                destination = Entities.unescape(text, p, drop)
                p = drop
            } else {
                guard depth[stop] == depth[p] else { return nil }   // unbalanced parentheses
                destination = Entities.unescape(text, p, stop)
                p = stop
            }
        }
        let afterDestination = p
        p = skipWhitespace(text, p)
        guard p < n else { return nil }
        if text[p] == Byte.rightParen {
            return (LinkTarget(destination: destination, title: nil), p + 1)
        }
        guard p > afterDestination else { return nil }   // title must be separated by whitespace
        let titleEnd: Int
        switch text[p] {
        case Byte.quote:
            titleEnd = Int(nextDoubleQuote[p + 1])
        case Byte.apostrophe:
            titleEnd = Int(nextSingleQuote[p + 1])
        case Byte.leftParen:
            let q = Int(nextParen[p + 1])
            guard q < n, text[q] == Byte.rightParen else { return nil }
            titleEnd = q
        default:
            return nil
        }
        guard titleEnd < n else { return nil }
        let title = Entities.unescape(text, p + 1, titleEnd)
        p = skipWhitespace(text, titleEnd + 1)
        guard p < n, text[p] == Byte.rightParen else { return nil }
        return (LinkTarget(destination: destination, title: title), p + 1)
    }
}
