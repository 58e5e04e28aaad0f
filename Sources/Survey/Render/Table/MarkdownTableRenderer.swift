/// A GitHub-flavoured Markdown pipe table.
///
/// Layout: `**title**`, the caption, the table (cells padded so the source lines up; the
/// delimiter row gives `:---` for left, `---:` for right and decimal, `:---:` for centre), then
/// each footnote and the source as its own paragraph. In cells `\ | * \` < > [ ] _ ~ &` are
/// backslash-escaped (GFM: a `|` inside a cell must be `\|`; a label `_under_` rendered in
/// italics, `~~x~~` struck through, `&amp;` as `&`), newlines become spaces; in prose the set
/// without `| _ ~ &`, so URLs survive.
struct MarkdownTableRenderer {
    let table: TableModel

    static func escapeCell(_ s: String) -> String { escape(s.replacingNewlines(), set: Set("\\|*`<>[]_~&")) }
    static func escapeProse(_ s: String) -> String { escape(s.replacingNewlines(), set: Set("\\*`<>[]")) }

    private static func escape(_ s: String, set: Set<Character>) -> String {
        var out = ""
        for ch in s {
            if set.contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    func render() -> String {
        let formatter = CellFormatter(missingMark: "—")
        var blocks: [String] = []
        if let title = table.title { blocks.append("**" + Self.escapeProse(title) + "**") }
        if let caption = table.caption { blocks.append(Self.escapeProse(caption)) }
        if table.columns.contains(where: { !$0.csvOnly }) {
            var body: [[String]] = Array(repeating: [], count: table.rows.count)
            var headers: [String] = []
            var delimiters: [String] = []
            for (c, column) in table.columns.enumerated() where !column.csvOnly {
                let alignment = column.effectiveAlignment
                let raw = table.rows.map { Self.escapeCell(formatter.format(table.cell($0, c), kind: column.kind)) }
                let aligned = alignment == .decimal ? DecimalAlignment.align(raw) : raw
                let header = Self.escapeCell(column.header)
                let width = max(3, header.count, aligned.map(\.count).max() ?? 0)
                for r in aligned.indices { body[r].append(TextTableRenderer.pad(aligned[r], to: width, alignment)) }
                headers.append(TextTableRenderer.pad(header, to: width, alignment == .decimal ? .right : alignment))
                switch alignment {
                case .left: delimiters.append(":" + String(repeating: "-", count: width - 1))
                case .right, .decimal: delimiters.append(String(repeating: "-", count: width - 1) + ":")
                case .center: delimiters.append(":" + String(repeating: "-", count: width - 2) + ":")
                }
            }
            func line(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }
            blocks.append(([line(headers), line(delimiters)] + body.map(line)).joined(separator: "\n"))
        }
        for note in table.footnotes { blocks.append(Self.escapeProse("Note: " + note)) }
        blocks.append(Self.escapeProse(table.sourceLine))
        return blocks.joined(separator: "\n\n") + "\n"
    }
}
