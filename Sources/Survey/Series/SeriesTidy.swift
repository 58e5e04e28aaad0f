/// Series figures as a tidy data table — one row per figure (dataset × country × target × item ×
/// measure × wave), every identifying column, numbers as numbers, flags and sources as columns —
/// for `table` and `overview` CSV (`docs/csv-columns.md`). Shares stay proportions 0-1 as in JSON.
public enum SeriesTidy {
    public static func model(_ observations: [Observation], sources: [SourceReference]) -> TableModel {
        var byID: [String: SourceReference] = [:]
        for s in sources where byID[s.id] == nil { byID[s.id] = s }
        let text = { (name: String) in TableModel.Column(name, .text, key: name) }
        let columns: [TableModel.Column] = [
            text("dataset"), text("country"), text("target"), text("item"), text("measure"), text("wave"), text("date"),
            .init("estimate", .estimate(digits: 6, percent: false), key: "estimate"),
            .init("deff", .number(digits: 4), key: "deff"), text("mode"), text("weight"), text("flags"),
            text("source_id"), text("source"), text("url"),
        ]
        let rows: [[TableModel.Cell]] = observations.map { o in
            let notAsked = o.flags.contains("not-asked")
            let source = byID[o.sourceID]
            let optional = { (s: String?) -> TableModel.Cell in s.map { .text($0) } ?? .missing }
            return [
                .text(o.dataset), .text(o.country), .text(o.target), .text(o.item), .text(o.measure), .text(o.wave),
                .text(o.date),
                notAsked || !o.estimate.isFinite
                    ? .missing : .estimate(.init(value: o.estimate, se: o.se, lower: o.ciLower, upper: o.ciUpper, n: o.n)),
                o.deff.map { .number($0) } ?? .missing, optional(o.mode), optional(o.weight),
                .text(o.flags.joined(separator: ";")), .text(o.sourceID), optional(source?.citation), optional(source?.url),
            ]
        }
        return TableModel(columns: columns, rows: rows, sourceNote: SourceCaption.line(sources))
    }
}
