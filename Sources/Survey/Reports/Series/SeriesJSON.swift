#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyRender
import SurveySeries

/// The "Series table" JSON of DESIGN.md §3, written by `table` and `overview`:
/// `{"rows": [{dataset, country, target, item, wave, date, measure, [group, group_level,] estimate,
/// se, ci_lower, ci_upper, n, deff, flags, source_id, mode, weight}], "sources": [{id, citation, url[, quote]}]}` (a
/// subgroup's rows name it, so a region's row never reads as the country's; a published figure's
/// source carries the verbatim quote it was read from). Shares are
/// proportions (0-1); unknown or non-finite numbers are `null` (a not-asked row has a `null`
/// estimate). One row per line, keys in a fixed order, so output is byte-stable.
public enum SeriesJSON {
    public static func render(_ observations: [Observation], sources: [SourceReference]) -> String {
        var lines = ["{\"rows\": ["]
        for (i, o) in observations.enumerated() {
            // A subgroup's row names its subgroup; a whole-sample row is as it always was.
            let group: [(String, String)] = !o.key.isGroup ? []
                : [("group", string(o.group)), ("group_level", string(o.groupLevel))]
            let fields: [(String, String)] = [
                ("dataset", string(o.dataset)), ("country", string(o.country)), ("target", string(o.target)),
                ("item", string(o.item)), ("wave", string(o.wave)), ("date", string(o.date)),
                ("measure", string(o.measure))] + group + [
                ("estimate", number(o.estimate)), ("se", number(o.se)),
                ("ci_lower", number(o.ciLower)), ("ci_upper", number(o.ciUpper)), ("n", o.n.map(String.init) ?? "null"),
                ("deff", number(o.deff)), ("flags", "[" + o.flags.map(string).joined(separator: ", ") + "]"),
                ("source_id", string(o.sourceID)),
                // As in the CSV: the interview mode decides what a change across waves means.
                ("mode", o.mode.map(string) ?? "null"), ("weight", o.weight.map(string) ?? "null"),
            ]
            lines.append("  " + object(fields) + (i + 1 < observations.count ? "," : ""))
        }
        lines.append("], \"sources\": [")
        for (i, s) in sources.enumerated() {
            let fields = [("id", string(s.id)), ("citation", string(s.citation)), ("url", s.url.map(string) ?? "null")]
                + (s.quote.map { [("quote", string($0))] } ?? [])
            lines.append("  " + object(fields) + (i + 1 < sources.count ? "," : ""))
        }
        lines.append("]}")
        return lines.joined(separator: "\n") + "\n"
    }

    static func object(_ pairs: [(String, String)]) -> String {
        var out = "{"
        for (k, (key, value)) in pairs.enumerated() {
            if k > 0 { out += ", " }
            out += string(key)
            out += ": "
            out += value
        }
        return out + "}"
    }

    static func number(_ x: Double?) -> String { JSONText.number(x) }

    static func string(_ s: String) -> String { JSONText.string(s) }
}
