import SurveySeries
import SurveyTrends

/// The notes under a `compare` table, so no assumption or flag of a compared figure is silent:
/// how variances without an SE were obtained, subgroup series left out, and one note per flag
/// naming the figures that carry it.
package enum ComparisonNotes {
    /// All notes for the compared figures `used` (two per row, in row order).
    package static func notes(_ used: [Observation], assumedDeff: Double?, leftOut: Int = 0) -> [String] {
        var notes = variance(used, assumedDeff: assumedDeff)
        // A share of 0 or 1 has SE 0 as printed (table, overview); the comparison's SE uses the
        // continuity rule instead (trends.md), which must not pass without a word.
        let continuity = used.filter { o in (try? TrendData.variance(of: o, isShare: o.measure != "net"))?.continuity == true }
            .map { "\($0.key.label) \($0.wave)" }
        if !continuity.isEmpty {
            notes.append("continuity rule p̃ = (m·p + ½)/(m + 1) used for the SE at 0% or 100% (the table prints SE 0 there): "
                + Array(Set(continuity)).sorted().joined(separator: ", "))
        }
        if leftOut > 0 {
            notes.append("\(leftOut) subgroup series left out: suppressed (n < \(CABImporter.suppressBelow)) or absent in one of the two waves")
        }
        return notes + flags(used)
    }

    /// How the variances of toplines without an SE were obtained: SRS assumed (no design
    /// effect), or the design effect given by --deff.
    package static func variance(_ used: [Observation], assumedDeff: Double?) -> [String] {
        let fromTopline = used.filter { !($0.se ?? 0 > 0) }
        if fromTopline.contains(where: { $0.deff == nil }) {
            return ["SRS assumed (deff = 1) where the source gives no design effect"]
        }
        if let assumedDeff, !fromTopline.isEmpty {
            return ["design effect \(assumedDeff) assumed (--deff) where the source gives none"]
        }
        return []
    }

    /// One note per flag, in order of first appearance, listing the compared figures carrying it
    /// ("every compared figure" when all of more than two do).
    package static func flags(_ used: [Observation]) -> [String] {
        var order: [String] = [], carriers: [String: [String]] = [:]
        for o in used {
            for f in o.flags {
                if carriers[f] == nil { order.append(f) }
                let item = "\(o.key.label) \(o.wave)"
                if !(carriers[f] ?? []).contains(item) { carriers[f, default: []].append(item) }
            }
        }
        let figures = Set(used.map { "\($0.key.label) \($0.wave)" }).count
        return order.map { f in
            let items = carriers[f] ?? []
            return "flag \(f): " + (items.count == figures && figures > 2 ? "every compared figure" : items.joined(separator: "; "))
        }
    }
}
