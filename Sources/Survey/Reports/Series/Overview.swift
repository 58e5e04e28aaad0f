#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyRender
import SurveySeries
import SurveyText

/// The main job's layout (`barometer overview`): per country, favorable / unfavorable / don't
/// know toward China, Russia and the US in each CAB wave with 95% CIs and a sparkline, the 2020
/// mode break marked (a `*` on the first telephone wave and a gap in the sparkline), flags and
/// sources as notes; then the published Gallup leadership-approval figures with their sources.
/// Pure layout: every number comes from the built-in series.
public enum Overview {
    /// The measures shown per target, with their row labels.
    static let measures: [(measure: String, label: String)] = [("favorable", "fav"), ("unfavorable", "unfav"), ("dont-know", "DK")]
    static let targets: [(name: String, label: String)] = [("China", "China"), ("Russia", "Russia"), ("United States", "US")]

    /// The waves a country's block shows: the codebook's waves from the country's first to its
    /// last wave in `observations`, so a wave only one country has (wave 1: Kazakhstan) adds a
    /// column to that country alone, while a gap inside the span (Turkmenistan 2020) stays a
    /// column marked not fielded.
    public static func waves(of country: String, observations: [Observation], codebook: CABCodebook) -> [CABCodebook.Wave] {
        let present = Set(observations.filter { $0.country == country }.map(\.wave))
        let all = codebook.waves
        guard let first = all.firstIndex(where: { present.contains($0.label) }),
              let last = all.lastIndex(where: { present.contains($0.label) }) else { return [] }
        return Array(all[first...last])
    }

    /// The CAB block of one country: rows target × measure, columns waves + sparkline.
    /// `digits`: decimals of the percentages.
    public static func countryTable(
        country: String, observations: [Observation], sources: [SourceReference], codebook: CABCodebook, digits: Int
    ) -> TableModel {
        let waves = Self.waves(of: country, observations: observations, codebook: codebook)
        var columns = [TableModel.Column("", .text, key: "row")]
        var breakIndex: Int?
        // The break is this country's (its own first telephone wave: Turkmenistan's is 2022, with
        // no 2020 wave): the `mode-break` flag its series carry (`Series.group` derives it from the
        // modes), not the codebook's wave flag.
        let own = observations.filter { $0.country == country && !$0.flags.contains("not-asked") }
        let breakWaves = Set(own.filter { $0.flags.contains("mode-break") }.map(\.wave))
        for (i, w) in waves.enumerated() {
            let year = String(w.label.prefix(4))
            let mode = w.mode.hasPrefix("face") ? "f2f" : (w.mode.hasPrefix("tele") ? "tel" : w.mode)
            let isBreak = own.isEmpty ? w.flags.contains("mode-break") : breakWaves.contains(w.label)
            if isBreak { breakIndex = i }
            columns.append(.init("\(year) \(mode)\(isBreak ? "*" : "")", .estimate(digits: digits, percent: true), key: w.label))
        }
        columns.append(.init("", .sparkline, key: "trend"))
        var rows: [[TableModel.Cell]] = []
        var notAsked = false
        for t in targets {
            for m in measures {
                var row: [TableModel.Cell] = [.text("\(t.label) \(m.label)")]
                var values: [Double] = []
                for (i, w) in waves.enumerated() {
                    if i == breakIndex { values.append(.nan) }  // gap at the mode break
                    guard let o = observations.first(where: { $0.target == t.name && $0.measure == m.measure && $0.wave == w.label }) else {
                        row.append(.missing)
                        values.append(.nan)
                        continue
                    }
                    if o.flags.contains("not-asked") {
                        notAsked = true
                        row.append(.text("not asked"))
                        values.append(.nan)
                        continue
                    }
                    row.append(.estimate(.init(value: o.estimate, se: o.se, lower: o.ciLower, upper: o.ciUpper, n: o.n)))
                    values.append(o.estimate)
                }
                row.append(.sparkline(values))
                rows.append(row)
            }
        }
        var notes: [String] = []
        let counts = waves.compactMap { w -> String? in
            observations.first { $0.wave == w.label && $0.n != nil }?.n.map { "\(w.label.prefix(4)) \($0)" }
        }
        if !counts.isEmpty { notes.append("n asked: " + counts.joined(separator: ", ") + ".") }
        let fielded = Set(observations.map(\.wave))
        let absent = waves.filter { !fielded.contains($0.label) }
        let notFielded = absent.filter { !$0.countries.contains(country) }.map { "\($0.label.prefix(4))" }
        let noFile = absent.filter { $0.countries.contains(country) }.map { "\($0.label.prefix(4))" }
        if !notFielded.isEmpty { notes.append("— = not fielded in \(notFielded.joined(separator: ", ")).") }
        if !noFile.isEmpty { notes.append("— = no file imported for \(noFile.joined(separator: ", ")).") }
        if notAsked { notes.append("not asked = every respondent 'Not Asked': no figure, not 0%.") }
        var caveats: [String] = []
        for o in observations {
            for f in o.flags where ["near-zero-unfavorable", "unusually-negative", "zero-count", "lonely-psu-adjusted", "psu-in-two-strata"].contains(f) && !caveats.contains(f) {
                caveats.append(f)
            }
        }
        notes += caveats.map(SeriesFlag.note)
        return TableModel(
            title: "\(Countries.name(country)) (\(country))", columns: columns, rows: rows, footnotes: notes,
            sourceNote: SourceCaption.text(sources))
    }

