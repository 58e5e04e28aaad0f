/// What a chart shows, already computed: the renderers draw these values and compute nothing
/// statistical (DESIGN.md §2). Built by commands from `Series` (and, for `--trend`, from a
/// fitted trend), never by Render itself.

/// One observed (or fitted) value: x in decimal years, y a share (0-1, or -1..1 for net), and
/// an optional interval. Non-finite values are gaps.
public struct ChartPoint: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var lower: Double?
    public var upper: Double?

    public init(x: Double, y: Double, lower: Double? = nil, upper: Double? = nil) {
        self.x = x
        self.y = y
        self.lower = lower
        self.upper = upper
    }

    /// Both interval ends, when present and finite.
    var interval: (lower: Double, upper: Double)? {
        guard let lower, let upper, lower.isFinite, upper.isFinite else { return nil }
        return (lower, upper)
    }
}

/// A fitted trend line with its pointwise band (the points' `lower`/`upper`), e.g. from
/// `barometer trend`'s `fitted` values. Drawn dashed, its band as dotted edges, so it never
/// looks like data.
public struct ChartTrend: Sendable, Equatable {
    /// Legend text, e.g. `linear trend`.
    public var label: String
    public var points: [ChartPoint]

    public init(label: String, points: [ChartPoint]) {
        self.label = label
        self.points = points
    }
}

/// One line of the chart.
public struct ChartSeries: Sendable, Equatable {
    /// Legend text, e.g. `KZ · Russia`.
    public var name: String
    /// Observed waves in increasing x; each gets a marker.
    public var points: [ChartPoint]
    /// x positions (decimal years) of series breaks: no line or band is drawn across them.
    public var breaks: [Double]
    /// Optional fitted trend for this series.
    public var trend: ChartTrend?
    /// The small-multiple panel this series is drawn in (e.g. `Kazakhstan`); nil = one panel.
    public var facet: String?

    public init(name: String, points: [ChartPoint], breaks: [Double] = [], trend: ChartTrend? = nil, facet: String? = nil) {
        self.name = name
        self.points = points.sorted { $0.x < $1.x }
        self.breaks = breaks.sorted()
        self.trend = trend
        self.facet = facet
    }

    /// True when a break lies in (a, b]: the segment from a to b must not be drawn.
    func crossesBreak(_ a: Double, _ b: Double) -> Bool {
        breaks.contains { a < $0 && $0 <= b }
    }
}

/// A whole chart: series plus the text around it. The y axis shows shares as percents.
public struct ChartData: Sendable, Equatable {
    public var title: String?
    public var series: [ChartSeries]
    /// Notes printed under the legend, in order.
    public var footnotes: [String]
    /// Where the figures come from; always printed ("Source: not given" when nil).
    public var sourceNote: String?
    /// Publication text for the SVG (the terminal chart keeps `title` and `sourceNote`): a title
    /// in words, a subtitle (measure and base), the y-axis title and a one-line source caption.
    public var headline: String?
    public var subtitle: String?
    public var yTitle: String?
    public var caption: String?
    /// What each break is (e.g. `face-to-face → telephone`), by its x; unlabelled ones say `series break`.
    public var breakLabels: [Double: String]

    public init(title: String? = nil, series: [ChartSeries], footnotes: [String] = [], sourceNote: String? = nil,
                headline: String? = nil, subtitle: String? = nil, yTitle: String? = nil, caption: String? = nil,
                breakLabels: [Double: String] = [:]) {
        self.title = title
        self.series = series
        self.footnotes = footnotes
        self.sourceNote = sourceNote
        self.headline = headline
        self.subtitle = subtitle
        self.yTitle = yTitle
        self.caption = caption
        self.breakLabels = breakLabels
    }

    /// Every distinct break position in `series`, increasing (one marker each, however many
    /// series share it).
    static func distinctBreaks(_ series: [ChartSeries]) -> [Double] {
        var seen: [Double] = []
        for b in series.flatMap(\.breaks).sorted() where !seen.contains(where: { abs($0 - b) < 1e-9 }) { seen.append(b) }
        return seen
    }

    /// The words for the break at `x`.
    func breakLabel(_ x: Double) -> String {
        breakLabels.first { abs($0.key - x) < 1e-9 }?.value ?? "series break"
    }

    /// Break notes for the SVG: one per kind of break, with every month it falls in.
    var publicationBreakNotes: [String] {
        var order: [String] = []
        var months: [String: [String]] = [:]
        for b in Self.distinctBreaks(series) {
            let label = breakLabel(b), month = DateTicks.monthLabel(b)
            if months[label] == nil { order.append(label) }
            if months[label]?.contains(month) != true { months[label, default: []].append(month) }
        }
        return order.map { label in
            ChartWords.capitalized(label) + " at " + ChartWords.list(months[label] ?? []) + ": lines are not joined across it."
        }
    }

    /// The source line printed under every chart.
    var sourceLine: String { "Source: " + (sourceNote ?? "not given") }

    /// Notes the chart adds itself: an unlabelled break (`--break`) gets one note per series; a
    /// labelled one (e.g. `face-to-face → telephone`) is named once, even when several series
    /// share it, with where each series breaks. No line or band is drawn across a break.
    var breakNotes: [String] {
        var notes: [String] = []
        var order: [String] = []
        var months: [String: [String]] = [:]
        var names: [String: [String]] = [:]  // "label|month" → series names
        for s in series {
            for b in s.breaks {
                let label = breakLabel(b), month = DateTicks.monthLabel(b)
                guard label != "series break" else {
                    notes.append("Series break in \(s.name) at \(month): no line drawn across it.")
                    continue
                }
                if months[label] == nil { order.append(label) }
                if months[label]?.contains(month) != true { months[label, default: []].append(month) }
                names[label + "|" + month, default: []].append(s.name)
            }
        }
        return order.map { label in
            let places = (months[label] ?? []).map { "\($0) (" + (names[label + "|" + $0] ?? []).joined(separator: ", ") + ")" }
            return "Series break at " + places.joined(separator: "; ") + ": \(label); no line or band drawn across it."
        } + notes
    }

    /// True when some observed point has a finite interval (else a band has nothing to draw).
    var hasIntervals: Bool { series.contains { $0.points.contains { $0.interval != nil } } }

    /// Notes added when `band` is on: says so when the data carry no intervals at all.
    func bandNotes(band: Bool) -> [String] {
        band && !hasIntervals ? ["No intervals in the data: no band drawn."] : []
    }

    /// Smallest box holding every finite x and y drawn (intervals when `band`, trends and their
    /// bands always); nil when there is nothing finite to draw.
    func extent(band: Bool) -> (x: ClosedRange<Double>, y: ClosedRange<Double>)? {
        var xs: [Double] = []
        var ys: [Double] = []
        func add(_ p: ChartPoint, interval: Bool) {
            guard p.x.isFinite, p.y.isFinite else { return }
            xs.append(p.x)
            ys.append(p.y)
            if interval, let i = p.interval { ys += [i.lower, i.upper] }
        }
        for s in series {
            for p in s.points { add(p, interval: band) }
            for p in s.trend?.points ?? [] { add(p, interval: true) }
        }
        guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() else { return nil }
        return (x0...x1, y0...y1)
    }
}
