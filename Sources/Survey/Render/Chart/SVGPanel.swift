/// One plot of an SVG chart (the whole chart, or one small multiple): gridlines and axes, the
/// break markers, bands, trends, lines and markers of its series. Scales are passed in, so all
/// panels of a chart share them. Data sit inside the axes: `inset` pixels from the left and right
/// ends and 12 px above the x axis, so no marker or band touches an axis.
struct SVGPanel {
    let chart: SVGChart
    let series: [ChartSeries]
    let left: Double, right: Double, top: Double, bottom: Double
    let inset: Double
    let window: ClosedRange<Double>
    let yTicks: PercentTicks
    let xTicks: DateTicks
    let yLabels: Bool, xLabels: Bool

    /// Pixels kept free above the top tick and below the bottom tick.
    static let topPad = 6.0, bottomPad = 12.0

    func sx(_ x: Double) -> Double {
        let span = window.upperBound - window.lowerBound
        return span > 0 ? left + inset + (x - window.lowerBound) / span * (right - left - 2 * inset) : (left + right) / 2
    }

    func sy(_ y: Double) -> Double {
        let r = yTicks.range, span = r.upperBound - r.lowerBound
        let low = bottom - Self.bottomPad, high = top + Self.topPad
        return span > 0 ? low - (y - r.lowerBound) / span * (low - high) : (low + high) / 2
    }

    func draw(into svg: inout SVGWriter, breakLabelY: Double) {
        for v in yTicks.values {
            svg.line(left, sy(v), right, sy(v), "stroke=\"#e3e3e3\" stroke-width=\"1\"")
            if yLabels { svg.text(yTicks.label(v), x: left - 6, y: sy(v) + 4, anchor: "end", extra: "fill=\"#333\"") }
        }
        svg.line(left, top, left, bottom, "stroke=\"#555\" stroke-width=\"1\"")
        svg.line(left, bottom, right, bottom, "stroke=\"#555\" stroke-width=\"1\"")
        for tick in xTicks.ticks {
            svg.line(sx(tick.x), bottom, sx(tick.x), bottom + 5, "stroke=\"#555\" stroke-width=\"1\"")
            if xLabels { svg.text(tick.label, x: sx(tick.x), y: bottom + 18, anchor: "middle", extra: "fill=\"#333\"") }
        }
        drawBreaks(into: &svg, labelY: breakLabelY)
        let band = chart.band
        for s in series where band {
            let color = SeriesColor(chart.style(s)).svg
            for run in runs(s.points, s, needInterval: true) {
                if run.count == 1, let i = run[0].interval {  // a lone wave: an error bar
                    svg.line(sx(run[0].x), sy(i.lower), sx(run[0].x), sy(i.upper), "stroke=\"\(color)\" stroke-width=\"2\" stroke-opacity=\"0.5\"")
                } else {
                    svg.raw("<polygon points=\"\(polygon(run))\" fill=\"\(color)\" fill-opacity=\"0.18\" stroke=\"none\" class=\"band\"/>")
                }
            }
        }
        for s in series {
            guard let trend = s.trend else { continue }
            let color = SeriesColor(chart.style(s)).svg
            for run in runs(trend.points, s, needInterval: true) where run.count > 1 {
                svg.raw("<polygon points=\"\(polygon(run))\" fill=\"\(color)\" fill-opacity=\"0.07\" stroke=\"\(color)\" stroke-width=\"1\" stroke-dasharray=\"1 3\"/>")
            }
            for run in runs(trend.points, s, needInterval: false) where run.count > 1 {
                svg.raw("<polyline points=\"\(SVGWriter.points(run.map { (sx($0.x), sy($0.y)) }))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" stroke-dasharray=\"7 4\"/>")
            }
        }
        for s in series {
            let k = chart.style(s), color = SeriesColor(k).svg
            for run in runs(s.points, s, needInterval: false) where run.count > 1 {
                svg.raw("<polyline points=\"\(SVGWriter.points(run.map { (sx($0.x), sy($0.y)) }))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" stroke-linejoin=\"round\"/>")
            }
            for p in s.points where p.x.isFinite && p.y.isFinite {
                svg.marker(k, x: sx(p.x), y: sy(p.y), color: color)
            }
        }
    }

    /// One dashed rule per distinct break in this panel, labelled above the plot (a label that
    /// would run into the previous one is left to the notes).
    func drawBreaks(into svg: inout SVGWriter, labelY: Double) {
        var lastEnd = -Double.infinity
        for b in ChartData.distinctBreaks(series) where window.contains(b) {
            let x = sx(b)
            svg.line(x, labelY + 3, x, bottom, "stroke=\"#555\" stroke-width=\"1.2\" stroke-dasharray=\"4 3\" class=\"break\"")
            let text = chart.data.breakLabel(b)
            let w = TextWidth.of(text, size: 11)
            let start = min(max(x - w / 2, left), right - w)
            guard start > lastEnd + 6 else { continue }
            svg.text(text, x: start, y: labelY, size: 11, extra: "fill=\"#333\" class=\"break-label\"")
            lastEnd = start + w
        }
    }

    /// Runs of consecutive drawable points, split at breaks and non-finite values.
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
}
