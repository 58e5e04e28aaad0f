/// HTML output of GFM tables (parsing lives in Tables.swift).
extension Tables {
    /// Writes a table as cmark-gfm does; alignment uses the `align` attribute.
    static func render(_ info: TableInfo, rows: [Segment], text: [UInt8], links: MarkdownHTML.LinkRewrite?, into out: inout [UInt8]) {
        let columns = info.alignments.count
        Escaping.appendRaw("<table>\n<thead>\n", to: &out)
        let header = fit(cells(text, info.header.start, info.header.end), to: columns)
        renderRow(header, alignments: info.alignments, cellTag: "th", links: links, into: &out)
        Escaping.appendRaw("</thead>\n", to: &out)
        if !rows.isEmpty {
            Escaping.appendRaw("<tbody>\n", to: &out)
            for row in rows {
                renderRow(fit(cells(text, row.start, row.end), to: columns), alignments: info.alignments, cellTag: "td",
                          links: links, into: &out)
            }
            Escaping.appendRaw("</tbody>\n", to: &out)
        }
        Escaping.appendRaw("</table>\n", to: &out)
    }

    /// Writes one `<tr>` with its cells parsed as inlines.
    static func renderRow(_ cells: [[UInt8]], alignments: [Alignment], cellTag: StaticString, links: MarkdownHTML.LinkRewrite?,
                          into out: inout [UInt8]) {
        Escaping.appendRaw("<tr>\n", to: &out)
        for (k, cell) in cells.enumerated() {
            out.append(Byte.lessThan)
            Escaping.appendRaw(cellTag, to: &out)
            switch k < alignments.count ? alignments[k] : .none {
            case .none: break
            case .left: Escaping.appendRaw(" align=\"left\"", to: &out)
            case .center: Escaping.appendRaw(" align=\"center\"", to: &out)
            case .right: Escaping.appendRaw(" align=\"right\"", to: &out)
            }
            out.append(Byte.greaterThan)
            let tree = InlineParser.parse(cell)
            InlineRenderer(text: cell, tree: tree, links: links).render(into: &out)
            Escaping.appendRaw("</", to: &out)
            Escaping.appendRaw(cellTag, to: &out)
            Escaping.appendRaw(">\n", to: &out)
        }
        Escaping.appendRaw("</tr>\n", to: &out)
    }
}
