/// Writes the block tree as HTML in cmark's layout (one block per line, `<li>` content
/// inline for tight lists). Iterative, with an explicit stack.
struct BlockRenderer {
    let text: [UInt8]
    let blocks: [Block]
    /// Rewrites link and image destinations (`MarkdownHTML.LinkRewrite`).
    var links: MarkdownHTML.LinkRewrite? = nil

    /// Renders the whole document.
    func render() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count + text.count / 4 + 16)
        // (block, closing?) pairs; children are pushed in reverse so they pop in order.
        var stack: [(block: Int, closing: Bool)] = [(0, false)]
        while let (b, closing) = stack.popLast() {
            if closing {
                close(b, into: &out)
                continue
            }
            open(b, into: &out)
            if blocks[b].isContainer {
                stack.append((b, true))
                for child in blocks[b].children.reversed() { stack.append((child, false)) }
            }
        }
        return out
    }

    /// Starts a new line unless the output already ends with one (cmark's `cr()`).
    func newline(_ out: inout [UInt8]) {
        if let last = out.last, last != Byte.newline { out.append(Byte.newline) }
    }

    /// Writes a container's opening tag, or a whole leaf block.
    func open(_ b: Int, into out: inout [UInt8]) {
        let block = blocks[b]
        switch block.kind {
        case .document:
            break
        case .blockQuote:
            newline(&out)
            Escaping.appendRaw("<blockquote>\n", to: &out)
        case .list(let info):
            newline(&out)
            if info.ordered {
                if info.start != 1 {
                    Escaping.appendRaw("<ol start=\"", to: &out)
                    Escaping.appendDecimal(info.start, to: &out)
                    Escaping.appendRaw("\">\n", to: &out)
                } else {
                    Escaping.appendRaw("<ol>\n", to: &out)
                }
            } else {
                Escaping.appendRaw("<ul>\n", to: &out)
            }
        case .item:
            newline(&out)
            Escaping.appendRaw("<li>", to: &out)
        case .paragraph:
            let content = inlineSource(paragraph: block.lines)
            if isInTightList(b) {
                renderInlines(content, into: &out)
            } else {
                newline(&out)
                Escaping.appendRaw("<p>", to: &out)
                renderInlines(content, into: &out)
                Escaping.appendRaw("</p>\n", to: &out)
            }
        case .heading(let level):
            newline(&out)
            out.append(contentsOf: Array("<h".utf8))
            Escaping.appendDecimal(level, to: &out)
            out.append(Byte.greaterThan)
            renderInlines(inlineSource(paragraph: block.lines), into: &out)
            out.append(contentsOf: Array("</h".utf8))
            Escaping.appendDecimal(level, to: &out)
            Escaping.appendRaw(">\n", to: &out)
        case .thematicBreak:
            newline(&out)
            Escaping.appendRaw("<hr />\n", to: &out)
        case .fencedCode(let fence):
            newline(&out)
            if fence.language.isEmpty {
                Escaping.appendRaw("<pre><code>", to: &out)
            } else {
                Escaping.appendRaw("<pre><code class=\"language-", to: &out)
                Escaping.appendAttribute(fence.language, to: &out)
                Escaping.appendRaw("\">", to: &out)
            }
            appendCodeLines(block.lines, into: &out)
            Escaping.appendRaw("</code></pre>\n", to: &out)
        case .indentedCode:
            newline(&out)
            Escaping.appendRaw("<pre><code>", to: &out)
            appendCodeLines(block.lines, into: &out)
            Escaping.appendRaw("</code></pre>\n", to: &out)
        case .table(let info):
            newline(&out)
            Tables.render(info, rows: block.lines, text: text, links: links, into: &out)
        }
    }

    /// Writes a container's closing tag.
    func close(_ b: Int, into out: inout [UInt8]) {
        switch blocks[b].kind {
        case .blockQuote:
            newline(&out)
            Escaping.appendRaw("</blockquote>\n", to: &out)
        case .list(let info):
            newline(&out)
            Escaping.appendRaw(info.ordered ? "</ol>\n" : "</ul>\n", to: &out)
        case .item:
            Escaping.appendRaw("</li>\n", to: &out)
        default:
            break
        }
    }

    /// True when the paragraph sits directly in an item of a tight list (no `<p>` then).
    func isInTightList(_ b: Int) -> Bool {
        let parent = blocks[b].parent
        guard parent >= 0, case .item = blocks[parent].kind else { return false }
        let list = blocks[parent].parent
        guard list >= 0, case .list(let info) = blocks[list].kind else { return false }
        return info.tight
    }

    /// Paragraph/heading lines joined by "\n", with trailing spaces and tabs removed.
    func inlineSource(paragraph lines: [Segment]) -> [UInt8] {
        var content: [UInt8] = []
        for (k, line) in lines.enumerated() {
            if k > 0 { content.append(Byte.newline) }
            content.append(contentsOf: text[line.start..<line.end])
        }
        while let last = content.last, ByteClass.isSpaceOrTab(last) { content.removeLast() }
        return content
    }

    /// Parses and writes the inline content of one leaf block.
    func renderInlines(_ content: [UInt8], into out: inout [UInt8]) {
        let tree = InlineParser.parse(content)
        InlineRenderer(text: content, tree: tree, links: links).render(into: &out)
    }

    /// Writes code block lines, escaped, each followed by "\n".
    func appendCodeLines(_ lines: [Segment], into out: inout [UInt8]) {
        for line in lines {
            out.append(contentsOf: repeatElement(Byte.space, count: line.leadingSpaces))
            Escaping.appendText(text, line.start, line.end, to: &out)
            out.append(Byte.newline)
        }
    }
}
