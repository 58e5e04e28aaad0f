/// List markers (CommonMark §5.2) and the tight/loose rule (§5.3).
enum Lists {
    /// A recognised list marker and the geometry of the item it opens.
    struct Marker {
        var ordered: Bool
        /// Bullet char or ordered delimiter.
        var marker: UInt8
        var start: Int
        /// Bytes (= columns) of the marker itself.
        var width: Int
        /// Columns of whitespace consumed after the marker (1–4, or 1 when it is followed
        /// by 5+ columns, i.e. indented code, or by nothing).
        var padding: Int
        /// True when nothing but whitespace follows the marker.
        var blankAfter: Bool
    }

    /// Parses a list marker at the cursor's first non-space byte. `interruptsParagraph`
    /// applies the rule that such an item must be non-empty and, if ordered, start at 1.
    static func marker(_ cursor: LineCursor, interruptsParagraph: Bool) -> Marker? {
        var probe = cursor
        let (_, first) = probe.indentation()
        let text = cursor.text
        let end = cursor.end
        guard first < end else { return nil }
        var result: Marker
        let c = text[first]
        if c == Byte.minus || c == Byte.plus || c == Byte.star {
            result = Marker(ordered: false, marker: c, start: 1, width: 1, padding: 0, blankAfter: false)
        } else if ByteClass.isDigit(c) {
            var i = first
            var value = 0
            while i < end, ByteClass.isDigit(text[i]), i - first < 10 {
                value = value * 10 + Int(text[i] - Byte.digit0)
                i += 1
            }
            let digits = i - first
            guard digits <= 9, i < end, text[i] == Byte.dot || text[i] == Byte.rightParen else { return nil }
            result = Marker(ordered: true, marker: text[i], start: value, width: digits + 1, padding: 0, blankAfter: false)
        } else {
            return nil
        }
        let afterMarker = first + result.width
        if afterMarker < end, !ByteClass.isSpaceOrTab(text[afterMarker]) { return nil }
        // Measure the whitespace after the marker with a scratch cursor (tabs depend on column).
        probe.skipToFirstNonSpace()
        probe.advance(result.width)
        let (spaces, next) = probe.indentation()
        result.blankAfter = next >= end
        if result.blankAfter || spaces >= 5 {
            result.padding = 1
        } else {
            result.padding = spaces
        }
        if interruptsParagraph {
            if result.blankAfter { return nil }
            if result.ordered && result.start != 1 { return nil }
        }
        return result
    }

    /// True when two list markers belong to the same list (same type and bullet/delimiter).
    static func sameList(_ info: ListInfo, _ marker: Marker) -> Bool {
        info.ordered == marker.ordered && info.marker == marker.marker
    }

    /// A list is loose when two items, or two blocks directly inside one item, are separated
    /// by a blank line: i.e. the next one starts more than one line after the previous ends.
    static func isTight(list: Int, in blocks: [Block]) -> Bool {
        let items = blocks[list].children
        for (k, item) in items.enumerated() {
            if k + 1 < items.count, blocks[items[k + 1]].startLine > blocks[item].endLine + 1 { return false }
            let children = blocks[item].children
            var j = 0
            while j + 1 < children.count {
                if blocks[children[j + 1]].startLine > blocks[children[j]].endLine + 1 { return false }
                j += 1
            }
        }
        return true
    }
}
