#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText
import SurveyData

/// Which series to show: the selectors of DESIGN.md §3 (`--country`, `--target`, `--item`,
/// `--measure`) applied to a pool of observations. An empty list selects everything.
public struct SeriesSelection: Sendable, Equatable {
    /// Countries as the user typed them: ISO2 codes or English names.
    public var countries: [String]
    /// Targets: `China`, `Russia`, `United States` or an alias (`US`, `USA`).
    public var targets: [String]
    /// Items, e.g. `favorability`, `leadership-approval`.
    public var items: [String]
    /// Measures: `favorable`, `unfavorable`, `net`, `dont-know` or a raw category.
    public var measures: [String]
    /// Subgroup dimensions shown level by level (`--by age`): one series per level.
    public var by: [String]
    /// Single subgroup levels (`--group age=18-29`), as `dimension=level`.
    public var groups: [String]
    /// Select the import-time differences between a group's levels and its reference level
    /// (rows flagged `group-difference`) instead of the levels themselves.
    public var differences: Bool

    public init(countries: [String] = [], targets: [String] = [], items: [String] = [], measures: [String] = [],
                by: [String] = [], groups: [String] = [], differences: Bool = false) {
        self.countries = countries
        self.targets = targets
        self.items = items
        self.measures = measures
        self.by = by
        self.groups = groups
        self.differences = differences
    }

    /// Whether any subgroup is asked for (else only whole-sample rows are selected).
    public var wantsGroups: Bool { !by.isEmpty || !groups.isEmpty }

    /// The subgroup dimensions named, as typed (`--by`, and each `--group`'s part before `=`):
    /// rows of any other dimension are never selected, so a pool may leave them out.
    public var groupDimensions: [String] {
        by + groups.compactMap { Self.groupParts($0).first }
    }

    /// Whether a row of `country` can pass the country selector: it equals (ignoring case) what a
    /// requested value names — the match `filter` makes against the values present — so a pool
    /// may leave out the rows this is false for (all pass when no country is asked for).
    public func admits(country: String) -> Bool {
        countries.isEmpty || countries.contains { Self.country($0).lowercased() == country.lowercased() }
    }

    /// `admits(country:)` for the target selector.
    public func admits(target: String) -> Bool {
        targets.isEmpty || targets.contains { Self.target($0).lowercased() == target.lowercased() }
    }

    /// The country a requested value names: its code where it is a known name or code, else itself.
    static func country(_ requested: String) -> String { Countries.code(for: requested) ?? requested }

    /// The target a requested value names: its canonical name where it is a known spelling, else itself.
    static func target(_ requested: String) -> String { Targets.canonical(requested) ?? requested }

    /// A `--group` value's dimension and level, trimmed (`DIMENSION=LEVEL`; fewer parts when
    /// malformed, which `selectGroups` reports).
    static func groupParts(_ value: String) -> [String] {
        value.split(separator: "=", maxSplits: 1).map { $0.whitespacesTrimmed() }
    }
}

/// The result of a selection: the series and the sources their observations cite.
public struct SelectedSeries: Sendable, Equatable {
    public var series: [Series]
    public var sources: [SourceReference]

    public init(series: [Series], sources: [SourceReference]) {
        self.series = series
        self.sources = sources
    }

    /// Every observation of every series.
    public var observations: [Observation] { series.flatMap(\.observations) }
}

extension SeriesSelection {
    /// Applies the selection. Each selector value must match something in the pool: an unknown
    /// country, target, item or measure is a `SelectionError` (bad usage) that lists the valid
    /// values, so a typo never silently yields an empty table; series that do not hold together
    /// are a `DataError`.
    public func apply(to observations: [Observation], sources: [SourceReference]) throws -> SelectedSeries {
        let pool = try filter(observations)
        // Series in the order the selectors name them (`--country KZ,UZ,KG`: KZ first), the rest
        // as grouped; a sweep found table columns sorted KG, KZ, UZ whatever was asked.
        let countryRank = Dictionary(self.countries.map(Self.country).enumerated().map { ($1, $0) },
                                     uniquingKeysWith: { a, _ in a })
        let targetRank = Dictionary(self.targets.map(Self.target).enumerated().map { ($1, $0) },
                                    uniquingKeysWith: { a, _ in a })
        let series = try Series.group(pool).enumerated().sorted { a, b in
            let ka = (countryRank[a.element.key.country] ?? Int.max, targetRank[a.element.key.target] ?? Int.max, a.offset)
            let kb = (countryRank[b.element.key.country] ?? Int.max, targetRank[b.element.key.target] ?? Int.max, b.offset)
            return ka < kb
        }.map(\.element)
        let cited = Set(pool.map(\.sourceID))
        var seen = Set<String>()
        let used = sources.filter { cited.contains($0.id) && seen.insert($0.id).inserted }
        return SelectedSeries(series: series, sources: used)
    }

