/// Continuation rules of open blocks (spec: "a line matches an open block if …").
extension BlockParser {
    /// Matches the line against each open block's continuation rule, consuming container
    /// markers. Returns how many blocks of `open` matched (the document always does), or nil
    /// when the line was fully used (a closing code fence).
    mutating func matchOpenBlocks(_ cursor: inout LineCursor) -> Int? {
        var matched = 1
        let end = cursor.end
        matching: while matched < open.count {
            let b = open[matched]
            let (cols, first) = cursor.indentation()
            let blank = first >= end
            switch blocks[b].kind {
            case .blockQuote:
                guard cols <= 3, !blank, text[first] == Byte.greaterThan else { break matching }
                cursor.skipToFirstNonSpace()
                cursor.advance(1)
                if let next = cursor.byte(at: cursor.pos), ByteClass.isSpaceOrTab(next) { cursor.consumeColumns(1) }
                blocks[b].endLine = lineNumber   // a `>` line belongs to the quote, even if blank
            case .item(let indent):
                if blank {
                    // An item may begin with at most one blank line.
                    guard !blocks[b].children.isEmpty else { break matching }
                    cursor.skipToFirstNonSpace()
                } else if cols >= indent {
                    cursor.consumeColumns(indent)
                } else {
                    break matching
                }
            case .list:
                break
            case .fencedCode(let fence):
                if cols <= 3, BlockStarts.isFenceClosing(text, first, end, char: fence.char, length: fence.length) {
                    blocks[b].endLine = lineNumber
                    while open.count > matched { closeTip() }
                    return nil
                }
                cursor.consumeColumns(fence.indent)
            case .indentedCode:
                if cols >= 4 {
                    cursor.consumeColumns(4)
                } else if blank {
                    cursor.skipToFirstNonSpace()
                } else {
                    break matching
                }
            case .paragraph, .table:
                if blank { break matching }
            case .document, .heading, .thematicBreak:
                break matching
            }
            matched += 1
        }
        return matched
    }
}
