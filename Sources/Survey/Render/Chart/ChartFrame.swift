/// The decorations around a drawn canvas: title, y tick labels and axis, x axis with date
/// labels, legend, notes and source. Lines are built as coloured segments and printed with or
/// without ANSI codes, so colour stays a parallel layer.
struct ChartFrame {
    typealias Segment = (text: String, color: SeriesColor?)

    let lines: [[Segment]]

    init<C: CellCanvas>(chart: LineChart, canvas: C, yTicks: PercentTicks, xTicks: DateTicks, labelWidth: Int) {
        let ascii = chart.options.style == .ascii
        let fit: (String) -> String = { ascii ? ASCIIText.fold($0) : $0 }
        let g = canvas.geometry
        let width = chart.options.width
        let margin = labelWidth + 2
        var out: [[Segment]] = []

        if let title = chart.data.title {
            out.append([(TextLayout.center(fit(title), in: width, ascii: ascii), nil)])
        }
        // Rows of the plot: tick label and axis, then the canvas cells in colour runs.
        var tickLabels: [Int: String] = [:]
        for value in yTicks.values {
            let row = g.row(ofY: value)
            if tickLabels[row] == nil { tickLabels[row] = yTicks.label(value) }
        }
        for row in 0..<g.rows {
            let label = tickLabels[row]
            let axis = label == nil ? (ascii ? "|" : "│") : (ascii ? "+" : "┤")
            let head = String(repeating: " ", count: labelWidth - (label?.count ?? 0)) + (label ?? "") + " " + axis
            var line: [Segment] = [(head, nil)]
            for column in 0..<g.columns {
                let glyph = String(canvas.glyph(row: row, column: column))
                let color = canvas.color(row: row, column: column)
                if let last = line.last, last.color == color, line.count > 1 {
                    line[line.count - 1].text += glyph
                } else {
                    line.append((glyph, color))
                }
            }
            out.append(line)
        }
        // X axis: tick marks on the rule, labels centred under them without overlapping.
        var rule = Array(repeating: ascii ? "-" : "─", count: g.columns)
        var labels = Array(repeating: Character(" "), count: g.columns)
        var nextFree = 0
        for tick in xTicks.ticks {
            let column = g.column(ofX: tick.x)
            guard column >= 0, column < g.columns else { continue }
            rule[column] = ascii ? "+" : "┬"
            let text = Array(tick.label)
            let start = min(max(0, column - (text.count - 1) / 2), g.columns - text.count)
            guard start >= nextFree, start >= 0 else { continue }
            for (i, ch) in text.enumerated() { labels[start + i] = ch }
            nextFree = start + text.count + 1
        }
        out.append([(String(repeating: " ", count: labelWidth + 1) + (ascii ? "+" : "└") + rule.joined(), nil)])
        out.append([(String(repeating: " ", count: margin) + String(labels), nil)])
        // Legend: one entry per series (marker + name), then band and trend keys.
        var entries: [(glyph: String, text: String, color: SeriesColor?)] = []
        for (k, s) in chart.data.series.enumerated() {
            entries.append((String(chart.marker(k)), fit(s.name), SeriesColor(k)))
        }
        if chart.options.band, chart.data.hasIntervals {
            entries.append(ascii ? ("|", "95% CI (error bars)", nil) : ("⠅", "95% CI band", nil))
        }
        // With several trends each key names its series: the same "trend: linear" three times told
        // the reader nothing without colour.
        let trended = chart.data.series.filter { $0.trend != nil }.count
        for (k, s) in chart.data.series.enumerated() {
            guard let trend = s.trend else { continue }
            let banded = trend.points.contains { $0.interval != nil }
            let label = (trended > 1 ? s.name + " " : "") + trend.label + (banded ? " (dotted: band)" : "")
            entries.append((ascii ? "- -" : "╌╌", fit(label), SeriesColor(k)))
        }
        let available = max(4, width - margin)
        let texts = entries.map { TextLayout.truncate($0.glyph + " " + $0.text, to: available, ascii: ascii) }
        for group in TextLayout.pack(texts, width: available) {
            var line: [Segment] = [(String(repeating: " ", count: margin), nil)]
            for (j, i) in group.enumerated() {
                if j > 0 { line.append(("   ", nil)) }
                let glyph = entries[i].glyph
                line.append((glyph, entries[i].color))
                line.append((String(texts[i].dropFirst(glyph.count)), nil))
            }
            out.append(line)
        }
        for note in (chart.data.footnotes + chart.data.bandNotes(band: chart.options.band)).map({ "Note: " + $0 }) + chart.data.breakNotes + [chart.data.sourceLine] {
            // At spaces only: a DOI, URL or number is never split (`TextWrap`).
            for piece in TextWrap.lines(fit(note), width: width, indent: "  ") { out.append([(piece, nil)]) }
        }
        lines = out
    }

    /// The printed chart; trailing spaces trimmed, one `\n` after every line.
    func text(colored: Bool) -> String {
        var result = ""
        for line in lines {
            var s = ""
            for segment in line {
                if colored, let color = segment.color, segment.text.contains(where: { $0 != " " }) {
                    s += color.ansiStart + segment.text + SeriesColor.ansiReset
                } else {
                    s += segment.text
                }
            }
            while s.hasSuffix(" ") { s.removeLast() }
            result += s + "\n"
        }
        return result
    }
}
