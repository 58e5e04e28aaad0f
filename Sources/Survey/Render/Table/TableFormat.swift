/// The output formats of a `TableModel`.
public enum TableFormat: Sendable, Equatable {
    /// A terminal table drawn with box-drawing characters, or with `+-|` only when `ascii` is
    /// true (then every byte of the output is 7-bit ASCII); `width` (terminal columns) splits a
    /// wider table into blocks or stacked records and wraps the notes, nil leaves lines whole.
    case text(ascii: Bool = false, width: Int? = nil)
    /// A GitHub-flavoured Markdown pipe table.
    case markdown
    /// RFC 4180 CSV with full-precision numbers, one column per value of an estimate; data only.
    case csv
    /// One JSON object: columns, rows (objects keyed by column key), footnotes, source note.
    case json
    /// A LaTeX `table` with a booktabs `tabular`.
    case latex
}

extension TableFormat {
    /// A line of prose printed beside tables in this format (a title, a sentence, a note),
    /// escaped as the format's renderer escapes its own notes: LaTeX specials (`%` would start a
    /// comment and drop the rest of the line), Markdown emphasis and brackets; text unchanged.
    public func prose(_ line: String) -> String {
        switch self {
        case .latex: return LaTeXTableRenderer.escape(line)
        case .markdown: return MarkdownTableRenderer.escapeProse(line)
        case .text, .csv, .json: return line
        }
    }
}

extension TableModel {
    /// The table as text in `format`. Deterministic: the same model gives the same bytes.
    /// Footnotes and the source note are part of every format but CSV (`proseLines`).
    public func rendered(_ format: TableFormat) -> String {
        switch format {
        case .text(let ascii, let width): return TextTableRenderer(table: self, ascii: ascii, width: width).render()
        case .markdown: return MarkdownTableRenderer(table: self).render()
        case .csv: return CSVTableRenderer(table: self).render()
        case .json: return JSONTableRenderer(table: self).render()
        case .latex: return LaTeXTableRenderer(table: self).render()
        }
    }

    /// The prose every format but CSV prints under the table: `Note: …` lines and the source
    /// line (the CLI writes them to stderr with CSV, so the data stays one header and rows).
    public var proseLines: [String] { footnotes.map { "Note: " + $0 } + [sourceLine] }

    /// The source line every renderer prints.
    var sourceLine: String { "Source: " + (sourceNote ?? "not given") }

    /// The cell at `row`, `column`, or `.missing` when the row is shorter than the header.
    func cell(_ row: [Cell], _ column: Int) -> Cell {
        column < row.count ? row[column] : .missing
    }
}
