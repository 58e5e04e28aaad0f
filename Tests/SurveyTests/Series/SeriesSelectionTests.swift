import Testing
import Survey

@Suite struct SeriesSelectionTests {
    static func obs(_ country: String, _ target: String, _ measure: String, _ wave: String) -> Observation {
        Observation(
            dataset: "demo", country: country, target: target, item: "favorability", wave: wave, date: wave,
            measure: measure, estimate: 0.5, sourceID: "s-\(country)")
    }
    static let pool = [
        obs("KZ", "Russia", "favorable", "2018"), obs("KZ", "Russia", "favorable", "2020"),
        obs("KZ", "China", "favorable", "2018"), obs("UZ", "United States", "dont-know", "2018"),
    ]
    static let sources = ["KZ", "UZ"].map { SourceReference(id: "s-\($0)", citation: "c \($0)") }

    @Test func englishNamesCodesAndAliases() throws {
        let s = try SeriesSelection(countries: ["kazakhstan"], targets: ["russia"])
            .apply(to: Self.pool, sources: Self.sources)
        #expect(s.series.count == 1)
        #expect(s.series[0].observations.map(\.wave) == ["2018", "2020"])
        #expect(s.sources.map(\.id) == ["s-KZ"])
        let us = try SeriesSelection(countries: ["uz"], targets: ["USA"], measures: ["don't know"])
            .apply(to: Self.pool, sources: Self.sources)
        #expect(us.observations.count == 1)
    }

    @Test func unknownCountryListsValidOnes() {
        #expect(throws: SelectionError("unknown country 'Mongolia'; valid country values here: KZ (Kazakhstan), UZ (Uzbekistan)")) {
            try SeriesSelection(countries: ["Mongolia"]).apply(to: Self.pool, sources: Self.sources)
        }
    }

    @Test func unknownTargetListsValidOnes() {
        #expect(throws: SelectionError("unknown target 'India'; valid target values here: China, Russia")) {
            try SeriesSelection(countries: ["KZ"], targets: ["India"]).apply(to: Self.pool, sources: Self.sources)
        }
    }

    /// `filter` keeps exactly the rows `apply` groups into series (by hand from the pool: KZ's
    /// three rows, two waves of Russia and one of China) and fails with the same message.
    @Test func filterKeepsTheRowsApplyGroups() throws {
        let selection = SeriesSelection(countries: ["Kazakhstan"])
        let rows = try selection.filter(Self.pool)
        #expect(rows.map(\.target) == ["Russia", "Russia", "China"])
        #expect(rows.map(\.wave) == ["2018", "2020", "2018"])
        let grouped = try selection.apply(to: Self.pool, sources: Self.sources).observations
        #expect(Set(grouped.map { "\($0.target) \($0.wave)" }) == Set(rows.map { "\($0.target) \($0.wave)" }))
        #expect(try SeriesSelection(countries: ["UZ"]).filter(Self.pool).map(\.measure) == ["dont-know"])
        #expect(throws: SelectionError("unknown country 'Mongolia'; valid country values here: KZ (Kazakhstan), UZ (Uzbekistan)")) {
            try SeriesSelection(countries: ["Mongolia"]).filter(Self.pool)
        }
    }

    /// The valid values an error lists come from every row, also when a value's rows are not
    /// together (the selection hashes each run of equal values once): by hand, this pool's
    /// targets are China, Russia and United States, its measures favorable and unfavorable.
    @Test func validValuesComeFromEveryRun() {
        let pool = [
            Self.obs("KZ", "Russia", "favorable", "2018"), Self.obs("UZ", "United States", "unfavorable", "2018"),
            Self.obs("KZ", "China", "favorable", "2018"), Self.obs("UZ", "Russia", "favorable", "2020"),
        ]
        #expect(throws: SelectionError("unknown target 'India'; valid target values here: China, Russia, United States")) {
            try SeriesSelection(targets: ["India"]).filter(pool)
        }
        #expect(throws: SelectionError("unknown measure 'net'; valid measure values here: favorable, unfavorable")) {
            try SeriesSelection(measures: ["net"]).filter(pool)
        }
        #expect((try? SeriesSelection(countries: ["UZ"], targets: ["Russia"]).filter(pool).map(\.wave)) == ["2020"])
    }

    @Test func unknownDatasetListsNames() throws {
        let catalog = try SeriesCatalog.builtIn()
        #expect(throws: SelectionError.self) { try catalog.dataset(named: "nope") }
        #expect(catalog.names.contains("gallup"))
    }
}
