/// Phase 1 of CommonMark parsing (spec appendix "Phase 1: block structure", own implementation):
/// consumes the document line by line, matching open containers, opening new blocks and
/// adding text to the innermost one. Work per line is O(line length + nesting depth), and
/// nesting depth is capped by `maxNesting`, so the whole pass is linear.
struct BlockParser {
    /// Maximum number of nested container levels (each block quote and each list item counts
    /// as one). A `>` or list marker that would go deeper is left as paragraph text; this
    /// bounds per-line work and keeps every later pass (rendering included) shallow.
    static let maxNesting = 64

    let text: [UInt8]
    var blocks: [Block]
    /// The chain of open blocks, document first, innermost last.
    var open: [Int]
    var lineNumber = 0

    /// A parser positioned before the first line of the normalised `text`.
    init(text: [UInt8]) {
        self.text = text
        self.blocks = [Block(kind: .document, parent: -1, startLine: 0, endLine: 0)]
        self.open = [0]
    }

    /// Parses normalised text (LF line endings, no NUL) into a block arena; index 0 is the document.
    static func parse(_ text: [UInt8]) -> [Block] {
        var parser = BlockParser(text: text)
        var start = 0
        while start < text.count {
            var end = start
            while end < text.count, text[end] != Byte.newline { end += 1 }
            parser.processLine(start, end)
            start = end + 1
        }
        while !parser.open.isEmpty { parser.closeTip() }
        return parser.blocks
    }

    /// Processes one line text[start..<end].
    mutating func processLine(_ start: Int, _ end: Int) {
        defer { lineNumber += 1 }
        var cursor = LineCursor(text: text, start: start, end: end)
        guard let matched = matchOpenBlocks(&cursor) else { return }

        let allMatched = matched == open.count
        var unmatchedClosed = allMatched
        var container = open[matched - 1]
        var maybeLazy = isParagraph(open[open.count - 1])
        var startedNew = false
        var depth = 0
        for k in 0..<matched where isNestingLevel(open[k]) { depth += 1 }

        starting: while true {
            switch blocks[container].kind {
            case .fencedCode, .indentedCode: break starting
            default: break
            }
            let (cols, first) = cursor.indentation()
            let blank = first >= end
            if cols >= 4 {
                if !maybeLazy && !blank {
                    closeUnmatched(matched, &unmatchedClosed)
                    cursor.consumeColumns(4)
                    container = addChild(.indentedCode, startLine: lineNumber)
                    startedNew = true
                }
                break starting
            }
            if blank { break starting }
            let c = text[first]
            let inParagraph = isParagraph(container)
            if c == Byte.greaterThan && depth < BlockParser.maxNesting {
                closeUnmatched(matched, &unmatchedClosed)
                cursor.skipToFirstNonSpace()
                cursor.advance(1)
                if let next = cursor.byte(at: cursor.pos), ByteClass.isSpaceOrTab(next) { cursor.consumeColumns(1) }
                container = addChild(.blockQuote, startLine: lineNumber)
                depth += 1
            } else if c == Byte.hash, let heading = BlockStarts.atxHeading(text, first, end) {
                closeUnmatched(matched, &unmatchedClosed)
                let h = addChild(.heading(level: heading.level), startLine: lineNumber)
                blocks[h].lines = [heading.content]
                closeTip()
                return
            } else if c == Byte.backtick || c == Byte.tilde, let fence = BlockStarts.fenceOpening(text, first, end) {
                closeUnmatched(matched, &unmatchedClosed)
                let info = FenceInfo(char: fence.char, length: fence.length, indent: cols, language: fence.language)
                addChild(.fencedCode(info), startLine: lineNumber)
                return
            } else if inParagraph, let level = BlockStarts.setextLevel(text, first, end) {
                blocks[container].kind = .heading(level: level)
                blocks[container].endLine = lineNumber
                closeTip()
                return
            } else if BlockStarts.isThematicBreak(text, first, end) {
                closeUnmatched(matched, &unmatchedClosed)
                addChild(.thematicBreak, startLine: lineNumber)
                closeTip()
                return
            } else if depth < BlockParser.maxNesting,
                      let marker = Lists.marker(cursor, interruptsParagraph: inParagraph) {
                closeUnmatched(matched, &unmatchedClosed)
                cursor.skipToFirstNonSpace()
                cursor.advance(marker.width)
                if !marker.blankAfter { cursor.consumeColumns(marker.padding) }
                container = addItem(marker, contentIndent: cols + marker.width + marker.padding)
                depth += 1
            } else if inParagraph, let alignments = Tables.delimiterRow(text, first, end),
                      startTable(paragraph: container, alignments: alignments) {
                return
            } else {
                break starting
            }
            maybeLazy = false
            startedNew = true
        }

        let blank = cursor.restIsBlank()
        let tip = open[open.count - 1]
        if !startedNew && !allMatched && !blank && isParagraph(tip) {
            appendParagraphLine(tip, cursor)   // lazy continuation line
            return
        }
        closeUnmatched(matched, &unmatchedClosed)
        let target = open[open.count - 1]
        switch blocks[target].kind {
        case .paragraph:
            appendParagraphLine(target, cursor)
        case .fencedCode:
            blocks[target].lines.append(cursor.remainder())
            blocks[target].endLine = lineNumber
        case .indentedCode:
            blocks[target].lines.append(cursor.remainder())
            if !blank { blocks[target].endLine = lineNumber }
        case .table:
            if isEmptyRow(cursor) {
                closeTip()
                let p = addChild(.paragraph, startLine: lineNumber)
                appendParagraphLine(p, cursor)
            } else {
                blocks[target].lines.append(Segment(start: cursor.pos, end: end))
                blocks[target].endLine = lineNumber
            }
        default:
            if !blank {
                let p = addChild(.paragraph, startLine: lineNumber)
                appendParagraphLine(p, cursor)
            }
        }
    }

