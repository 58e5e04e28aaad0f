import Survey

extension OutputFormat {
    /// The `TableModel` renderer for this `--format`; `ascii` selects 7-bit ASCII borders for text.
    func tableFormat(ascii: Bool = false) -> TableFormat {
        switch self {
        case .text: return .text(ascii: ascii)
        case .markdown: return .markdown
        case .csv: return .csv
        case .json: return .json
        case .latex: return .latex
        }
    }
}

extension OutputOptions {
    /// `table` rendered in the chosen `--format` (`ascii`: plain `+-|` borders for text).
    func render(_ table: TableModel, ascii: Bool = false) -> String {
        table.rendered(format.tableFormat(ascii: ascii))
    }
}
