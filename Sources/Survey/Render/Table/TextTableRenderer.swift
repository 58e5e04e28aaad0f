/// The terminal table: box-drawing borders (`┌─┬─┐`), or `+-|` when `ascii` is true, in which
/// case all text (headers, cells, notes) is folded to 7-bit ASCII by `ASCIIText`.
///
/// Layout: title, caption, the bordered table (header row, rule, body rows), then one
/// `Note: …` line per footnote and the `Source: …` line. Widths are terminal columns
/// (`DisplayWidth`: CJK counts two). Numeric columns are decimal-aligned.
///
/// Fitting `width` (nil: no limit): a table wider than the width is split into blocks of
/// columns, each repeating the key columns (the leading text columns whose cells differ between
/// rows, e.g. the wave, or the level and domain of an estimate), one block under the other; when
/// even the key and one more column do not fit, each row is stacked as
/// `header: value` lines; a block of sparklines alone is left out. Prose (title, caption, notes) wraps at spaces (`TextWrap`), so a URL,
/// DOI or number is never split.
struct TextTableRenderer {
    let table: TableModel
    let ascii: Bool
    var width: Int? = nil

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

    /// A column's header and body cells, padded to its width.
    private struct Laid {
        let header: String
        let cells: [String]
        let width: Int
        /// Unpadded cells, for stacked records.
        let raw: [String]
    }

    private func layColumns(_ columns: [Int]) -> [Laid] {
        let formatter = CellFormatter(missingMark: ascii ? "-" : "—")
        return columns.map { c in
            let column = table.columns[c]
            let raw = table.rows.map { clean(formatter.format(table.cell($0, c), kind: column.kind, ascii: ascii)) }
            let header = clean(column.header)
            let aligned = column.effectiveAlignment == .decimal ? DecimalAlignment.align(raw) : raw
            let width = max(DisplayWidth.of(header), aligned.map { DisplayWidth.of($0) }.max() ?? 0)
            let headerAlignment = column.effectiveAlignment == .decimal ? .right : column.effectiveAlignment
            return Laid(header: Self.pad(header, to: width, headerAlignment),
                        cells: aligned.map { Self.pad($0, to: width, column.effectiveAlignment) }, width: width, raw: raw)
        }
    }

    private func block(_ laid: [Laid]) -> [String] {
        let b = box
        func rule(_ l: String, _ m: String, _ r: String) -> String {
            l + laid.map { String(repeating: b.h, count: $0.width + 2) }.joined(separator: m) + r
        }
        func line(_ cells: [String]) -> String {
            b.v + cells.map { " " + $0 + " " }.joined(separator: b.v) + b.v
        }
        var lines = [rule(b.topLeft, b.topMid, b.topRight), line(laid.map(\.header)), rule(b.midLeft, b.midMid, b.midRight)]
        for r in table.rows.indices { lines.append(line(laid.map { $0.cells[r] })) }
        lines.append(rule(b.bottomLeft, b.bottomMid, b.bottomRight))
        return lines
    }

    /// Width of a bordered block of columns of these widths.
    static func blockWidth(_ widths: [Int]) -> Int { 1 + widths.reduce(0) { $0 + $1 + 3 } }

    /// The model column of each laid-out column (csv-only columns are not laid out).
    private var shownIndex: [Int] { table.columns.indices.filter { !table.columns[$0].csvOnly } }

