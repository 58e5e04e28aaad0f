import SurveyRender
import SurveySeries

/// Series figures as a tidy data table — one row per figure (dataset × country × target × item ×
/// measure × group × wave), every identifying column, numbers as numbers, flags and sources as columns —
/// for `table` and `overview` CSV (`docs/csv-columns.md`): the same columns whatever the data.
/// Shares stay proportions 0-1 as in JSON.
public enum SeriesTidy {
    public static func model(_ observations: [Observation], sources: [SourceReference]) -> TableModel {
        var byID: [String: SourceReference] = [:]
        for s in sources where byID[s.id] == nil { byID[s.id] = s }
        let text = { (name: String) in TableModel.Column(name, .text, key: name) }
        let columns: [TableModel.Column] = [
            // The subgroup is part of a figure's identity: without it a region's share (n = 30)
            // read as the country's in a `--by region` or `--group` export.
            text("dataset"), text("country"), text("target"), text("item"), text("measure"), text("group"), text("group_level"),
            text("wave"), text("date"),
            .init("estimate", .number(digits: 6), key: "estimate"), .init("se", .number(digits: 6), key: "se"),
            .init("ci_lower", .number(digits: 6), key: "ci_lower"), .init("ci_upper", .number(digits: 6), key: "ci_upper"),
            .init("n", .integer, key: "n"),
            .init("deff", .number(digits: 4), key: "deff"), text("mode"), text("weight"), text("flags"),
            text("source_id"), text("source"), text("url"),
        ]
        let rows: [[TableModel.Cell]] = observations.map { o in
            let notAsked = o.flags.contains("not-asked")
            let source = byID[o.sourceID]
            let optional = { (s: String?) -> TableModel.Cell in s.map { .text($0) } ?? .missing }
            return [
                .text(o.dataset), .text(o.country), .text(o.target), .text(o.item), .text(o.measure),
                .text(o.group), .text(o.groupLevel), .text(o.wave),
                .text(o.date),
                notAsked || !o.estimate.isFinite ? .missing : .number(o.estimate), number(o.se), number(o.ciLower),
                number(o.ciUpper), o.n.map { .integer($0) } ?? .missing,
                o.deff.map { .number($0) } ?? .missing, optional(o.mode), optional(o.weight),
                .text(o.flags.joined(separator: ";")), .text(o.sourceID), optional(source?.citation), optional(source?.url),
            ]
        }
        return TableModel(columns: columns, rows: rows, sourceNote: SourceCaption.text(sources))
    }

    private static func number(_ x: Double?) -> TableModel.Cell { x.map { .number($0) } ?? .missing }
}
