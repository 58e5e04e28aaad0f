/// `split(separator:)` on bytes where that is exactly Character splitting, since splitting by
/// Character costs a grapheme-break check per character and the interactive commands split every
/// line they print (issue 17 item 4). Falls back to Character splitting otherwise.
package enum ByteSplit {
    /// `text.split(separator: "\n", omittingEmptySubsequences: omitting)`. An LF is always a
    /// Character of its own (Unicode grapheme rules GB4/GB5) except right after a CR, so without
    /// CRs the byte split is the Character split.
    package static func lines(_ text: some StringProtocol, omittingEmptySubsequences omitting: Bool = true) -> [Substring] {
        let text = Substring(text)
        // Searched in the contiguous bytes: the UTF-8 view's own `contains` walked its indices
        // (2.4% of an `overview` run's instructions went to it).
        let hasCR = text.utf8.withContiguousStorageIfAvailable { $0.contains(0x0D) } ?? text.utf8.contains(0x0D)
        guard !hasCR else { return text.split(separator: "\n", omittingEmptySubsequences: omitting) }
        return split(text, on: 0x0A, omitting: omitting)
    }

    /// `text.split(separator: separator, omittingEmptySubsequences: omitting)` for an ASCII
    /// separator other than CR or LF: on bytes when `text` is all ASCII (every ASCII scalar but
    /// CR-LF is then its own Character), else by Character.
    package static func ascii(_ text: some StringProtocol, on separator: Character, omittingEmptySubsequences omitting: Bool = true) -> [Substring] {
        let text = Substring(text)
        guard let byte = separator.asciiValue, byte != 0x0A, byte != 0x0D, text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return text.split(separator: separator, omittingEmptySubsequences: omitting)
        }
        return split(text, on: byte, omitting: omitting)
    }

    static func split(_ text: Substring, on byte: UInt8, omitting: Bool) -> [Substring] {
        // Byte offsets found in the contiguous UTF-8, turned into indices only for the parts.
        let utf8 = text.utf8
        let offsets: [Int]? = utf8.withContiguousStorageIfAvailable { bytes in
            var found: [Int] = []
            for (k, b) in bytes.enumerated() where b == byte { found.append(k) }
            return found
        }
        var parts: [Substring] = []
        var start = utf8.startIndex
        func cut(_ end: String.Index) {
            if !omitting || end != start { parts.append(text[start..<end]) }
        }
        if let offsets {
            for k in offsets {
                let i = utf8.index(utf8.startIndex, offsetBy: k)
                cut(i)
                start = utf8.index(after: i)
            }
        } else {
            var i = start
            while i != utf8.endIndex {
                if utf8[i] == byte {
                    cut(i)
                    start = utf8.index(after: i)
                }
                i = utf8.index(after: i)
            }
        }
        cut(utf8.endIndex)
        return parts
    }
}
