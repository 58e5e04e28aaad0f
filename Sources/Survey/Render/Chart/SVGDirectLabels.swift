/// Series names written at the right end of their lines (one panel only), nudged apart so no two
/// overlap; drawn only where they fit: at most 8 series, names no wider than 22% of the chart.
enum SVGDirectLabels {
    static let size = 12.0, gap = 14.0

    /// Width to reserve right of the plot: 0 when the labels would not fit.
    static func width(for series: [ChartSeries], chartWidth: Double) -> Double {
        guard !series.isEmpty, series.count <= 8 else { return 0 }
        let widest = series.map { TextWidth.of($0.name, size: size, bold: true) }.max() ?? 0
        return widest + 12 <= 0.22 * chartWidth ? widest + 12 : 0
    }

    static func draw(panel: SVGPanel, into svg: inout SVGWriter) {
        var labels: [(y: Double, s: ChartSeries)] = panel.series.compactMap { s in
            guard let last = s.points.last(where: { $0.x.isFinite && $0.y.isFinite }) else { return nil }
            return (panel.sy(last.y) + 4, s)
        }.sorted { $0.y < $1.y }
        for i in labels.indices.dropFirst() where labels[i].y < labels[i - 1].y + gap {
            labels[i].y = labels[i - 1].y + gap
        }
        if let last = labels.last, last.y > panel.bottom {  // pushed off the bottom: shift all up
            let shift = last.y - panel.bottom
            for i in labels.indices { labels[i].y -= shift }
        }
        for label in labels {
            svg.text(label.s.name, x: panel.right + 8, y: label.y, size: size,
                     extra: "font-weight=\"bold\" fill=\"\(SeriesColor(panel.chart.style(label.s)).svg)\" class=\"direct-label\"")
        }
    }
}
