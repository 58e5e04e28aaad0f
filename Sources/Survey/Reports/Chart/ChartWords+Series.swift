#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText
import SurveyRender
import SurveySeries

/// Chart titles from series keys and published n (moved out of SurveyRender, which knows no
/// `Series`, by the issue-18 split).
extension ChartWords {
    /// The measure as the head of a phrase: "favorable views of", "approval of the leadership of".
    static func measurePhrase(_ measure: String) -> String {
        switch measure {
        case "favorable", "unfavorable", "very-favorable", "very-unfavorable", "somewhat-favorable", "somewhat-unfavorable":
            return measure.replacingEvery("-", with: " ") + " views of"
        case "approve": return "approval of the leadership of"
        case "disapprove": return "disapproval of the leadership of"
        case "net": return "net favorability of"
        default: return measure.replacingEvery("-", with: " ") + " of"
        }
    }

    /// The title for series with these keys.
    static func headline(_ keys: [SeriesKey]) -> String {
        let countries = unique(keys.map { Countries.name($0.country) })
        let targets = list(unique(keys.map { target($0.target) }))
        let measures = unique(keys.map(\.measure))
        let phrase = measures.count == 1 ? measurePhrase(measures[0]) : list(measures) + " of"
        if countries.count == 1 { return "\(countries[0]): \(phrase) \(targets)" }
        return capitalized("\(phrase) \(targets) in \(list(countries))")
    }

    /// "Share answering favorable (item: favorability) · base: n = 1,500 (2017), 2,000 (2020)":
    /// n per wave, never as a range that reads like an interval (issue 12).
    static func subtitle(_ series: [Series]) -> String {
        let keys = series.map(\.key)
        let measures = list(unique(keys.map { $0.measure.replacingEvery("-", with: " ") }))
        let items = list(unique(keys.map(\.item)))
        return "Share answering \(measures) (item: \(items)) · base: \(base(series))"
    }

    /// The respondents per wave: one n when every wave has it, else each wave's ("1,500 or 1,511
    /// (2018)" where series disagree), or — more than three ns in a wave — the smallest and largest.
    static func base(_ series: [Series]) -> String {
        var byWave: [(wave: String, date: String, ns: Set<Int>)] = []
        for observation in series.flatMap(\.observations) {
            guard let n = observation.n else { continue }
            if let i = byWave.firstIndex(where: { $0.wave == observation.wave }) {
                byWave[i].ns.insert(n)
            } else {
                byWave.append((observation.wave, observation.date, [n]))
            }
        }
        if byWave.isEmpty { return "n not published" }
        let distinct = Set(byWave.flatMap(\.ns))
        if distinct.count == 1, let n = distinct.first { return "n = \(grouped(n)) respondents per wave" }
        // Where series disagree within a wave, that wave lists its ns ("1,500 or 1,511"): a chart
        // standing alone in a report has no table to refer to, and a range would blur the waves.
        guard byWave.allSatisfy({ $0.ns.count <= 3 }) else { return "n per wave differs by series (from \(grouped(distinct.min() ?? 0)) to \(grouped(distinct.max() ?? 0)))" }
        let ordered = byWave.sorted { $0.date < $1.date }
        let years = ordered.map { String($0.wave.prefix(4)) }
        let labels = Set(years).count == years.count ? years : ordered.map(\.wave)
        let parts = zip(ordered, labels).map { wave, label in
            wave.ns.sorted().map(grouped).joined(separator: " or ") + " (\(label))"
        }
        return "n = " + parts.joined(separator: ", ")
    }

    /// "Favorable (% of respondents)".
    static func yTitle(_ keys: [SeriesKey]) -> String {
        let measures = unique(keys.map(\.measure))
        let head = measures.count == 1 ? capitalized(measures[0].replacingEvery("-", with: " ")) : "Share"
        return head + " (% of respondents)"
    }
}
