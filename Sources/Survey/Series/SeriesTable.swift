/// Lays out selected series as a report table (DESIGN.md §3 `table`): one row per wave (in date
/// order), one column per series (targets, countries or measures — whatever varies), cells
/// `54.0 (51.2-56.8)` in percent with the 95% CI (SE when only that is known; the bare value
/// when the source gave no n), an `n` column, then the flags and sources as footnotes.
/// A not-asked observation shows `not asked`, a wave without an observation `—`.
public enum SeriesTable {
    /// One note per distinct (citation, url), listing the ids that share it (a page quoted in
    /// several places has one id per quote).
    public static func sourceNotes(_ sources: [SourceReference]) -> [String] {
        var order: [String] = []
        var ids: [String: [String]] = [:]
        for s in sources {
            let text = s.citation + (s.url.map { " \($0)" } ?? "")
            if ids[text] == nil { order.append(text) }
            ids[text, default: []].append(s.id)
        }
        return order.map { "[\((ids[$0] ?? []).joined(separator: ", "))] \($0)" }
    }

    public static func model(_ selected: SelectedSeries, digits: Int = 1) -> TableModel {
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
        columns += series.map { TableModel.Column(header($0.key), .estimate(digits: digits, percent: true)) }
        columns.append(TableModel.Column("n", .text, alignment: .right, key: "n"))

        var rows: [[TableModel.Cell]] = []
        for wave in waves {
            var row: [TableModel.Cell] = [.text(wave)]
            var ns: [Int] = []
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
                    row.append(.text("n<\(CABImporter.suppressBelow)"))
                    continue
                }
                row.append(.estimate(.init(value: o.estimate, se: o.se, lower: o.ciLower, upper: o.ciUpper, n: o.n)))
                if let n = o.n { ns.append(n) }
            }
            if let lo = ns.min(), let hi = ns.max() {
                row.append(.text(lo == hi ? String(lo) : "\(lo)-\(hi)"))
            } else {
                row.append(.missing)
            }
            rows.append(row)
        }

        var footnotes: [String] = []
        // Where each flag applies: the wave, or "wave: column" when only some columns carry it.
        var flagPlaces: [String: [String]] = [:]
        var flagOrder: [String] = []
        for wave in waves {
            var columnsWithFlag: [String: [String]] = [:]
            var columnsInWave = 0
            for s in series {
                guard let o = s.observations.first(where: { $0.wave == wave }) else { continue }
                columnsInWave += 1
                for f in o.flags { columnsWithFlag[f, default: []].append(header(s.key)) }
            }
            for (f, cols) in columnsWithFlag.sorted(by: { $0.key < $1.key }) {
                if flagPlaces[f] == nil { flagOrder.append(f) }
                let place = cols.count == columnsInWave ? wave : "\(wave): \(cols.joined(separator: ", "))"
                flagPlaces[f, default: []].append(place)
            }
        }
        for f in flagOrder {
            footnotes.append("\(SeriesFlag.note(f)) [\((flagPlaces[f] ?? []).joined(separator: "; "))]")
        }
        footnotes += sourceNotes(selected.sources)
        let title = constant.isEmpty ? nil : constant.map { d -> String in
            let v = series.first.map { d.1($0.key) } ?? ""
            return d.0 == "country" ? "\(Countries.name(v)) (\(v))" : v
        }.joined(separator: " · ")
        let anyInterval = observations.contains { $0.ciLower != nil }
        return TableModel(
            title: title, columns: columns, rows: rows, footnotes: footnotes,
            sourceNote: selected.sources.count == 1 ? selected.sources[0].citation : "\(selected.sources.count) sources, listed in the notes above",
            caption: anyInterval ? "Percent, with 95% confidence interval." : "Percent (no interval: see the notes).")
    }
}
