/// The line chart as a standalone SVG document: the same data, ticks (`PercentTicks`,
/// `DateTicks`), markers per series, interval bands (translucent polygons, not joined across a
/// break), trend lines (dashed) with their bands (dotted outline, lighter fill), legend, notes
/// and source. Series breaks also get a thin dashed vertical rule. Deterministic output.
public struct SVGChart: Sendable {
    public let data: ChartData
    public let width: Int
    public let height: Int
    public let band: Bool

    /// Layout constants in pixels; labels are 12 px, notes 11 px (≈ 6.5 px per character).
    static let left = 56.0, right = 24.0, top = 44.0, lineHeight = 18.0, noteHeight = 15.0, charWidth = 6.5

    /// `width` × `height` pixels (at least 240 × 160); taller when long notes need the room.
    public init(data: ChartData, width: Int = 800, height: Int = 450, band: Bool = false) throws(ChartError) {
        guard width >= 240, height >= 160 else {
            throw .invalidSize("SVG size must be at least 240x160 pixels (got \(width)x\(height))")
        }
        guard data.extent(band: band) != nil else { throw .noData }
        self.data = data
        self.width = width
        self.height = height
        self.band = band
    }

    /// Legend entries: (kind, series index, text); kind 0 = series, 1 = band, 2 = trend.
    private var legend: [(kind: Int, series: Int, text: String)] {
        var items = data.series.enumerated().map { (0, $0.offset, $0.element.name) }
        if band, data.hasIntervals { items.append((1, -1, "95% CI band")) }
        for (k, s) in data.series.enumerated() {
            if let t = s.trend {
                items.append((2, k, t.label + (t.points.contains { $0.interval != nil } ? " (band dotted)" : "")))
            }
        }
        return items
    }

