#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyData
import SurveyEstimation
import SurveyNumerics

/// Subgroup favorability: each level of a codebook group variable (gender, age, urban/rural,
/// region, interview language) as a domain of the full design — rows outside the level keep
/// their place with zero influence, so strata, PSUs and design df are the file's (never a
/// subset). Every measure of the totals, per level, plus each level's difference from the
/// group's reference level (its first level) with the SE from the same design's covariance.
///
/// Rules (docs/cab-waves.md "Subgroups"):
/// - a level with fewer than `suppressBelow` (30) respondents asked keeps its rows with `n` but an
///   empty estimate, SE, CI and deff, flagged `suppressed`; fewer than `smallBelow` (50): `small-n`;
/// - a group value that is a non-answer (`Don't Know (vol.)`, `Refused (vol.)`) is in no level;
/// - a group variable whose codebook note starts `inferred` puts `inferred-NAME` on its rows;
/// - an item not asked in the file gets no subgroup rows (the totals say `not-asked`).
extension CABImporter {
    /// Below this many respondents asked, a level's estimate is suppressed.
    public static let suppressBelow = 30
    /// Below this many, a level's rows carry `small-n`.
    public static let smallBelow = 50

    /// The group rows of a file for the named groups (all of the wave's when `names` is nil);
    /// an unknown name is an error listing the wave's groups.
    public func groupObservations(for file: CABFile, names: [String]? = nil) throws -> [Observation] {
        let known = file.wave.groups.map(\.name)
        if known.isEmpty { throw DataError("the codebook lists no groups for wave \(file.wave.number)", file: file.path) }
        for n in names ?? [] where !known.contains(n) {
            throw SelectionError("unknown group '\(n)' (--groups); wave \(file.wave.number) has: \(known.joined(separator: ", "))")
        }
        let chosen = file.wave.groups.filter { names?.contains($0.name) ?? true }
        let (design, designFlags) = try design(for: file)
        var result: [Observation] = []
        for item in file.wave.items {
            let (codes, make) = try itemContext(for: file, item: item, extraFlags: designFlags)
            guard codes.contains(where: { $0 >= 0 }) else { continue }
            for g in chosen {
                let domains = try levels(of: g.variable, in: file)
                let (slots, grouped) = try measureEstimates(codes: codes, variable: item.variable, design: design, domains: domains)
                let inferred = g.note.hasPrefix("inferred") ? ["inferred-\(g.name)"] : []
                for (d, level) in domains.labels.enumerated() {
                    result += slots[d].map { make(Self.sized($0), g.name, level, inferred) }
                }
                result += Self.differences(slots, grouped: grouped, labels: domains.labels).map { make($0.1, g.name, $0.0, inferred) }
            }
        }
        return result
    }

    /// A group variable's levels as domains: its values in sorted order, non-answers (codebook
    /// `dont-know`/`refused` texts) and missing cells outside every level.
    func levels(of variable: String, in file: CABFile) throws -> Domains {
        let column = try file.table.column(named: variable)
        var texts: [String?] = (0..<column.count).map { column.text(at: $0) }
        for i in texts.indices {
            if let t = texts[i], ["dont-know", "refused"].contains(codebook.answers[CABCodebook.normalise(t)] ?? "") {
                texts[i] = nil
            }
        }
        let labels = Array(Set(texts.compactMap { $0 })).sorted()
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, Int32($0)) })
        return Domains(variable: variable, codes: texts.map { $0.flatMap { index[$0] } ?? -1 }, labels: labels)
    }

    /// A level's estimate with the small-cell rule applied.
    static func sized(_ e: MeasureEstimate) -> MeasureEstimate {
        let n = e.n ?? 0
        if n < suppressBelow { return MeasureEstimate(measure: e.measure, value: .nan, n: e.n, flags: ["suppressed"]) }
        var e = e
        if n < smallBelow { e.flags.append("small-n") }
        return e
    }

    /// Each level minus the reference level (the first) for favorable, unfavorable and net:
    /// variance a'Σa over the grouped covariance of both domains (one design, so the covariance
    /// of two domains sharing PSUs or strata is included); Wald CI with the design df.
    static func differences(_ slots: [[MeasureEstimate]], grouped: Estimate, labels: [String]) -> [(String, MeasureEstimate)] {
        guard labels.count > 1 else { return [] }
        let cov = grouped.covariance
        var rows: [(String, MeasureEstimate)] = []
        for d in 1..<labels.count {
            let f = 3 * d, r = 0
            let nd = grouped.elements[f].n, nr = grouped.elements[r].n
            let t = tQuantile(df: grouped.elements[f].degreesOfFreedom)
            // Coefficients on (fav_d, unf_d, fav_ref, unf_ref).
            let contrasts: [(String, [Double])] = [
                ("favorable", [1, 0, -1, 0]), ("unfavorable", [0, 1, 0, -1]), ("net", [1, -1, -1, 1]),
            ]
            let index = [f, f + 1, r, r + 1]
            for (measure, a) in contrasts {
                var value = 0.0, variance = 0.0
                for i in 0..<4 {
                    value += a[i] * grouped.elements[index[i]].value
                    for j in 0..<4 { variance += a[i] * a[j] * cov[index[i], index[j]] }
                }
                let label = "\(labels[d]) vs \(labels[0])"
                if min(nd, nr) < suppressBelow {
                    rows.append((label, MeasureEstimate(measure: measure, value: .nan, n: nd + nr, flags: ["group-difference", "suppressed"])))
                    continue
                }
                let se = max(variance, 0).squareRoot()
                let bound = measure == "net" ? 2.0 : 1.0
                var flags = ["group-difference"]
                if min(nd, nr) < smallBelow { flags.append("small-n") }
                rows.append((label, MeasureEstimate(
                    measure: measure, value: value, se: se, ci: (max(value - t * se, -bound), min(value + t * se, bound)),
                    n: nd + nr, flags: flags)))
            }
        }
        return rows
    }
}
