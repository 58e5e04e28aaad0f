/// Writes an inline tree as HTML. Iterative (explicit stack), so deeply nested emphasis such
/// as 10 000 `*` cannot overflow the call stack.
struct InlineRenderer {
    let text: [UInt8]
    let tree: InlineTree
    /// Rewrites link and image destinations (`MarkdownHTML.LinkRewrite`).
    var links: MarkdownHTML.LinkRewrite? = nil

    /// A destination as `links` rewrites it.
    func destination(_ url: [UInt8]) -> [UInt8] {
        guard let links else { return url }
        return Array(links(String(decoding: url, as: UTF8.self)).utf8)
    }

    /// Renders the children of the root into `out`.
    func render(into out: inout [UInt8]) {
        var exits: [Int] = []   // ancestors whose closing tag is pending
        var rawTags = RawTagBalancer()
        var node = tree.nodes[InlineTree.root].firstChild
        while node >= 0 {
            if case .rawTag(let start, let end) = tree.nodes[node].kind {
                rawTags.emit(text, start, end, into: &out)
            }
            let descend = enter(node, into: &out)
            if descend, tree.nodes[node].firstChild >= 0 {
                rawTags.enterScope()
                exits.append(node)
                node = tree.nodes[node].firstChild
                continue
            }
            if descend { exit(node, into: &out) }
            // Climb until a node with a next sibling.
            while tree.nodes[node].next < 0, let parent = exits.popLast() {
                rawTags.exitScope(into: &out)
                exit(parent, into: &out)
                node = parent
            }
            node = tree.nodes[node].next
        }
        rawTags.closeAll(into: &out)
    }

    /// Writes a node that is literal text in HTML and in an image's alt text alike (text, a
    /// decoded entity, an escaped byte, an unmatched delimiter run or bracket); false for any other.
    func appendLiteral(_ kind: InlineKind, into out: inout [UInt8]) -> Bool {
        switch kind {
        case .text(let start, let end): Escaping.appendText(text, start, end, to: &out)
        case .decoded(let index): Escaping.appendText(tree.literals[index], to: &out)
        case .escaped(let byte): Escaping.appendTextByte(byte, to: &out)
        case .delimiterRun(let char, let count): out.append(contentsOf: repeatElement(char, count: count))
        case .bracket(let image): Escaping.appendRaw(image ? "![" : "[", to: &out)
        default: return false
        }
        return true
    }

    /// Writes the opening part of `node` (or all of a leaf); true when children follow.
    func enter(_ node: Int, into out: inout [UInt8]) -> Bool {
        if appendLiteral(tree.nodes[node].kind, into: &out) { return false }
        switch tree.nodes[node].kind {
        case .root:
            return true
        case .text, .decoded, .escaped, .delimiterRun, .bracket:
            break   // written by appendLiteral
        case .code(let start, let end):
            Escaping.appendRaw("<code>", to: &out)
            appendCode(start, end, into: &out)
            Escaping.appendRaw("</code>", to: &out)
        case .softBreak:
            out.append(Byte.newline)
        case .hardBreak:
            Escaping.appendRaw("<br />\n", to: &out)
        case .emphasis:
            Escaping.appendRaw("<em>", to: &out)
            return true
        case .strong:
            Escaping.appendRaw("<strong>", to: &out)
            return true
        case .strikethrough:
            Escaping.appendRaw("<del>", to: &out)
            return true
        case .link(let target):
            let link = tree.targets[target], url = destination(link.destination)
            if URLSafety.isSafe(url) {
                Escaping.appendRaw("<a href=\"", to: &out)
                URLSafety.appendHref(url, to: &out)
                if let title = link.title {
                    Escaping.appendRaw("\" title=\"", to: &out)
                    Escaping.appendAttribute(title, to: &out)
                }
                Escaping.appendRaw("\">", to: &out)
            }
            return true
        case .image(let target):
            let image = tree.targets[target], url = destination(image.destination)
            if URLSafety.isSafe(url) {
                Escaping.appendRaw("<img src=\"", to: &out)
                URLSafety.appendHref(url, to: &out)
                Escaping.appendRaw("\" alt=\"", to: &out)
                appendPlainText(of: node, into: &out)
                if let title = image.title {
                    Escaping.appendRaw("\" title=\"", to: &out)
                    Escaping.appendAttribute(title, to: &out)
                }
                Escaping.appendRaw("\" />", to: &out)
            } else {
                appendPlainText(of: node, into: &out)
            }
        case .rawTag:
            break   // written by RawTagBalancer in render(into:)
        }
        return false
    }

    /// Writes the closing tag of a node whose children were rendered.
    func exit(_ node: Int, into out: inout [UInt8]) {
        switch tree.nodes[node].kind {
        case .emphasis: Escaping.appendRaw("</em>", to: &out)
        case .strong: Escaping.appendRaw("</strong>", to: &out)
        case .strikethrough: Escaping.appendRaw("</del>", to: &out)
        case .link(let target):
            if URLSafety.isSafe(destination(tree.targets[target].destination)) { Escaping.appendRaw("</a>", to: &out) }
        default: break
        }
    }

    /// Code span content, escaped, with line endings as spaces.
    func appendCode(_ start: Int, _ end: Int, into out: inout [UInt8]) {
        var k = start
        while k < end {
            let b = text[k]
            Escaping.appendTextByte(b == Byte.newline ? Byte.space : b, to: &out)
            k += 1
        }
    }

    /// The plain text of a subtree (image alt text): markup dropped, text escaped.
    func appendPlainText(of subtree: Int, into out: inout [UInt8]) {
        var stack: [Int] = []
        var node = tree.nodes[subtree].firstChild
        while true {
            if node < 0 {
                guard let parent = stack.popLast() else { return }
                node = tree.nodes[parent].next
                continue
            }
            if appendLiteral(tree.nodes[node].kind, into: &out) {
                node = tree.nodes[node].next
                continue
            }
            switch tree.nodes[node].kind {
            case .text, .decoded, .escaped, .delimiterRun, .bracket:
                break   // written by appendLiteral
            case .code(let start, let end):
                appendCode(start, end, into: &out)
            case .softBreak, .hardBreak:
                out.append(Byte.space)
            case .rawTag(let start, let end):
                Escaping.appendText(text, start, end, to: &out)
            case .root, .emphasis, .strong, .strikethrough, .link, .image:
                if tree.nodes[node].firstChild >= 0 {
                    stack.append(node)
                    node = tree.nodes[node].firstChild
                    continue
                }
            }
            node = tree.nodes[node].next
        }
    }
}