    /// Closes the blocks that did not match this line, once, before anything new is added.
    mutating func closeUnmatched(_ matched: Int, _ done: inout Bool) {
        guard !done else { return }
        while open.count > matched { closeTip() }
        done = true
    }

    /// Adds a child to the innermost open block, first closing blocks that cannot hold it.
    @discardableResult
    mutating func addChild(_ kind: BlockKind, startLine: Int) -> Int {
        while open.count > 1, !blocks[open[open.count - 1]].canContain(kind) { closeTip() }
        let parent = open[open.count - 1]
        let index = blocks.count
        blocks.append(Block(kind: kind, parent: parent, startLine: startLine, endLine: startLine))
        blocks[parent].children.append(index)
        open.append(index)
        return index
    }

    /// Opens a list item, reusing the innermost open list when the marker type matches.
    mutating func addItem(_ marker: Lists.Marker, contentIndent: Int) -> Int {
        var sameList = false
        if case .list(let info) = blocks[open[open.count - 1]].kind { sameList = Lists.sameList(info, marker) }
        if !sameList {
            let info = ListInfo(ordered: marker.ordered, marker: marker.marker, start: marker.start)
            addChild(.list(info), startLine: lineNumber)
        }
        return addChild(.item(contentIndent: contentIndent), startLine: lineNumber)
    }

    /// Turns the last line of `paragraph` into a table header when its cell count matches
    /// the delimiter row; earlier paragraph lines stay a paragraph. False when not a table.
    mutating func startTable(paragraph: Int, alignments: [Alignment]) -> Bool {
        guard let header = blocks[paragraph].lines.last else { return false }
        guard Tables.cells(text, header.start, header.end).count == alignments.count else { return false }
        let info = TableInfo(alignments: alignments, header: header)
        blocks[paragraph].lines.removeLast()
        if blocks[paragraph].lines.isEmpty {
            blocks[paragraph].kind = .table(info)
            blocks[paragraph].endLine = lineNumber
        } else {
            blocks[paragraph].endLine = lineNumber - 2
            closeTip()
            let table = addChild(.table(info), startLine: lineNumber - 1)
            blocks[table].endLine = lineNumber
        }
        return true
    }

    /// A table row that yields no cell (a lone `|`) ends the table, as in cmark-gfm.
    func isEmptyRow(_ cursor: LineCursor) -> Bool {
        var probe = cursor
        var s = probe.indentation().firstNonSpace
        var e = cursor.end
        while e > s, ByteClass.isSpaceOrTab(text[e - 1]) { e -= 1 }
        if s < e, text[s] == Byte.pipe { s += 1 }
        return s >= e
    }

    /// Appends the rest of the line, without its leading whitespace, to a paragraph.
    mutating func appendParagraphLine(_ paragraph: Int, _ cursor: LineCursor) {
        var probe = cursor
        let first = probe.indentation().firstNonSpace
        blocks[paragraph].lines.append(Segment(start: first, end: cursor.end))
        blocks[paragraph].endLine = lineNumber
    }

    /// Closes the innermost open block: finishes it and propagates its last line upwards.
    mutating func closeTip() {
        guard let b = open.popLast() else { return }
        switch blocks[b].kind {
        case .indentedCode:
            while let last = blocks[b].lines.last, isBlankSegment(last) { blocks[b].lines.removeLast() }
        case .list(var info):
            info.tight = Lists.isTight(list: b, in: blocks)
            blocks[b].kind = .list(info)
        default:
            break
        }
        let parent = blocks[b].parent
        if parent >= 0 { blocks[parent].endLine = max(blocks[parent].endLine, blocks[b].endLine) }
    }

    /// True when a segment holds only spaces and tabs.
    func isBlankSegment(_ segment: Segment) -> Bool {
        var i = segment.start
        while i < segment.end {
            if !ByteClass.isSpaceOrTab(text[i]) { return false }
            i += 1
        }
        return true
    }

    /// True for paragraph blocks.
    func isParagraph(_ b: Int) -> Bool {
        if case .paragraph = blocks[b].kind { return true }
        return false
    }

    /// True for the blocks that count towards `maxNesting`.
    func isNestingLevel(_ b: Int) -> Bool {
        switch blocks[b].kind {
        case .blockQuote, .item: return true
        default: return false
        }
    }
}
