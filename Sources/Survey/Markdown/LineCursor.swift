/// A column-aware position inside one source line. Tabs advance to the next multiple of 4,
/// and a tab may be consumed partially (e.g. `>\tcode`), as CommonMark's block rules require.
struct LineCursor {
    /// The whole (normalised) document.
    let text: [UInt8]
    /// Index just past the last byte of the line (the newline is not part of the line).
    let end: Int
    /// Index of the next unconsumed byte.
    var pos: Int
    /// Visual column of `pos` (counting the consumed part of a partially consumed tab).
    var column: Int
    /// True when the byte at `pos` is a tab of which some columns were already consumed.
    var partialTab: Bool = false

    /// A cursor at the start of line text[start..<end].
    init(text: [UInt8], start: Int, end: Int) {
        self.text = text
        self.end = end
        self.pos = start
        self.column = 0
    }

    /// Start, end and end column of the last whitespace run measured (a cache, so that
    /// repeated indentation checks on one line cost O(1) instead of re-scanning the run).
    private var runStart = -1
    private var runEnd = -1
    private var runEndColumn = 0

    /// Columns of whitespace ahead of the cursor and the index of the first non-space byte.
    mutating func indentation() -> (columns: Int, firstNonSpace: Int) {
        if runStart >= 0, pos >= runStart, pos <= runEnd { return (runEndColumn - column, runEnd) }
        var col = column
        var p = pos
        while p < end {
            let b = text[p]
            if b == Byte.space {
                col += 1
            } else if b == Byte.tab {
                col += 4 - col % 4
            } else {
                break
            }
            p += 1
        }
        runStart = pos
        runEnd = p
        runEndColumn = col
        return (col - column, p)
    }

    /// True when only spaces and tabs remain on the line.
    mutating func restIsBlank() -> Bool { indentation().firstNonSpace >= end }

    /// The byte at `index`, or nil past the end of the line.
    @inline(__always) func byte(at index: Int) -> UInt8? { index < end ? text[index] : nil }

    /// Consumes up to `count` columns of leading whitespace, splitting a tab when needed.
    mutating func consumeColumns(_ count: Int) {
        var remaining = count
        while remaining > 0, pos < end {
            let b = text[pos]
            if b == Byte.space {
                pos += 1
                column += 1
                remaining -= 1
                partialTab = false
            } else if b == Byte.tab {
                let width = 4 - column % 4
                if width <= remaining {
                    pos += 1
                    column += width
                    remaining -= width
                    partialTab = false
                } else {
                    column += remaining
                    remaining = 0
                    partialTab = true
                }
            } else {
                break
            }
        }
    }

    /// Skips all whitespace up to the first non-space byte.
    mutating func skipToFirstNonSpace() {
        let (cols, first) = indentation()
        column += cols
        pos = first
        partialTab = false
    }

    /// Consumes `count` non-whitespace bytes (markers such as `>` or `1.`).
    mutating func advance(_ count: Int) {
        pos = min(pos + count, end)
        column += count
        partialTab = false
    }

    /// The rest of the line as a segment, including virtual spaces left by a split tab.
    func remainder() -> Segment {
        if partialTab, pos < end, text[pos] == Byte.tab {
            return Segment(start: pos + 1, end: end, leadingSpaces: 4 - column % 4)
        }
        return Segment(start: pos, end: end, leadingSpaces: 0)
    }
}

/// A piece of one source line kept by a block: text[start..<end] preceded by virtual spaces.
struct Segment {
    var start: Int
    var end: Int
    var leadingSpaces: Int = 0
}