    public func render() -> String {
        let W = Double(width), H = Double(height)
        let plotLeft = Self.left, plotRight = W - Self.right
        // Bottom block: x labels, legend lines, notes; the plot takes the rest.
        let legendItems = legend
        let legendWidths = legendItems.map { 30 + Double($0.text.count) * Self.charWidth }
        var legendLines: [[Int]] = [[]]
        var used = 0.0
        for (i, w) in legendWidths.enumerated() {
            if !(legendLines.last ?? []).isEmpty, used + w > plotRight - plotLeft {
                legendLines.append([])
                used = 0
            }
            legendLines[legendLines.count - 1].append(i)
            used += w + 16
        }
        let charsPerLine = Int((W - 16) / Self.charWidth)
        let notes = ((data.footnotes + data.bandNotes(band: band)).map { "Note: " + $0 } + data.breakNotes + [data.sourceLine])
            .flatMap { TextLayout.wrap($0, width: charsPerLine) }
        // x labels 28, legend lines, 6 gap, note lines, 10 below the last baseline for descenders.
        let bottomBlock = 28 + Double(legendLines.count) * Self.lineHeight + 6 + Double(notes.count) * Self.noteHeight + 10
        // `height` is the whole picture unless the notes would squeeze the plot below 55% of
        // it; then the picture grows downwards instead.
        let plotTop = Self.top, plotBottom = plotTop + max(H - Self.top - bottomBlock, 0.55 * H)
        let documentHeight = Int((plotBottom + bottomBlock).rounded(.up))

        let extent = data.extent(band: band) ?? (0...1, 0...1)
        let yTicks = PercentTicks(low: extent.y.lowerBound, high: extent.y.upperBound,
                                  maxIntervals: max(2, Int((plotBottom - plotTop) / 40)))
        let window = DateTicks.window(low: extent.x.lowerBound, high: extent.x.upperBound)
        let xTicks = DateTicks(range: window, width: (plotRight - plotLeft - 16) / Self.charWidth, gap: 3)
        let x0 = plotLeft + 8, x1 = plotRight - 8  // inset so edge markers are not cut by the frame
        func sx(_ x: Double) -> Double {
            let span = window.upperBound - window.lowerBound
            return span > 0 ? x0 + (x - window.lowerBound) / span * (x1 - x0) : (x0 + x1) / 2
        }
        func sy(_ y: Double) -> Double {
            let r = yTicks.range, span = r.upperBound - r.lowerBound
            return span > 0 ? plotBottom - (y - r.lowerBound) / span * (plotBottom - plotTop) : (plotTop + plotBottom) / 2
        }

        var svg = SVGWriter()
        if let title = data.title {
            svg.text(title, x: W / 2, y: 26, anchor: "middle", size: 16, extra: "font-weight=\"bold\"")
        }
        // Grid and y axis.
        for v in yTicks.values {
            svg.line(plotLeft, sy(v), plotRight, sy(v), "stroke=\"#e0e0e0\" stroke-width=\"1\"")
            svg.text(yTicks.label(v), x: plotLeft - 6, y: sy(v) + 4, anchor: "end")
        }
        svg.line(plotLeft, plotTop, plotLeft, plotBottom, "stroke=\"#333\" stroke-width=\"1\"")
        svg.line(plotLeft, plotBottom, plotRight, plotBottom, "stroke=\"#333\" stroke-width=\"1\"")
        for tick in xTicks.ticks {
            svg.line(sx(tick.x), plotBottom, sx(tick.x), plotBottom + 5, "stroke=\"#333\" stroke-width=\"1\"")
            svg.text(tick.label, x: sx(tick.x), y: plotBottom + 18, anchor: "middle")
        }
        for s in data.series {
            for b in s.breaks where window.contains(b) {
                svg.line(sx(b), plotTop, sx(b), plotBottom, "stroke=\"#999\" stroke-width=\"1\" stroke-dasharray=\"2 3\"")
            }
        }
        // Runs of consecutive drawable points, split at breaks and non-finite values.
        func runs(_ points: [ChartPoint], _ s: ChartSeries, needInterval: Bool) -> [[ChartPoint]] {
            var result: [[ChartPoint]] = []
            var current: [ChartPoint] = []
            for p in points {
                let ok = p.x.isFinite && p.y.isFinite && (!needInterval || p.interval != nil)
                if !ok || (current.last.map { s.crossesBreak($0.x, p.x) } ?? false) {
                    if !current.isEmpty { result.append(current) }
                    current = ok ? [p] : []
                } else {
                    current.append(p)
                }
            }
            if !current.isEmpty { result.append(current) }
            return result
        }
        func polygon(_ run: [ChartPoint]) -> String {
            let upper = run.compactMap { p in p.interval.map { (sx(p.x), sy($0.upper)) } }
            let lower = run.reversed().compactMap { p in p.interval.map { (sx(p.x), sy($0.lower)) } }
            return SVGWriter.points(upper + lower)
        }
        for (k, s) in data.series.enumerated() where band {
            let color = SeriesColor(k).svg
            for run in runs(s.points, s, needInterval: true) {
                if run.count == 1, let i = run[0].interval {  // a lone wave: an error bar
                    svg.line(sx(run[0].x), sy(i.lower), sx(run[0].x), sy(i.upper), "stroke=\"\(color)\" stroke-width=\"2\" stroke-opacity=\"0.5\"")
                } else {
                    svg.raw("<polygon points=\"\(polygon(run))\" fill=\"\(color)\" fill-opacity=\"0.18\" stroke=\"none\"/>")
                }
            }
        }
        for (k, s) in data.series.enumerated() {
            guard let trend = s.trend else { continue }
            let color = SeriesColor(k).svg
            for run in runs(trend.points, s, needInterval: true) where run.count > 1 {
                svg.raw("<polygon points=\"\(polygon(run))\" fill=\"\(color)\" fill-opacity=\"0.07\" stroke=\"\(color)\" stroke-width=\"1\" stroke-dasharray=\"1 3\"/>")
            }
            for run in runs(trend.points, s, needInterval: false) where run.count > 1 {
                svg.raw("<polyline points=\"\(SVGWriter.points(run.map { (sx($0.x), sy($0.y)) }))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" stroke-dasharray=\"7 4\"/>")
            }
        }
        for (k, s) in data.series.enumerated() {
            let color = SeriesColor(k).svg
            for run in runs(s.points, s, needInterval: false) where run.count > 1 {
                svg.raw("<polyline points=\"\(SVGWriter.points(run.map { (sx($0.x), sy($0.y)) }))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" stroke-linejoin=\"round\"/>")
            }
            for p in s.points where p.x.isFinite && p.y.isFinite {
                svg.marker(k, x: sx(p.x), y: sy(p.y), color: color)
            }
        }
        // Legend.
        var y = plotBottom + 28 + Self.lineHeight - 4
        for lineItems in legendLines {
            var x = plotLeft
            for i in lineItems {
                let item = legendItems[i]
                let color = item.series >= 0 ? SeriesColor(item.series).svg : "#777"
                switch item.kind {
                case 0:
                    svg.line(x, y - 4, x + 22, y - 4, "stroke=\"\(color)\" stroke-width=\"2\"")
                    svg.marker(item.series, x: x + 11, y: y - 4, color: color)
                case 1:
                    svg.raw("<rect x=\"\(SVGWriter.num(x))\" y=\"\(SVGWriter.num(y - 10))\" width=\"22\" height=\"12\" fill=\"#777\" fill-opacity=\"0.25\"/>")
                default:
                    svg.line(x, y - 4, x + 22, y - 4, "stroke=\"\(color)\" stroke-width=\"2\" stroke-dasharray=\"7 4\"")
                }
                svg.text(item.text, x: x + 28, y: y)
                x += legendWidths[i] + 16
            }
            y += Self.lineHeight
        }
        y += 6
        for note in notes {
            svg.text(note, x: 8, y: y, size: 11, extra: "fill=\"#444\"")
            y += Self.noteHeight
        }
        return svg.document(width: width, height: documentHeight, title: data.title)
    }
}