    /// The observations the selectors keep — the subgroup rows asked for (or the whole-sample
    /// ones), then those of the countries, targets, items and measures — before `apply` groups
    /// them into series; unknown values are the same `SelectionError`s. For a command that only
    /// asks which values are present (the measures, to pick a default).
    public func filter(_ observations: [Observation]) throws(SelectionError) -> [Observation] {
        var pool = try selectGroups(observations)
        // A country the data know (Tajikistan) but this selection has no series for is not
        // "unknown": say that it has none here (CAB did not ask there, or another selector
        // excludes it), with the countries that do.
        let present = Self.distinct(pool) { $0.country }
        for raw in self.countries {
            guard let code = Countries.code(for: raw), let name = Countries.names[code], !present.contains(code) else { continue }
            let valid = present.sorted().map { "\($0) (\(Countries.name($0)))" }.joined(separator: ", ")
            throw SelectionError("no series for \(name) (\(code)) in this selection (the question was not asked there, or another "
                + "selector leaves it out); countries with series here: \(valid.isEmpty ? "(none)" : valid)")
        }
        let countries = try resolve(
            self.countries, kind: "country", available: present,
            match: Self.country, describe: { "\($0) (\(Countries.name($0)))" })
        if !countries.isEmpty { pool = Self.keep(pool, countries) { $0.country } }
        let targets = try resolve(
            self.targets, kind: "target", available: Self.distinct(pool) { $0.target },
            match: Self.target, describe: { $0 })
        if !targets.isEmpty { pool = Self.keep(pool, targets) { $0.target } }
        let items = try resolve(self.items, kind: "item", available: Self.distinct(pool) { $0.item }, match: { $0 }, describe: { $0 })
        if !items.isEmpty { pool = Self.keep(pool, items) { $0.item } }
        let measures = try resolve(
            self.measures, kind: "measure", available: Self.distinct(pool) { $0.measure },
            match: { Self.measureAlias($0) }, describe: { $0 })
        if !measures.isEmpty { pool = Self.keep(pool, measures) { $0.measure } }
        return pool
    }

    /// The values `value` takes in `pool`. The pool comes in series order, so a value repeats
    /// in runs: each run is hashed once, not each row (issue 17 item 4: hashing every row's
    /// country, target, item and measure was a tenth of a `table` run's instructions).
    static func distinct(_ pool: [Observation], _ value: (Observation) -> String) -> Set<String> {
        var values = Set<String>()
        var last: String?
        for observation in pool {
            let v = value(observation)
            if v != last {
                values.insert(v)
                last = v
            }
        }
        return values
    }

    /// The rows whose `value` is one of `wanted` (a few values, compared without hashing).
    static func keep(_ pool: [Observation], _ wanted: Set<String>, _ value: (Observation) -> String) -> [Observation] {
        let list = Array(wanted)
        return pool.filter { list.contains(value($0)) }
    }

    /// Whole-sample rows when no subgroup is asked for; else the rows of the `--by` dimensions
    /// and `--group` levels (levels, or their differences under `differences`). Unknown
    /// dimensions and levels are errors listing the valid ones.
    func selectGroups(_ observations: [Observation]) throws(SelectionError) -> [Observation] {
        guard wantsGroups else {
            // The pool seldom holds subgroup rows here: then it is returned as it is, not copied
            // row by row (2.5% of a `table` run's samples went to that copy).
            return observations.contains(where: \.isGroup) ? observations.filter { !$0.isGroup } : observations
        }
        // The candidate rows are picked in the one final pass, not copied first (issue 17 item 4:
        // each copy of the 9,396 subgroup rows cost a `table --by` run about 7M instructions).
        let differences = self.differences
        func candidate(_ o: Observation) -> Bool { o.isGroup && o.flags.contains("group-difference") == differences }
        var dims = Set<String>()
        var lastDim: String?
        for o in observations where candidate(o) && o.group != lastDim {
            dims.insert(o.group)
            lastDim = o.group
        }
        let by = try resolve(self.by, kind: "group", available: dims, match: { $0 }, describe: { $0 })
        var levels: [String: Set<String>] = [:]
        for g in groups {
            let parts = Self.groupParts(g)
            guard parts.count == 2, !parts[1].isEmpty else {
                throw SelectionError("--group '\(g)' is not DIMENSION=LEVEL (e.g. age=18-29)")
            }
            let dim = try resolve([parts[0]], kind: "group", available: dims, match: { $0 }, describe: { $0 })
            let name = dim.first ?? parts[0]
            var available = Set<String>()
            for o in observations where o.group == name && candidate(o) { available.insert(o.groupLevel) }
            levels[name, default: []].formUnion(
                try resolve([parts[1]], kind: "\(name) level", available: available, match: { $0 }, describe: { $0 }))
        }
        return observations.filter { candidate($0) && (by.contains($0.group) || (levels[$0.group]?.contains($0.groupLevel) ?? false)) }
    }

    /// Normalises measure spellings: `don't know`, `dk` → `dont-know`; spaces → hyphens.
    static func measureAlias(_ text: String) -> String {
        let lower = text.lowercased()
        // ASCII without space, tab or quote (every measure the data name): nothing to trim or
        // replace, and no Foundation string bridging (issue 17 item 4).
        let plain = lower.utf8.allSatisfy { $0 < 0x80 && $0 != 0x20 && $0 != 0x09 && $0 != 0x27 }
        let t = plain ? lower : lower.whitespacesTrimmed()
            .replacingEvery("'", with: "").replacingEvery(" ", with: "-")
        switch t {
        case "dk", "dontknow", "dont-know": return "dont-know"
        case "fav": return "favorable"
        case "unfav": return "unfavorable"
        default: return t
        }
    }

    /// Maps each requested value onto a value present in `available` (case-insensitively), or
    /// throws listing the valid values.
    private func resolve(
        _ requested: [String], kind: String, available values: @autoclosure () -> Set<String>,
        match: (String) -> String?, describe: (String) -> String
    ) throws(SelectionError) -> Set<String> {
        var result = Set<String>()
        guard !requested.isEmpty else { return result }
        let available = values()
        for raw in requested {
            let candidate = match(raw) ?? raw
            if let hit = available.first(where: { $0.lowercased() == candidate.lowercased() }) {
                result.insert(hit)
                continue
            }
            let valid = available.sorted().map(describe).joined(separator: ", ")
            throw SelectionError("unknown \(kind) '\(raw)'; valid \(kind) values here: \(valid.isEmpty ? "(none)" : valid)")
        }
        return result
    }
}
