/// The line chart as a standalone SVG document for print and web: a title in words, a subtitle,
/// a y-axis title, padded axes (no point sits on an axis), Okabe–Ito colours with distinct
/// markers (readable in greyscale), translucent 95% bands whose legend swatches have the same
/// colours, trend lines (dashed) with dotted bands, direct labels at line ends where they fit,
/// one labelled marker per break, small multiples with shared scales when series carry a
/// `facet`, a legend, notes and a one-line source caption. Deterministic output.
public struct SVGChart: Sendable {
    public let data: ChartData
    public let width: Int
    public let height: Int
    public let band: Bool

    /// Page margin, legend row, note line and x-label heights in pixels.
    static let pad = 16.0, legendRow = 20.0, noteRow = 15.0, xLabelBlock = 24.0

    /// `width` × `height` pixels (within `ChartSize.widths` × `ChartSize.heights`); taller only when
    /// long notes would leave the plot under `minimumPlotShare` of the height.
    public init(data: ChartData, width: Int = 800, height: Int = 450, band: Bool = false) throws(ChartError) {
        guard ChartSize(width: width, height: height).isValid else {
            throw .invalidSize("SVG size must be between 240x160 and 10000x10000 pixels (got \(width)x\(height))")
        }
        guard data.extent(band: band) != nil else { throw .noData }
        self.data = data
        self.width = width
        self.height = height
        self.band = band
    }

    /// A chart of a named size (`ChartSize.column`, `.slide`, …).
    public init(data: ChartData, size: ChartSize, band: Bool = false) throws(ChartError) {
        try self.init(data: data, width: size.width, height: size.height, band: band)
    }

    /// Panel names in first-seen order; one unnamed panel when no series has a facet.
    var facets: [String?] {
        var out: [String?] = []
        for s in data.series where !out.contains(where: { $0 == s.facet }) { out.append(s.facet) }
        return out
    }

    /// Colour and marker index of a series: by its name, so a target keeps its colour in every panel.
    func style(_ s: ChartSeries) -> Int {
        var names: [String] = []
        for t in data.series where !names.contains(t.name) { names.append(t.name) }
        return names.firstIndex(of: s.name) ?? 0
    }

    /// The SVG document.
    public func render() -> String { renderDocument().text }

    /// The plot keeps at least this share of the requested height; header and notes that leave it
    /// less make the document taller (`renderDocument` says by how much).
    static let minimumPlotShare = 0.4

    /// The SVG document and its height in pixels: `height`, unless the header and notes would
    /// leave the plot less than `minimumPlotShare` of it.
    public func renderDocument() -> (text: String, height: Int) {
        let W = Double(width), H = Double(height), pad = Self.pad
        let content = W - 2 * pad
        var svg = SVGWriter()

        // Header: title and subtitle, wrapped to the width.
        var y = 2.0
        for line in (data.headline ?? data.title).map({ TextWidth.wrap($0, width: content, size: 17, bold: true) }) ?? [] {
            y += 22
            svg.text(line, x: pad, y: y, size: 17, extra: "font-weight=\"bold\" fill=\"#111\"")
        }
        for line in data.subtitle.map({ TextWidth.wrap($0, width: content, size: 12.5) }) ?? [] {
            y += 17
            svg.text(line, x: pad, y: y, size: 12.5, extra: "fill=\"#444\"")
        }
        let headerBottom = y + 12

        // Bottom block: legend rows, notes, caption.
        let legend = SVGLegend(chart: self, width: content)
        let notes = ((data.footnotes + data.bandNotes(band: band)).map { "Note: " + $0 } + data.publicationBreakNotes.map { "Note: " + $0 })
            .flatMap { TextWidth.wrap($0, width: content, size: 11) }
        let caption = TextWidth.wrap(data.caption ?? data.sourceLine, width: content, size: 11)
        let bottomBlock = Self.xLabelBlock + 8 + Double(legend.rows.count) * Self.legendRow + 4
            + Double(notes.count + caption.count) * Self.noteRow + 6

        // The grid of panels.
        let facets = self.facets
        let columns = facets.count == 1 ? 1 : min(facets.count, W >= 1000 ? 3 : 2)
        let rows = (facets.count + columns - 1) / columns
        let titleHeight = facets.count > 1 ? 20.0 : 0
        let breakRow = data.series.contains { !$0.breaks.isEmpty } ? 16.0 : 0
        let yTitleWidth = data.yTitle == nil ? 0.0 : 20
        let tickWidth = TextWidth.of("100%", size: 12) + 8
        let gridLeft = pad + yTitleWidth + tickWidth
        let direct = facets.count == 1 ? SVGDirectLabels.width(for: data.series, chartWidth: W) : 0
        let gridRight = W - pad - direct
        let gapX = 20.0, gapY = 14.0
        let panelWidth = (gridRight - gridLeft - gapX * Double(columns - 1)) / Double(columns)
        let available = max(H - headerBottom - bottomBlock, Self.minimumPlotShare * H)
        let blockHeight = max((available - gapY * Double(rows - 1)) / Double(rows), titleHeight + breakRow + (facets.count > 1 ? 130 : 60))
        let plotHeight = blockHeight - titleHeight - breakRow
        let gridBottom = headerBottom + Double(rows) * blockHeight + Double(rows - 1) * gapY

        let extent = data.extent(band: band) ?? (0...1, 0...1)
        let yTicks = PercentTicks(low: extent.y.lowerBound, high: extent.y.upperBound,
                                  maxIntervals: max(2, Int(plotHeight / 40)))
        let window = DateTicks.window(low: extent.x.lowerBound, high: extent.x.upperBound)
        let inset = max(18, 0.04 * panelWidth)
        let xTicks = DateTicks(range: window, width: (panelWidth - 2 * inset) / 7.5, gap: 3)

        if let yTitle = data.yTitle {
            let mid = (headerBottom + gridBottom) / 2
            svg.text(yTitle, x: pad + 12, y: mid, anchor: "middle", size: 12,
                     extra: "fill=\"#333\" transform=\"rotate(-90 \(SVGWriter.num(pad + 12)) \(SVGWriter.num(mid)))\"")
        }
        for (i, facet) in facets.enumerated() {
            let column = i % columns, row = i / columns
            let left = gridLeft + Double(column) * (panelWidth + gapX)
            let top = headerBottom + Double(row) * (blockHeight + gapY)
            let panel = SVGPanel(
                chart: self, series: data.series.filter { $0.facet == facet },
                left: left, right: left + panelWidth, top: top + titleHeight + breakRow, bottom: top + blockHeight,
                inset: inset, window: window, yTicks: yTicks, xTicks: xTicks,
                yLabels: column == 0, xLabels: row == rows - 1 || i + columns >= facets.count)
            if let facet {
                svg.text(facet, x: left, y: top + 14, size: 13, extra: "font-weight=\"bold\" fill=\"#222\"")
            }
            panel.draw(into: &svg, breakLabelY: top + titleHeight + 12)
            if direct > 0 { SVGDirectLabels.draw(panel: panel, into: &svg) }
        }

        var baseline = gridBottom + Self.xLabelBlock + 8 + 12
        legend.draw(into: &svg, x: pad, firstBaseline: baseline)
        baseline += Double(legend.rows.count) * Self.legendRow + 4
        for line in notes + caption {
            svg.text(line, x: pad, y: baseline, size: 11, extra: "fill=\"#444\"")
            baseline += Self.noteRow
        }
        let documentHeight = max(height, Int((gridBottom + bottomBlock).rounded(.up)))
        return (svg.document(width: width, height: documentHeight, title: data.headline ?? data.title), documentHeight)
    }
}
