import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText
import Survey

/// The series selectors of DESIGN.md §3, shared by `table`, `chart`, `trend`, `compare` and
/// `overview`: `--dataset`, `--series FILE`, `--country`, `--target`, `--item`, `--measure`.
/// Every list option takes commas (`--country KZ,UZ`) and may be repeated.
struct SeriesSelectors: ParsableArguments {
    @Option(name: .long, help: "Built-in dataset(s) (see `barometer datasets`); default: all, or none when --series is given.")
    var dataset: [String] = []

    @Option(name: .long, help: "A series CSV (as `barometer import` writes); repeatable.")
    var series: [String] = []

    @Option(name: .long, help: "Country: ISO 3166 alpha-2 code or English name; comma list.")
    var country: [String] = []

    @Option(name: .long, help: "Target: China, Russia, United States (US); comma list.")
    var target: [String] = []

    @Option(name: .long, help: "Item, e.g. favorability, leadership-approval; comma list.")
    var item: [String] = []

    @Option(name: .long, help: "Measure: favorable|unfavorable|net|dont-know or a raw category; comma list.")
    var measure: [String] = []

    @Option(name: .long, help: "Subgroups level by level, one series per level: gender|age|urban-rural|region|language; comma list.")
    var by: [String] = []

    @Option(name: .long, help: "One subgroup level, DIMENSION=LEVEL (e.g. age=18-29); repeatable.")
    var group: [String] = []

    /// A list flag given with nothing in it (`--country ""`) would select everything: a usage error.
    func validate() throws {
        for (flag, values) in [("--dataset", dataset), ("--country", country), ("--target", target), ("--item", item),
                               ("--measure", measure), ("--by", by)] where !values.isEmpty && Self.split(values).isEmpty {
            throw ValidationError("\(flag) was given without a value; leave it out to select every one")
        }
    }

    /// The selection the flags describe (comma lists split, blanks dropped).
    var selection: SeriesSelection {
        SeriesSelection(
            countries: Self.split(country), targets: Self.split(target), items: Self.split(item),
            measures: Self.split(measure), by: Self.split(by),
            groups: group.map { $0.whitespacesTrimmed() }.filter { !$0.isEmpty })
    }

    /// Whether the user named any measure.
    var hasMeasure: Bool { !Self.split(measure).isEmpty }

    /// The observations and sources the flags name: the `--series` files plus the `--dataset`s
    /// (all built-in datasets when neither is given). `narrowed`: of the built-in subgroup rows,
    /// only those the selection can select (its dimensions, countries and targets).
    func pool(narrowed: Bool = false) throws -> (observations: [Observation], sources: [SourceReference]) {
        var observations: [Observation] = []
        var sources: [SourceReference] = []
        for path in series {
            let file = try SeriesFile.read(path: path)
            observations += file.observations.map(ShareInterval.filled)
            sources += file.sources
        }
        let names = Self.split(dataset)
        if !names.isEmpty || series.isEmpty {
            let catalog = try SeriesCatalog.builtIn()
            let chosen = names.isEmpty ? catalog.datasets : try names.map { name throws(SelectionError) in try catalog.dataset(named: name) }
            // Subgroup rows are built only when asked for.
            let groups = try chosen.map { d in
                guard selection.wantsGroups else { return [Observation]() }
                return narrowed ? try d.groupObservations(narrowedTo: selection) : try d.groupObservations()
            }
            // One allocation for the pooled rows: appending dataset by dataset grew the array
            // twice, each time into fresh pages (about 80 page faults of a `table` run's 600).
            observations.reserveCapacity(observations.count + chosen.reduce(0) { $0 + $1.observations.count }
                + groups.reduce(0) { $0 + $1.count })
            for (d, rows) in zip(chosen, groups) {
                observations += d.observations
                sources += d.sources
                observations += rows
            }
        }
        return (observations, sources)
    }

    /// Resolves the flags to series and the sources they cite; unknown values are
    /// `SelectionError`s (exit 2) listing the valid ones. `defaultMeasures` apply when no `--measure` was given (those
    /// present in the data are used). Not-asked rows (estimate NaN, flag `not-asked`) are left
    /// out unless `includeNotAsked` — tables show them, charts and trend fits must not.
    func resolve(defaultMeasures: [String] = [], includeNotAsked: Bool = false, differences: Bool = false) throws -> SelectedSeries {
        // A subgroup selection first runs on the rows it can select (`--by age` for one country
        // and target: 228 of the 9,396 built-in subgroup rows), which selects the same series; a
        // selection error is raised from the whole pool, so it lists every valid value.
        func select(narrowed: Bool) throws -> SelectedSeries {
            try resolve(try pool(narrowed: narrowed), defaultMeasures: defaultMeasures, includeNotAsked: includeNotAsked,
                        differences: differences)
        }
        guard selection.wantsGroups else { return try select(narrowed: false) }
        do {
            return try select(narrowed: true)
        } catch is SelectionError {
            return try select(narrowed: false)
        }
    }

    /// `resolve` on a given pool.
    private func resolve(_ pool: (observations: [Observation], sources: [SourceReference]), defaultMeasures: [String],
                         includeNotAsked: Bool, differences: Bool) throws -> SelectedSeries {
        var (observations, sources) = pool
        if !includeNotAsked { observations.removeAll(where: \.hasNoEstimate) }
        var selection = self.selection
        selection.differences = differences
        if selection.measures.isEmpty, !defaultMeasures.isEmpty {
            var narrowed = selection
            narrowed.measures = []
            // The rows the other selectors leave, without grouping them into series first: the
            // measures present there, and the pool `apply` then narrows by measure (filtering
            // the whole pool again gives the same rows; it was a fifth of a `chart --by` run).
            observations = try narrowed.filter(observations)
            let present = Set(observations.map(\.measure))
            selection.measures = defaultMeasures.filter { present.contains($0) }
        }
        return try selection.apply(to: observations, sources: sources)
    }

    /// Exit 2 (usage) when the selection spans datasets or items the user did not name: the
    /// message lists them and the flag that picks one (`SelectedSeries.mixedQuestions`).
    func requireOneQuestion(_ selected: SelectedSeries, overlayHint: Bool = false) throws {
        if let message = selected.mixedQuestions(
            namedDatasets: Self.split(dataset).count + series.count, namedItems: Self.split(item).count,
            overlayHint: overlayHint) {
            throw ValidationError(message)
        }
    }

    static func split(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.whitespacesTrimmed() }.filter { !$0.isEmpty }
    }
}