    /// The Gallup block: per country and target, years covered, first and latest approval and a
    /// sparkline. Published values carry no n, so no interval exists (flag `n-unknown`).
    public static func gallupTable(observations: [Observation], sources: [SourceReference]) -> TableModel {
        let approve = observations.filter { $0.measure == "approve" }
        let keys = Set(approve.map { "\($0.country)|\($0.target)" }).sorted()
        var rows: [[TableModel.Cell]] = []
        for key in keys {
            let parts = key.split(separator: "|").map(String.init)
            let series = approve.filter { $0.country == parts[0] && $0.target == parts[1] }.sorted { $0.date < $1.date }
            guard let first = series.first, let last = series.last else { continue }
            let label = "\(parts[0]) \(parts[1] == "United States" ? "US" : parts[1])"
            let digits = SeriesPrecision.decimals(series, requested: 1)
            func show(_ o: Observation) -> String {
                let x = o.estimate * 100
                return "\(FixedDecimal.format(x, digits: digits) ?? Printf.string("%.\(digits)f", x)) (\(o.wave))"
            }
            let span = first.wave == last.wave ? first.wave : "\(first.wave)-\(last.wave)"
            rows.append([
                .text(label), .text("\(span) (\(series.count))"), .text(show(first)), .text(show(last)),
                .sparkline(series.map(\.estimate)),
            ])
        }
        var flags: [String] = []
        for o in approve { for f in o.flags where !flags.contains(f) { flags.append(f) } }
        var publishers: [String] = []
        for s in sources where approve.contains(where: { $0.sourceID == s.id }) {
            let name = String(s.citation.prefix { $0 != "," })
            if !publishers.contains(name) { publishers.append(name) }
        }
        return TableModel(
            title: "Published: approval of the leadership of China, Russia, the US (Gallup World Poll, % approve)",
            columns: [.init("Country/target"), .init("Years (figures)"), .init("First"), .init("Latest"),
                      .init("", .sparkline, key: "trend")],
            rows: rows,
            footnotes: flags.map { f in SeriesFlag.note(f) + " [" + Self.carriers(of: f, among: approve) + "]" } + [
                "Each figure's source and the verbatim quote it was read from: barometer table --dataset gallup --format json (its sources).",
            ],
            sourceNote: publishers.joined(separator: "; "))
    }

    /// The figures that carry flag `f` (`KZ Russia 2025; …`), or `every figure`: a sweep found the
    /// caveats (unverified, machine-translated) tied to no row, so the latest KZ Russia figure, from
    /// an unverified aggregator, read as clean.
    static func carriers(of f: String, among figures: [Observation]) -> String {
        let flagged = figures.filter { $0.flags.contains(f) }
        if flagged.count == figures.count { return "every figure" }
        return flagged.sorted { ($0.country, $0.target, $0.date) < ($1.country, $1.target, $1.date) }
            .map { "\($0.country) \($0.target == "United States" ? "US" : $0.target) \($0.wave)" }
            .joined(separator: "; ")
    }

    /// Notes printed once after the country blocks: the mode break and the wave-level flags.
    public static func cabNotes(_ observations: [Observation]) -> [String] {
        var flags: [String] = []
        for o in observations {
            for f in o.flags where ["mode-break", "unverified-item-mapping", "undocumented-weight", "srs-assumed"].contains(f) && !flags.contains(f) {
                flags.append(f)
            }
        }
        return ["Percent of respondents asked (don't know and refused in the base), 95% CI; weighted; design-based SEs (face-to-face waves: strata and clusters)."]
            // "where shown": a block too wide for the width leaves its sparkline out (a block of
            // sparklines alone would repeat the numbers), and a sweep read of a gap in no sparkline.
            + ["* = first telephone wave; " + SeriesFlag.note("mode-break") + " The sparkline, where shown, leaves a gap there."]
            + flags.filter { $0 != "mode-break" }.map(SeriesFlag.note)
    }
}
