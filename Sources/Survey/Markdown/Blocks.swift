/// What a block node is; containers first, then leaves (CommonMark §4–5 plus GFM tables).
enum BlockKind {
    case document
    case blockQuote
    case list(ListInfo)
    /// A list item whose continuation lines must be indented by `contentIndent` columns.
    case item(contentIndent: Int)
    case paragraph
    case heading(level: Int)
    case thematicBreak
    case fencedCode(FenceInfo)
    case indentedCode
    case table(TableInfo)
}

/// Marker and looseness of one list.
struct ListInfo {
    /// True for `1.`/`1)` lists.
    var ordered: Bool
    /// The bullet (`-`, `+`, `*`) or the ordered delimiter (`.`, `)`): a change starts a new list.
    var marker: UInt8
    /// Start number of an ordered list.
    var start: Int
    /// Tight lists render item paragraphs without `<p>`; computed when the list closes.
    var tight: Bool = true
}

/// Opening fence of a fenced code block.
struct FenceInfo {
    /// `` ` `` or `~`.
    var char: UInt8
    /// Length of the opening run; the closing run must be at least this long.
    var length: Int
    /// Indentation of the opening fence, removed from content lines.
    var indent: Int
    /// The first word of the info string, unescaped (empty when none).
    var language: [UInt8]
}

/// Column alignment from a GFM delimiter row.
enum Alignment { case none, left, center, right }

/// A GFM table's column alignments and header row. Body rows are kept as raw line segments
/// in `Block.lines` (appended in place, so long tables stay linear) and split when rendered.
struct TableInfo {
    var alignments: [Alignment]
    var header: Segment
}

/// One node of the block tree, stored in an array and linked by indices (no recursion needed).
struct Block {
    var kind: BlockKind
    /// Index of the parent block (-1 for the document).
    var parent: Int
    var children: [Int] = []
    /// Source line where the block starts (used for tight/loose detection).
    var startLine: Int
    /// Last source line holding content of this block or of its descendants.
    var endLine: Int
    /// Text lines of paragraphs, headings and code blocks; body rows of tables.
    var lines: [Segment] = []

    /// True for blocks that may hold other blocks.
    var isContainer: Bool {
        switch kind {
        case .document, .blockQuote, .list, .item: return true
        default: return false
        }
    }

    /// Whether a block of kind `child` may be a direct child of this block.
    func canContain(_ child: BlockKind) -> Bool {
        switch kind {
        case .document, .blockQuote, .item:
            if case .item = child { return false }
            return true
        case .list:
            if case .item = child { return true }
            return false
        default:
            return false
        }
    }
}
