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
        // Written into one string (keys are plain ASCII, written as they are): building each
        // field's text and joining them was most of `overview --format json` (issue 17 item 4).
        var out = "{\"rows\": [\n"
        out.reserveCapacity(observations.count * 420 + sources.count * 360)
        func text(_ key: String, _ value: String?) {
            out += ", \""
            out += key
            out += "\": "
            JSONText.append(value, to: &out)
        }
        func raw(_ key: String, _ value: String) {
            out += ", \""
            out += key
            out += "\": "
            out += value
        }
        for (i, o) in observations.enumerated() {
            out += "  {\"dataset\": "
            JSONText.append(o.dataset, to: &out)
            text("country", o.country)
            text("target", o.target)
            text("item", o.item)
            text("wave", o.wave)
            text("date", o.date)
            text("measure", o.measure)
            // A subgroup's row names its subgroup; a whole-sample row is as it always was.
            if o.key.isGroup {
                text("group", o.group)
                text("group_level", o.groupLevel)
            }
            raw("estimate", number(o.estimate))
            raw("se", number(o.se))
            raw("ci_lower", number(o.ciLower))
            raw("ci_upper", number(o.ciUpper))
            raw("n", o.n.map(String.init) ?? "null")
            raw("deff", number(o.deff))
            out += ", \"flags\": ["
            for (k, flag) in o.flags.enumerated() {
                if k > 0 { out += ", " }
                JSONText.append(flag, to: &out)
            }
            out += "]"
            text("source_id", o.sourceID)
            // As in the CSV: the interview mode decides what a change across waves means.
            text("mode", o.mode)
            text("weight", o.weight)
            out += i + 1 < observations.count ? "},\n" : "}\n"
        }
        out += "], \"sources\": [\n"
        for (i, s) in sources.enumerated() {
            out += "  {\"id\": "
            JSONText.append(s.id, to: &out)
            text("citation", s.citation)
            text("url", s.url)
            if let quote = s.quote { text("quote", quote) }
            out += i + 1 < sources.count ? "},\n" : "}\n"
        }
        out += "]}\n"
        return out
    }

    static func number(_ x: Double?) -> String { JSONText.number(x) }

    static func string(_ s: String) -> String { JSONText.string(s) }
}
