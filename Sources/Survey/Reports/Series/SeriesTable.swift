import SurveyRender
import SurveySeries

/// Lays out selected series as a report table (DESIGN.md §3 `table`): one row per wave (in date
/// order), one column per series (targets, countries or measures — whatever varies), cells
/// `54.0 [51.2, 56.8]` in percent with the 95% CI (SE when only that is known; the bare value
/// when the source gave no n), an `n` column (the wave's n, or each column's when they differ:
/// `KG 1518; KZ 1511`), then
/// the flags as footnotes and the sources (`SourceCaption`).
/// A not-asked observation shows `not asked`, a wave without an observation `—`.
public enum SeriesTable {
    /// `digits`: the most decimals a percentage gets (`SeriesPrecision` gives a published series
    /// no more than its source printed); `sources`: one collapsed line or every citation.
    public static func model(_ selected: SelectedSeries, digits: Int = 1, sources detail: SourceDetail = .short) -> TableModel {
        let series = selected.series
        let observations = selected.observations
        // Row keys: waves in date order (a wave's earliest date among the series).
        var firstDate: [String: String] = [:]
        for o in observations { firstDate[o.wave] = min(firstDate[o.wave] ?? o.date, o.date) }
        let waves = firstDate.keys.sorted { (firstDate[$0] ?? "", $0) < (firstDate[$1] ?? "", $1) }

        let dims: [(String, (SeriesKey) -> String)] = [
            ("dataset", { $0.dataset }), ("country", { $0.country }), ("target", { $0.target }),
            ("item", { $0.item }), ("measure", { $0.measure }),
            ("group", { $0.isGroup ? "\($0.group) \($0.groupLevel)" : "" }),
        ]
        var varying = dims.filter { d in Set(series.map { d.1($0.key) }).count > 1 }
        // The item adds nothing to a header when each dataset has a single item.
        let datasets = Set(series.map(\.key.dataset)).count
        if datasets > 1, Set(series.map { "\($0.key.dataset)|\($0.key.item)" }).count == datasets {
            varying.removeAll { $0.0 == "item" }
        }
        // A constant group of "" is the whole sample: nothing to say in the title.
        let constant = dims.filter { d in Set(series.map { d.1($0.key) }).count == 1 && !(series.first.map { d.1($0.key) } ?? "").isEmpty }
        func header(_ key: SeriesKey) -> String {
            varying.isEmpty ? "\(key.measure) (%)" : varying.map { $0.1(key) }.joined(separator: " ")
        }
        var columns = [TableModel.Column("Wave", .text, key: "wave")]
        columns += series.map {
            TableModel.Column(header($0.key), .estimate(digits: SeriesPrecision.decimals($0.observations, requested: digits), percent: true))
        }
        columns.append(TableModel.Column("n", .text, alignment: .right, key: "n"))

        var rows: [[TableModel.Cell]] = []
        for wave in waves {
            var row: [TableModel.Cell] = [.text(wave)]
            var ns: [(column: String, n: Int)] = []
            for s in series {
                guard let o = s.observations.first(where: { $0.wave == wave }) else {
                    row.append(.missing)
                    continue
                }
                if o.flags.contains("not-asked") {
                    row.append(.text("not asked"))
                    continue
                }
                if o.flags.contains("suppressed") {
                    // No estimate, but the level stays visible with its n (docs/cab-waves.md).
                    row.append(.text("n<\(CABImporter.suppressBelow)"))
                    if let n = o.n { ns.append((header(s.key), n)) }
                    continue
                }
                row.append(.estimate(.init(value: o.estimate, se: o.se, lower: o.ciLower, upper: o.ciUpper, n: o.n)))
                if let n = o.n { ns.append((header(s.key), n)) }
            }
            // n per figure, never a range that reads like an interval: `1500`, or, when the columns'
            // n differ, each with its column (`KG 1518; KZ 1511`: a bare `1518; 1511; 1500` left
            // the reader to guess whose was whose).
            var distinct: [Int] = []
            for n in ns.map(\.n) where !distinct.contains(n) { distinct.append(n) }
            if distinct.count > 1 {
                row.append(.text(ns.map { "\($0.column) \($0.n)" }.joined(separator: "; ")))
            } else if let n = distinct.first {
                row.append(.text(String(n)))
            } else {
                row.append(.missing)
            }
            rows.append(row)
        }

        var footnotes: [String] = []
        // Where each flag applies: the wave, or "wave: column" when only some columns carry it.
        var flagPlaces: [String: [String]] = [:]
        var flagOrder: [String] = []
        var flagDatasets: [String: Set<String>] = [:]
        for wave in waves {
            var columnsWithFlag: [String: [String]] = [:]
            var columnsInWave = 0
            for s in series {
                guard let o = s.observations.first(where: { $0.wave == wave }) else { continue }
                columnsInWave += 1
                for f in o.flags {
                    columnsWithFlag[f, default: []].append(header(s.key))
                    flagDatasets[f, default: []].insert(s.key.dataset)
                }
            }
            for (f, cols) in columnsWithFlag.sorted(by: { $0.key < $1.key }) {
                if flagPlaces[f] == nil { flagOrder.append(f) }
                let place = cols.count == columnsInWave ? wave : "\(wave): \(cols.joined(separator: ", "))"
                flagPlaces[f, default: []].append(place)
            }
        }
        let changes = Array(Set(series.flatMap(\.breaks).map(\.label).filter { $0 != "mode break" })).sorted()
        for f in flagOrder {
            footnotes.append("\(SeriesFlag.note(f, datasets: flagDatasets[f] ?? [], modeChanges: changes)) [\((flagPlaces[f] ?? []).joined(separator: "; "))]")
        }
        let footer = SourceCaption.footer(selected.sources, detail: detail)
        footnotes += footer.notes
        let title = constant.isEmpty ? nil : constant.map { d -> String in
            let v = series.first.map { d.1($0.key) } ?? ""
            return d.0 == "country" ? "\(Countries.name(v)) (\(v))" : v
        }.joined(separator: " · ")
        let anyInterval = observations.contains { $0.ciLower != nil }
        return TableModel(
            title: title, columns: columns, rows: rows, footnotes: footnotes,
            sourceNote: footer.source,
            caption: anyInterval ? "Percent, with 95% confidence interval." : "Percent (no interval: see the notes).")
    }
}