    private func body(_ laid: [Laid]) -> [String] {
        guard let width, Self.blockWidth(laid.map(\.width)) > width, laid.count > 1 else { return block(laid) }
        // Key columns: the leading text columns (at least the first), never all of them. Each
        // block repeats those whose cells differ between rows (a sweep: `estimate --by` repeated
        // Statistic and Variable, the same on every row, and not Domain, so an SE could be matched
        // to its domain only by counting rows); all of them when none differ.
        var leading = 1
        while leading < laid.count - 1, table.columns[shownIndex[leading]].kind == .text { leading += 1 }
        let varying = (0..<leading).filter { k in laid[k].raw.contains { $0 != laid[k].raw.first } }
        // Within half the width (the first key column always).
        var keyIndices = varying.isEmpty ? Array(0..<leading) : varying
        while keyIndices.count > 1, Self.blockWidth(keyIndices.map { laid[$0].width }) > width / 2 { keyIndices.removeLast() }
        let restIndices = laid.indices.filter { !keyIndices.contains($0) }
        let keyWidth = Self.blockWidth(keyIndices.map { laid[$0].width }) - 1
        guard restIndices.allSatisfy({ keyWidth + laid[$0].width + 3 + 1 <= width }) else { return stacked(laid) }
        var groups: [[Int]] = [[]]
        var used = keyWidth + 1
        for k in restIndices {
            if let last = groups.last, !last.isEmpty, used + laid[k].width + 3 > width {
                groups.append([])
                used = keyWidth + 1
            }
            groups[groups.count - 1].append(k)
            used += laid[k].width + 3
        }
        // A block of sparklines alone would only repeat the numbers above it: the column before it
        // joins it where both fit (so the trend shows beside the last wave, as a table that wraps
        // anyway shows it; at 80 columns Kyrgyzstan's and Uzbekistan's overview lost theirs), else
        // it is left out.
        let shown = shownIndex
        let isSparkline = { (k: Int) in self.table.columns[shown[k]].kind == .sparkline }
        if groups.count > 1, let last = groups.last, last.allSatisfy(isSparkline), groups[groups.count - 2].count > 1,
           let moved = groups[groups.count - 2].last,
           keyWidth + 1 + ([moved] + last).reduce(0, { $0 + laid[$1].width + 3 }) <= width {
            groups[groups.count - 2].removeLast()
            groups[groups.count - 1].insert(moved, at: 0)
        }
        let kept = groups.filter { g in !g.allSatisfy(isSparkline) }
        // Each block in the table's column order (the first holds the leading columns that do not vary).
        return kept.enumerated().flatMap { i, g in (i > 0 ? [""] : []) + block((keyIndices + g).sorted().map { laid[$0] }) }
    }

    /// Each row as `header: value` lines, rows separated by a blank line.
    private func stacked(_ laid: [Laid]) -> [String] {
        let labelWidth = laid.map { DisplayWidth.of($0.header.trimmedSpaces()) }.max() ?? 0
        var lines: [String] = []
        for r in table.rows.indices {
            if r > 0 { lines.append("") }
            for column in laid {
                let label = column.header.trimmedSpaces()
                let text = Self.pad(label, to: labelWidth, .left) + " : " + column.raw[r]
                lines += TextWrap.lines(text, width: width ?? Int.max, indent: String(repeating: " ", count: labelWidth + 3))
            }
        }
        return lines
    }

    func render() -> String {
        var lines: [String] = []
        let prose = { (s: String, indent: String) -> [String] in
            guard let width else { return [s] }
            return TextWrap.lines(s, width: width, indent: indent)
        }
        if let title = table.title { lines += prose(clean(title), "") }
        if let caption = table.caption { lines += prose(clean(caption), "") }
        let shown = table.columns.indices.filter { !table.columns[$0].csvOnly }
        if !shown.isEmpty { lines += body(layColumns(shown)) }
        for note in table.footnotes { lines += prose(clean("Note: " + note), "  ") }
        lines += prose(clean(table.sourceLine), "  ")
        return lines.joined(separator: "\n") + "\n"
    }

    static func pad(_ s: String, to width: Int, _ alignment: TableModel.Alignment) -> String {
        let gap = max(0, width - DisplayWidth.of(s))
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
    /// Newlines and tabs replaced by spaces, so a table cell is one line; other control
    /// characters (C0, DEL, C1 — an ESC from a data file would drive the terminal) and bidi
    /// overrides/isolates (U+202A–202E, U+2066–2069, which reorder the rest of the line) by U+FFFD.
    func replacingNewlines() -> String {
        // None of their UTF-8 encodings (a byte below 0x20 or DEL; C2 80–9F; E2 80 A8–AE, line
        // and paragraph separators and the overrides; E2 81 A6–A9, the isolates): nothing to
        // replace, and no Character-by-Character scan (issue 17 item 4; "—" and box lines are E2 80 94/E2 94 xx).
        var (before2, before1): (UInt8, UInt8) = (0, 0), found = false
        for b in utf8 {
            if b < 0x20 || b == 0x7F || (before1 == 0xC2 && b <= 0x9F && b >= 0x80)
                || (before2 == 0xE2 && ((before1 == 0x80 && (0xA8...0xAE).contains(b)) || (before1 == 0x81 && (0xA6...0xA9).contains(b)))) {
                found = true
                break
            }
            (before2, before1) = (before1, b)
        }
        guard found else { return self }
        func isUnsafe(_ u: Unicode.Scalar) -> Bool {
            let v = u.value
            return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
        }
        guard contains(where: { $0.isNewline || $0 == "\t" || $0.unicodeScalars.contains(where: isUnsafe) }) else { return self }
        return String(map { c -> Character in
            if c.isNewline || c == "\t" { return " " }
            return c.unicodeScalars.contains(where: isUnsafe) ? "\u{FFFD}" : c
        })
    }

    /// Without leading and trailing spaces.
    fileprivate func trimmedSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
