/// The terminal table: box-drawing borders (`┌─┬─┐`), or `+-|` when `ascii` is true, in which
/// case all text (headers, cells, notes) is folded to 7-bit ASCII by `ASCIIText`.
///
/// Layout: title, caption, the bordered table (header row, rule, body rows), then one
/// `Note: …` line per footnote and the `Source: …` line. Widths count characters (the
/// content is assumed to hold no double-width glyphs). Numeric columns are decimal-aligned.
struct TextTableRenderer {
    let table: TableModel
    let ascii: Bool

    private struct Box {
        let h, v, topLeft, topMid, topRight, midLeft, midMid, midRight, bottomLeft, bottomMid, bottomRight: String
    }
    private var box: Box {
        ascii
            ? Box(h: "-", v: "|", topLeft: "+", topMid: "+", topRight: "+", midLeft: "+", midMid: "+",
                  midRight: "+", bottomLeft: "+", bottomMid: "+", bottomRight: "+")
            : Box(h: "─", v: "│", topLeft: "┌", topMid: "┬", topRight: "┐", midLeft: "├", midMid: "┼",
                  midRight: "┤", bottomLeft: "└", bottomMid: "┴", bottomRight: "┘")
    }

    private func clean(_ s: String) -> String {
        let oneLine = s.replacingNewlines()
        return ascii ? ASCIIText.fold(oneLine) : oneLine
    }

    func render() -> String {
        let formatter = CellFormatter(missingMark: ascii ? "-" : "—")
        let columns = table.columns
        // Format each column's cells, then align them as the column asks.
        var body: [[String]] = Array(repeating: [], count: table.rows.count)
        var widths: [Int] = []
        var headers: [String] = []
        for (c, column) in columns.enumerated() {
            let raw = table.rows.map { clean(formatter.format(table.cell($0, c), kind: column.kind, ascii: ascii)) }
            let header = clean(column.header)
            let aligned = column.effectiveAlignment == .decimal ? DecimalAlignment.align(raw) : raw
            let width = max(header.count, aligned.map(\.count).max() ?? 0)
            for r in aligned.indices {
                body[r].append(Self.pad(aligned[r], to: width, column.effectiveAlignment))
            }
            headers.append(Self.pad(header, to: width, column.effectiveAlignment == .decimal ? .right : column.effectiveAlignment))
            widths.append(width)
        }
        let b = box
        func rule(_ l: String, _ m: String, _ r: String) -> String {
            l + widths.map { String(repeating: b.h, count: $0 + 2) }.joined(separator: m) + r
        }
        func line(_ cells: [String]) -> String {
            b.v + cells.map { " " + $0 + " " }.joined(separator: b.v) + b.v
        }
        var lines: [String] = []
        if let title = table.title { lines.append(clean(title)) }
        if let caption = table.caption { lines.append(clean(caption)) }
        if !columns.isEmpty {
            lines.append(rule(b.topLeft, b.topMid, b.topRight))
            lines.append(line(headers))
            lines.append(rule(b.midLeft, b.midMid, b.midRight))
            for row in body { lines.append(line(row)) }
            lines.append(rule(b.bottomLeft, b.bottomMid, b.bottomRight))
        }
        for note in table.footnotes { lines.append(clean("Note: " + note)) }
        lines.append(clean(table.sourceLine))
        return lines.joined(separator: "\n") + "\n"
    }

    static func pad(_ s: String, to width: Int, _ alignment: TableModel.Alignment) -> String {
        let gap = max(0, width - s.count)
        switch alignment {
        case .left: return s + String(repeating: " ", count: gap)
        case .right, .decimal: return String(repeating: " ", count: gap) + s
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + s + String(repeating: " ", count: gap - left)
        }
    }
}

extension String {
    /// Newlines and tabs replaced by spaces: a table cell is one line.
    func replacingNewlines() -> String {
        guard contains(where: { $0.isNewline || $0 == "\t" }) else { return self }
        return String(map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
