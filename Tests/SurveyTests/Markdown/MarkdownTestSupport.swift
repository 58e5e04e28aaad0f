import Testing

/// One input/expected-output pair for a parameterised test; `name` is what the runner shows.
struct MarkdownCase: Sendable, CustomTestStringConvertible {
    let name: String
    let markdown: String
    let html: String

    /// A named case.
    init(_ name: String, _ markdown: String, _ html: String) {
        self.name = name
        self.markdown = markdown
        self.html = html
    }

    var testDescription: String { name }
}

/// Number of non-overlapping occurrences of `needle` in `haystack` (no Foundation needed).
func markdownOccurrences(of needle: String, in haystack: String) -> Int {
    let h = Array(haystack.utf8)
    let n = Array(needle.utf8)
    guard !n.isEmpty, h.count >= n.count else { return 0 }
    var count = 0
    var i = 0
    while i + n.count <= h.count {
        if h[i..<(i + n.count)].elementsEqual(n) {
            count += 1
            i += n.count
        } else {
            i += 1
        }
    }
    return count
}
