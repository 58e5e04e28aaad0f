/// Character style of a terminal chart.
public enum ChartStyle: String, Sendable, Equatable, CaseIterable {
    /// Unicode braille canvas (2 × 4 dots per cell), box-drawing axes, `●■▲◆` markers.
    case braille
    /// 7-bit ASCII canvas (3 × 3 pixels per cell), `+-|` axes, `ox*#` markers; every text is
    /// folded to ASCII, so the whole output is 7-bit.
    case ascii
}

/// Size and content switches of a terminal chart.
public struct LineChartOptions: Sendable, Equatable {
    /// Width of every printed line, in characters (y labels and axis included). At least 12.
    public var width: Int
    /// Height of the plotting area in character rows (title, axis labels, legend and notes come
    /// on top). At least 2.
    public var height: Int
    public var style: ChartStyle
    /// Draw each observation's interval: a dotted band (braille) or error bars (ASCII).
    public var band: Bool

    public init(width: Int = 80, height: Int = 20, style: ChartStyle = .braille, band: Bool = false) {
        self.width = width
        self.height = height
        self.style = style
        self.band = band
    }
}

/// A line chart of several series over time, printed as text.
///
/// Layers, bottom to top: interval bands (braille: light dot shading between the interpolated
/// bounds, an error bar at a wave no shaded segment reaches; ASCII: a vertical error bar at each
/// observed wave), trend bands (dotted edges),
/// trend lines (dashed), data lines (solid, not joined across a series break or a non-finite
/// value), and a marker per observed wave (one shape per series, so series stay apart without
/// colour). Decorations around the canvas: title, y axis in percent with round ticks
/// (`PercentTicks`), date x axis (`DateTicks`), legend, notes and the source line.
public struct LineChart: Sendable {
    public let data: ChartData
    public let options: LineChartOptions

    static let brailleMarkers: [Character] = ["●", "■", "▲", "◆", "○", "□", "△", "◇"]
    static let asciiMarkers: [Character] = ["o", "x", "*", "#", "@", "%", "&", "$"]

    /// Checks sizes and that there is something to draw.
    public init(data: ChartData, options: LineChartOptions = LineChartOptions()) throws(ChartError) {
        guard options.width >= 12 else { throw .invalidSize("chart width must be at least 12 characters (got \(options.width))") }
        guard options.height >= 2 else { throw .invalidSize("chart height must be at least 2 rows (got \(options.height))") }
        guard data.extent(band: options.band) != nil else { throw .noData }
        self.data = data
        self.options = options
    }

    /// Marker of series `index`.
    func marker(_ index: Int) -> Character {
        let set = options.style == .ascii ? Self.asciiMarkers : Self.brailleMarkers
        return set[index % set.count]
    }

    /// The chart as text; `colored` adds ANSI colour codes per series (the caller decides,
    /// from the TTY, `NO_COLOR` and `--color`; the library never looks at the environment).
    public func render(colored: Bool) -> String {
        switch options.style {
        case .braille: return draw(BrailleCanvas.self).text(colored: colored)
        case .ascii: return draw(ASCIICanvas.self).text(colored: colored)
        }
    }

    /// Axis ticks and the canvas size for this chart's data and options.
    func layout() -> (y: PercentTicks, x: DateTicks, labelWidth: Int, columns: Int) {
        let extent = data.extent(band: options.band) ?? (0...1, 0...1)
        let y = PercentTicks(low: extent.y.lowerBound, high: extent.y.upperBound,
                             maxIntervals: max(1, (options.height - 1) / 3))
        let labelWidth = y.values.map { y.label($0).count }.max() ?? 4
        let columns = max(4, options.width - labelWidth - 2)
        let window = DateTicks.window(low: extent.x.lowerBound, high: extent.x.upperBound)
        return (y, DateTicks(range: window, width: Double(columns)), labelWidth, columns)
    }

    func draw<C: CellCanvas>(_ kind: C.Type) -> ChartFrame {
        let (yTicks, xTicks, labelWidth, columns) = layout()
        var canvas = C(columns: columns, rows: options.height, xRange: xTicks.range, yRange: yTicks.range)
        let dash = LinePattern.dashed(on: C.pixelsPerCell.x, off: C.pixelsPerCell.x)
        // Trend band edges: sparse dots (every 3rd braille pixel; every 6th ASCII pixel so they
        // print as lone `.`/`'` and not as solid strokes).
        let dotted = LinePattern.dashed(on: 1, off: C.pixelsPerCell.x == 3 ? 5 : 2)
        for (k, s) in data.series.enumerated() where options.band {
            let color = SeriesColor(k)
            // A band segment joins two neighbouring waves that both have an interval and no
            // break between them; braille shades those, and gives every wave no segment
            // reaches an error bar instead. ASCII draws error bars at every wave.
            var shaded = Array(repeating: false, count: s.points.count)
            for j in s.points.indices.dropLast() {
                let a = s.points[j], b = s.points[j + 1]
                guard options.style == .braille, !s.crossesBreak(a.x, b.x), a.y.isFinite, b.y.isFinite,
                      let ia = a.interval, let ib = b.interval else { continue }
                canvas.shade(from: (a.x, ia.lower, ia.upper), to: (b.x, ib.lower, ib.upper), color: color)
                shaded[j] = true
                shaded[j + 1] = true
            }
            for (j, p) in s.points.enumerated() where p.y.isFinite && !shaded[j] {
                if let i = p.interval { canvas.verticalSpan(x: p.x, from: i.lower, to: i.upper, color: color) }
            }
        }
        for (k, s) in data.series.enumerated() {
            guard let trend = s.trend else { continue }
            let color = SeriesColor(k)
            // Consecutive pairs by index: a `zip` with `dropFirst()` costs the process two
            // protocol-conformance scans for its generic types (issue 17 item 4).
            for i in trend.points.indices.dropLast() {
                let a = trend.points[i], b = trend.points[i + 1]
                guard !s.crossesBreak(a.x, b.x) else { continue }
                if let ia = a.interval, let ib = b.interval {
                    canvas.line(from: (a.x, ia.lower), to: (b.x, ib.lower), color: color, pattern: dotted)
                    canvas.line(from: (a.x, ia.upper), to: (b.x, ib.upper), color: color, pattern: dotted)
                }
                canvas.line(from: (a.x, a.y), to: (b.x, b.y), color: color, pattern: dash)
            }
        }
        for (k, s) in data.series.enumerated() {
            for i in s.points.indices.dropLast() {
                let a = s.points[i], b = s.points[i + 1]
                guard !s.crossesBreak(a.x, b.x) else { continue }
                canvas.line(from: (a.x, a.y), to: (b.x, b.y), color: SeriesColor(k))
            }
        }
        for (k, s) in data.series.enumerated() {
            for p in s.points { canvas.marker(marker(k), x: p.x, y: p.y, color: SeriesColor(k)) }
        }
        return ChartFrame(chart: self, canvas: canvas, yTicks: yTicks, xTicks: xTicks, labelWidth: labelWidth)
    }
}
