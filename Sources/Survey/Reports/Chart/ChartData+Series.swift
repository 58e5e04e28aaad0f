import SurveyRender
import SurveySeries

/// Turns selected series into chart input: presentation only (labels, dates, notes), no
/// statistics. Used by `barometer chart` and by anyone charting `Series` in-process.
extension ChartData {
    /// One chart line per series.
    ///
    /// - Legend names keep only the key parts that differ between the series (all of
    ///   `country · target · measure` for a single series); the title holds the parts they share.
    /// - x is the decimal year of each observation's date; observations without a valid date are
    ///   left out and counted in a note.
    /// - A break is placed at every mode change between consecutive waves (`Series.breaks`,
    ///   labelled e.g. `face-to-face → telephone`) and at each of `breaks` (decimal years), so no
    ///   line or band joins waves on either side of it.
    /// - Every distinct flag in the data gets a note with its count; the source note lists the
    ///   sources the series cite, collapsed to one line by `SourceCaption` (`sourceDetail`
    ///   `.full`: every distinct citation and URL, with the source ids that share it).
    /// - With `facet`, each series is drawn in the panel of its country (or target), and its
    ///   legend name leaves that part out.
    /// - The SVG's text in words (`headline`, `subtitle`, `yTitle`, `caption`) is filled in too;
    ///   a given `title` is the headline as well.
    public init(series: [Series], sources: [SourceReference], breaks: [Double] = [], title: String? = nil,
                facet: ChartFacet? = nil, sourceDetail: SourceDetail = .short) {
        let keys = series.map(\.key)
        func varies<T: Hashable>(_ part: (SeriesKey) -> T) -> Bool { Set(keys.map(part)).count > 1 }
        let parts: [(SeriesKey) -> String] = [\.dataset, \.country, \.target, \.item, \.measure]
        var varying = parts.map { part in varies(part) }
        let facetPart = facet.map { $0 == .country ? 1 : 2 }
        if let facetPart { varying[facetPart] = false }
        let fallback = facetPart.map { $0 == 1 ? [false, false, true, false, false] : [false, true, false, false, false] }
            ?? [false, true, true, false, true]
        let shown = varying.contains(true) ? varying : fallback
        var skipped = 0
        var flagCounts: [String: Int] = [:]
        var breakLabels: [Double: String] = [:]
        for b in breaks { breakLabels[b] = "series break" }
        let chartSeries = series.map { s -> ChartSeries in
            var name = zip(parts, shown).filter(\.1).map { $0.0(s.key) }.joined(separator: " · ")
            if s.key.isGroup { name += " · \(s.key.group) \(s.key.groupLevel)" }
            var points: [ChartPoint] = []
            var seriesBreaks = breaks
            for b in s.breaks {  // mode changes between consecutive waves (`Comparability`)
                guard let x = b.time else { continue }
                seriesBreaks.append(x)
                breakLabels[x] = b.label
            }
            for o in s.observations {
                for flag in o.flags { flagCounts[flag, default: 0] += 1 }
                guard let p = ChartPoint(date: o.date, y: o.estimate, lower: o.ciLower, upper: o.ciUpper) else {
                    skipped += 1
                    continue
                }
                points.append(p)
            }
            let panel = facet.map { $0 == .country ? Countries.name(s.key.country) : s.key.target }
            return ChartSeries(name: name.isEmpty ? s.key.label : name, points: points, breaks: Array(Set(seriesBreaks)),
                               facet: panel)
        }
        var notes: [String] = []
        if skipped > 0 { notes.append("\(skipped) observation(s) without a valid date are not shown.") }
        if !flagCounts.isEmpty {
            notes.append("Flags: " + flagCounts.keys.sorted().map { "\($0) (\(flagCounts[$0] ?? 0))" }.joined(separator: ", ") + ".")
        }
        let common = zip(parts, parts.map { part in varies(part) }).filter { !$0.1 }.compactMap { part, _ in keys.first.map(part) }
        let cited = sourceDetail == .short ? SourceCaption.text(sources).map { [$0] } ?? [] : SourceCaption.full(sources)
        self.init(
            title: title ?? (common.isEmpty ? nil : common.joined(separator: " · ")),
            series: chartSeries, footnotes: notes,
            sourceNote: cited.isEmpty ? nil : cited.joined(separator: "; "),
            headline: title ?? (keys.isEmpty ? nil : ChartWords.headline(keys)),
            subtitle: keys.isEmpty ? nil : ChartWords.subtitle(series),
            yTitle: ChartWords.yTitle(keys),
            caption: SourceCaption.line(sources),
            breakLabels: breakLabels)
    }
}
