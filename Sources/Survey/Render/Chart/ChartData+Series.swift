/// Turns selected series into chart input: presentation only (labels, dates, notes), no
/// statistics. Used by `barometer chart` and by anyone charting `Series` in-process.
extension ChartData {
    /// One chart line per series.
    ///
    /// - Legend names keep only the key parts that differ between the series (all of
    ///   `country · target · measure` for a single series); the title holds the parts they share.
    /// - x is the decimal year of each observation's date; observations without a valid date are
    ///   left out and counted in a note.
    /// - A break is placed at every observation flagged `mode-break` and at each of `breaks`
    ///   (decimal years), so no line joins waves on either side of it.
    /// - Every distinct flag in the data gets a note with its count; the source note lists the
    ///   citations of the sources the series cite (one entry per
    ///   distinct citation and URL, with every source id that shares it).
    public init(series: [Series], sources: [SourceReference], breaks: [Double] = [], title: String? = nil) {
        let keys = series.map(\.key)
        func varies<T: Hashable>(_ part: (SeriesKey) -> T) -> Bool { Set(keys.map(part)).count > 1 }
        let parts: [(SeriesKey) -> String] = [\.dataset, \.country, \.target, \.item, \.measure]
        let varying = parts.map { part in varies(part) }
        let shown = varying.contains(true) ? varying : [false, true, true, false, true]
        var skipped = 0
        var flagCounts: [String: Int] = [:]
        let chartSeries = series.map { s -> ChartSeries in
            let name = zip(parts, shown).filter(\.1).map { $0.0(s.key) }.joined(separator: " · ")
            var points: [ChartPoint] = []
            var seriesBreaks = breaks
            for o in s.observations {
                for flag in o.flags { flagCounts[flag, default: 0] += 1 }
                guard let p = ChartPoint(date: o.date, y: o.estimate, lower: o.ciLower, upper: o.ciUpper) else {
                    skipped += 1
                    continue
                }
                if o.flags.contains("mode-break") { seriesBreaks.append(p.x) }
                points.append(p)
            }
            return ChartSeries(name: name, points: points, breaks: Array(Set(seriesBreaks)))
        }
        var notes: [String] = []
        if skipped > 0 { notes.append("\(skipped) observation(s) without a valid date are not shown.") }
        if !flagCounts.isEmpty {
            notes.append("Flags: " + flagCounts.keys.sorted().map { "\($0) (\(flagCounts[$0] ?? 0))" }.joined(separator: ", ") + ".")
        }
        let common = zip(parts, varying).filter { !$0.1 }.compactMap { part, _ in keys.first.map(part) }
        // Sources sharing a citation and URL are listed once, with all their ids.
        var order: [String] = []
        var ids: [String: [String]] = [:]
        for s in sources {
            let text = s.citation + (s.url.map { " " + $0 } ?? "")
            if ids[text] == nil { order.append(text) }
            ids[text, default: []].append(s.id)
        }
        let cited = order.map { (ids[$0] ?? []).joined(separator: ", ") + ": " + $0 }
        self.init(
            title: title ?? (common.isEmpty ? nil : common.joined(separator: " · ")),
            series: chartSeries, footnotes: notes,
            sourceNote: cited.isEmpty ? nil : cited.joined(separator: "; "))
    }
}
