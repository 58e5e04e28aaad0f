import Survey

extension OutputFormat {
    /// The `TableModel` renderer for this `--format`; `ascii` selects 7-bit ASCII borders for
    /// text, `width` the columns a text table fits.
    func tableFormat(ascii: Bool = false, width: Int? = 80) -> TableFormat {
        switch self {
        case .text: return .text(ascii: ascii, width: width)
        case .markdown: return .markdown
        case .csv: return .csv
        case .json: return .json
        case .latex: return .latex
        }
    }
}

extension OutputOptions {
    /// `table` rendered in the chosen `--format` (`ascii`: plain `+-|` borders for text), text
    /// fitted to `lineWidth`. CSV is data only: its notes and source go to stderr.
    func render(_ table: TableModel, ascii: Bool = false) -> String {
        if format == .csv { Console.error(table.proseLines.joined(separator: "\n")) }
        return table.rendered(format.tableFormat(ascii: ascii, width: lineWidth))
    }

    /// A line of prose escaped for the chosen `--format` (`TableFormat.prose`).
    func prose(_ line: String) -> String { format.tableFormat().prose(line) }

    /// Prose (notes, sources) fitted to `lineWidth` in text output, untouched otherwise.
    func wrapped(_ prose: String) -> String {
        format == .text ? TextWrap.paragraphs(prose, width: lineWidth) : prose
    }
}
