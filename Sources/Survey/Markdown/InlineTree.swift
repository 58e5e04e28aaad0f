/// Kinds of inline nodes. Payloads are small (indices, ranges into the inline source), so
/// nodes stay cheap to copy and the arena stays compact.
enum InlineKind {
    case root
    /// Literal text: source bytes text[start..<end].
    case text(start: Int, end: Int)
    /// Literal bytes produced by an entity reference, stored in `InlineTree.literals`.
    case decoded(index: Int)
    /// One literal byte produced by a backslash escape.
    case escaped(byte: UInt8)
    /// A run of `*`, `_` or `~` not (yet) used as emphasis; `count` characters remain.
    case delimiterRun(char: UInt8, count: Int)
    /// An unmatched `[` (or `![`), which renders as itself.
    case bracket(image: Bool)
    /// A code span; content is text[start..<end] with line endings rendered as spaces.
    case code(start: Int, end: Int)
    case softBreak
    case hardBreak
    case emphasis
    case strong
    case strikethrough
    /// A link (inline or autolink); destination and title are in `InlineTree.targets`.
    case link(target: Int)
    /// An image; its children form the alt text.
    case image(target: Int)
    /// One allow-listed, attribute-free HTML tag, emitted verbatim: text[start..<end].
    case rawTag(start: Int, end: Int)
}

/// Destination (already unescaped) and optional title of a link or image.
struct LinkTarget {
    var destination: [UInt8]
    var title: [UInt8]?
}

/// One inline node with sibling/child links (indices into the arena; -1 means none).
struct InlineNode {
    var kind: InlineKind
    var firstChild = -1
    var lastChild = -1
    var next = -1
    var prev = -1
}

/// Arena of inline nodes forming a tree under node 0 (the root). Splicing a run of siblings
/// into a new parent is O(1), which keeps emphasis and link wrapping linear overall.
struct InlineTree {
    var nodes: [InlineNode] = [InlineNode(kind: .root)]
    var literals: [[UInt8]] = []
    var targets: [LinkTarget] = []

    static let root = 0

    /// Creates a detached node and returns its index.
    mutating func make(_ kind: InlineKind) -> Int {
        nodes.append(InlineNode(kind: kind))
        return nodes.count - 1
    }

    /// Appends a new node as the last child of the root.
    @discardableResult
    mutating func append(_ kind: InlineKind) -> Int {
        let node = make(kind)
        appendChild(node, to: InlineTree.root)
        return node
    }

    /// Appends a detached node as the last child of `parent`.
    mutating func appendChild(_ node: Int, to parent: Int) {
        let last = nodes[parent].lastChild
        nodes[node].prev = last
        nodes[node].next = -1
        if last >= 0 { nodes[last].next = node } else { nodes[parent].firstChild = node }
        nodes[parent].lastChild = node
    }

    /// Inserts a detached node right after `sibling`, which is a child of `parent`.
    mutating func insert(_ node: Int, after sibling: Int, in parent: Int) {
        let following = nodes[sibling].next
        nodes[node].prev = sibling
        nodes[node].next = following
        nodes[sibling].next = node
        if following >= 0 { nodes[following].prev = node } else { nodes[parent].lastChild = node }
    }

    /// Unlinks `node` from the children of `parent`.
    mutating func remove(_ node: Int, from parent: Int) {
        let p = nodes[node].prev
        let n = nodes[node].next
        if p >= 0 { nodes[p].next = n } else { nodes[parent].firstChild = n }
        if n >= 0 { nodes[n].prev = p } else { nodes[parent].lastChild = p }
        nodes[node].prev = -1
        nodes[node].next = -1
    }

    /// Moves the children of `parent` strictly between `start` and `stop` (stop = -1: to the
    /// end) into the empty node `container`, in O(1).
    mutating func moveSiblings(after start: Int, before stop: Int, of parent: Int, into container: Int) {
        let first = nodes[start].next
        let last = stop >= 0 ? nodes[stop].prev : nodes[parent].lastChild
        guard first >= 0, first != stop, last >= 0, last != start else { return }
        nodes[container].firstChild = first
        nodes[container].lastChild = last
        nodes[first].prev = -1
        nodes[last].next = -1
        nodes[start].next = stop
        if stop >= 0 { nodes[stop].prev = start } else { nodes[parent].lastChild = start }
    }
}
