import ArgumentParser
import Survey

/// Flags shared by `trend` and `compare` for series whose waves lack an SE: topline shares with
/// unknown n (as in some published series) get an assumed n and design effect, and are flagged.
struct TrendInputOptions: ParsableArguments {
    @Option(help: "Assume this n for waves with neither SE nor n (flagged 'n-assumed').")
    var assumeN: Int?

    @Option(help: "Design effect for waves without SE whose source gives none (default 1: SRS assumed).")
    var deff: Double?

    @Option(help: "Interval level.")
    var level: Double = 0.95

    @Flag(help: "Compare or fit across a series break (e.g. face-to-face → telephone), printing the caveat.")
    var acrossBreak = false

    func validate() throws {
        try FlagRange.check("--assume-n", assumeN, 1...Int(Int32.max))
        try FlagRange.checkDeff(deff)
        try FlagRange.checkLevel(level)
    }

    /// The selected series, with `net` built from favorable and unfavorable shares when the data
    /// have no net rows (multinomial variance, DESIGN.md §5), and --assume-n/--deff applied.
    func series(_ selectors: SeriesSelectors) throws -> SelectedSeries {
        var selected: SelectedSeries
        let wantsNet = selectors.selection.measures.map { $0.lowercased() }.contains("net")
        if wantsNet, (try? selectors.resolve())?.series.isEmpty ?? true {
            var base = selectors
            base.measure = ["favorable,unfavorable"]
            let parts = try base.resolve()
            let net = try NetFavorability.netObservations(parts.observations.map(adjusted))
            selected = SelectedSeries(series: try Series.group(net), sources: parts.sources)
        } else {
            selected = try selectors.resolve(defaultMeasures: ["favorable", "approve"])
            selected.series = try selected.series.map { s in
                try Series(key: s.key, observations: s.observations.map(adjusted))
            }
        }
        guard !selected.series.isEmpty else {
            throw DataError("no series match the selection; see `barometer datasets` for what exists")
        }
        try selectors.requireOneQuestion(selected)
        return selected
    }

    /// An observation with --assume-n / --deff applied where it has no SE (`AssumedSize`).
    func adjusted(_ o: Observation) -> Observation {
        AssumedSize.applied(o, n: assumeN, deff: deff)
    }
}
