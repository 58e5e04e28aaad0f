/// The legend under an SVG chart: one entry per series name (line and marker over a swatch of
/// its band colour when bands are drawn), a band entry whose swatch holds every series' band
/// colour, and one entry per trend overlay naming its series. Entries pack into rows.
struct SVGLegend {
    enum Kind { case series, band, trend }
    struct Entry { let kind: Kind; let style: Int; let text: String }

    let chart: SVGChart
    let entries: [Entry]
    let rows: [[Int]]
    static let swatch = 26.0, size = 12.0, spacing = 18.0

    init(chart: SVGChart, width: Double) {
        self.chart = chart
        let data = chart.data
        var entries: [Entry] = []
        var seen: [String] = []
        for s in data.series where !seen.contains(s.name) {
            seen.append(s.name)
            entries.append(Entry(kind: .series, style: chart.style(s), text: s.name))
        }
        if chart.band, data.hasIntervals { entries.append(Entry(kind: .band, style: -1, text: "95% confidence interval")) }
        for s in data.series {
            guard let t = s.trend else { continue }
            let banded = t.points.contains { $0.interval != nil }
            let panel = s.facet.map { " (\($0))" } ?? ""
            entries.append(Entry(kind: .trend, style: chart.style(s), text: "\(s.name)\(panel): \(t.label)" + (banded ? ", dotted band" : "")))
        }
        self.entries = entries
        var rows: [[Int]] = [[]]
        var used = 0.0
        for (i, e) in entries.enumerated() {
            let w = Self.width(e)
            if let last = rows.last, !last.isEmpty, used + w > width {
                rows.append([])
                used = 0
            }
            rows[rows.count - 1].append(i)
            used += w + Self.spacing
        }
        self.rows = rows.filter { !$0.isEmpty }
    }

    static func width(_ e: Entry) -> Double { swatch + 6 + TextWidth.of(e.text, size: size) }

    func draw(into svg: inout SVGWriter, x x0: Double, firstBaseline: Double) {
        var y = firstBaseline
        let styles = entries.filter { $0.kind == .series }.map(\.style)
        for row in rows {
            var x = x0
            for i in row {
                let e = entries[i], w = Self.swatch
                switch e.kind {
                case .series:
                    let color = SeriesColor(e.style).svg
                    if chart.band, chart.data.hasIntervals {
                        svg.raw("<rect x=\"\(SVGWriter.num(x))\" y=\"\(SVGWriter.num(y - 10))\" width=\"\(SVGWriter.num(w))\" height=\"12\" fill=\"\(color)\" fill-opacity=\"0.18\" class=\"swatch\"/>")
                    }
                    svg.line(x, y - 4, x + w, y - 4, "stroke=\"\(color)\" stroke-width=\"2\"")
                    svg.marker(e.style, x: x + w / 2, y: y - 4, color: color)
                case .band:
                    let strip = w / Double(max(styles.count, 1))
                    for (j, k) in styles.enumerated() {
                        svg.raw("<rect x=\"\(SVGWriter.num(x + Double(j) * strip))\" y=\"\(SVGWriter.num(y - 10))\" width=\"\(SVGWriter.num(strip))\" height=\"12\" fill=\"\(SeriesColor(k).svg)\" fill-opacity=\"0.18\" class=\"swatch\"/>")
                    }
                case .trend:
                    svg.line(x, y - 4, x + w, y - 4, "stroke=\"\(SeriesColor(e.style).svg)\" stroke-width=\"2\" stroke-dasharray=\"7 4\"")
                }
                svg.text(e.text, x: x + w + 6, y: y, size: Self.size, extra: "fill=\"#222\"")
                x += Self.width(e) + Self.spacing
            }
            y += SVGChart.legendRow
        }
    }
}
