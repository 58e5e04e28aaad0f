/// Recognisers for single-line block starts. Each takes the line text from its first
/// non-space byte (`start`) to `end`, and looks at that line only (O(line length)).
enum BlockStarts {
    /// An ATX heading: level and the content range with the closing `#` run removed.
    static func atxHeading(_ text: [UInt8], _ start: Int, _ end: Int) -> (level: Int, content: Segment)? {
        var i = start
        while i < end, text[i] == Byte.hash, i - start < 7 { i += 1 }
        let level = i - start
        guard level >= 1, level <= 6 else { return nil }
        guard i == end || ByteClass.isSpaceOrTab(text[i]) else { return nil }
        var contentStart = i
        while contentStart < end, ByteClass.isSpaceOrTab(text[contentStart]) { contentStart += 1 }
        var contentEnd = end
        while contentEnd > contentStart, ByteClass.isSpaceOrTab(text[contentEnd - 1]) { contentEnd -= 1 }
        // Optional closing sequence: a run of `#` preceded by a space/tab (or filling the content).
        var hashStart = contentEnd
        while hashStart > contentStart, text[hashStart - 1] == Byte.hash { hashStart -= 1 }
        if hashStart < contentEnd {
            if hashStart == contentStart {
                contentEnd = contentStart
            } else if ByteClass.isSpaceOrTab(text[hashStart - 1]) {
                contentEnd = hashStart
                while contentEnd > contentStart, ByteClass.isSpaceOrTab(text[contentEnd - 1]) { contentEnd -= 1 }
            }
        }
        return (level, Segment(start: contentStart, end: contentEnd))
    }

    /// A fence opening: character, run length and the info string's first word (unescaped).
    static func fenceOpening(_ text: [UInt8], _ start: Int, _ end: Int) -> (char: UInt8, length: Int, language: [UInt8])? {
        guard start < end else { return nil }
        let c = text[start]
        guard c == Byte.backtick || c == Byte.tilde else { return nil }
        var i = start
        while i < end, text[i] == c { i += 1 }
        let length = i - start
        guard length >= 3 else { return nil }
        if c == Byte.backtick {
            var k = i
            while k < end {
                if text[k] == Byte.backtick { return nil }
                k += 1
            }
        }
        while i < end, ByteClass.isSpaceOrTab(text[i]) { i += 1 }
        var wordEnd = i
        while wordEnd < end, !ByteClass.isSpaceOrTab(text[wordEnd]) { wordEnd += 1 }
        return (c, length, Entities.unescape(text, i, wordEnd))
    }

    /// True when the line closes a fence of `char` opened with `length` characters.
    static func isFenceClosing(_ text: [UInt8], _ start: Int, _ end: Int, char: UInt8, length: Int) -> Bool {
        var i = start
        while i < end, text[i] == char { i += 1 }
        guard i - start >= length else { return false }
        while i < end, ByteClass.isSpaceOrTab(text[i]) { i += 1 }
        return i == end
    }

    /// True for a thematic break: 3+ of the same `*`, `-` or `_`, with only spaces/tabs between.
    static func isThematicBreak(_ text: [UInt8], _ start: Int, _ end: Int) -> Bool {
        guard start < end else { return false }
        let c = text[start]
        guard c == Byte.star || c == Byte.minus || c == Byte.underscore else { return false }
        var count = 0
        var i = start
        while i < end {
            let b = text[i]
            if b == c {
                count += 1
            } else if !ByteClass.isSpaceOrTab(b) {
                return false
            }
            i += 1
        }
        return count >= 3
    }

    /// Heading level of a setext underline (`=` → 1, `-` → 2), or nil.
    static func setextLevel(_ text: [UInt8], _ start: Int, _ end: Int) -> Int? {
        guard start < end else { return nil }
        let c = text[start]
        guard c == Byte.equals || c == Byte.minus else { return nil }
        var i = start
        while i < end, text[i] == c { i += 1 }
        while i < end, ByteClass.isSpaceOrTab(text[i]) { i += 1 }
        guard i == end else { return nil }
        return c == Byte.equals ? 1 : 2
    }
}
