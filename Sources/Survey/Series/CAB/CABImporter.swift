#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyData
import SurveyEstimation
import SurveyNumerics

/// CAB favorability from a recognised respondent-level file: for each target (China, Russia,
/// United States), the weighted share of every answer category plus favorable, unfavorable and
/// net, each with a design-based SE, 95% CI, design effect and unweighted n.
///
/// - Base: every respondent asked the item, don't know and refused included (DESIGN.md §5);
///   `Not Asked` is outside the base. An item not asked of anyone in the file is recorded as
///   not asked (estimate empty, flag `not-asked`), never as 0%.
/// - Design (codebook): waves 1 and 4 strata `Region_M`×`GeoCode`, PSUs `SamPt`, weight `totwt`,
///   Taylor linearization (wave 1: PSUs nested in strata, see `design(for:)`); waves 8/12 weight `FinalWgt1`, each respondent its own PSU (weighted
///   SRS with replacement, flag `srs-assumed`). All variances come from `SurveyDesign`.
/// - Shares: `SurveyDesign.proportions` of the six categories; favorable/unfavorable from the
///   same call on the grouped variable (favorable, unfavorable, other). CIs: logit (as R's
///   `svyciprop` default) with the design df; a share of exactly 0 or 1 has no logit interval,
///   so its CI is left empty and the flag `zero-count` says so.
/// - Net = favorable − unfavorable; its variance is a'Σa with a = (1, −1, 0) and Σ the design
///   covariance of the grouped shares (the multinomial covariance, not an independence
///   approximation); Wald CI net ± t_df·SE, truncated to [−1, 1] (the range of a net share; only
///   tiny samples reach it); deff against SRS with replacement,
///   (p_f + p_u − net²)/n (DESIGN.md §5).
/// - deff: against SRS with replacement (R `deff = "replace"`); CAB weights have mean 1, so
///   Σw = n and R's without-replacement deff is undefined.
public struct CABImporter: Sendable {
    public let codebook: CABCodebook

    public init(codebook: CABCodebook) {
        self.codebook = codebook
    }

    /// The measures written per target, in order.
    public var measures: [String] { codebook.categories + ["favorable", "unfavorable", "net"] }

    /// The CAB citation of one file (README "How the project should use this package" §3).
    public static func source(for file: CABFile) -> SourceReference {
        let doi = "10.48320/1AFC5235-EB1F-4A23-80B6-036515CE1916"
        var citation = "Central Asia Barometer, Central Asia Barometer Survey, wave \(file.wave.number) "
            + "(\(file.wave.season)), \(Countries.name(file.country)). "
        if file.wave.number <= 9 {
            citation += "Data deposit: Central Asia Barometer Survey Waves 1-9 (2017-2021), Discuss Data, doi:\(doi)."
        } else {
            citation += "Waves 1-14 deposit (DOI not yet confirmed); waves 1-9 deposit: Discuss Data, doi:\(doi)."
        }
        citation += " Computed by barometer from \(file.fileName)."
        return SourceReference(
            id: "cab-w\(file.wave.number)-\(file.country)", citation: citation, url: "https://doi.org/\(doi)")
    }

    /// The design the codebook prescribes for this file's wave, and the flags it puts on every
    /// row: `lonely-psu-adjusted` when a stratum holds a single PSU (the codebook's lonely-PSU
    /// policy applies), `psu-in-two-strata` when a PSU id occurs in two strata and the wave's PSUs
    /// are declared nested (then each (stratum, PSU) pair is its own PSU, as R's `nest = TRUE`).
    /// A PSU id in two strata of a wave not declared nested is an error naming both strata.
    public func design(for file: CABFile) throws -> (design: SurveyDesign, flags: [String]) {
        let t = file.table
        let weights = try t.column(named: file.wave.weight)
        var strata: Column?
        if !file.wave.strata.isEmpty {
            let parts = try file.wave.strata.map { name throws(DataError) in try t.column(named: name) }
            strata = Column.crossing(parts, name: file.wave.strata.joined(separator: "×"), missingLabel: "(missing)")
        }
        let clusters = try file.wave.cluster.map { [try t.column(named: $0)] } ?? []
        var flags: [String] = []
        if let strata, let psu = clusters.first {
            var psusPerStratum: [String: Set<String>] = [:]
            var strataPerPSU: [String: Set<String>] = [:]
            for i in 0..<t.rowCount {
                let s = strata.text(at: i) ?? "", p = psu.text(at: i) ?? ""
                psusPerStratum[s, default: []].insert(p)
                strataPerPSU[p, default: []].insert(s)
            }
            if let (p, s) = strataPerPSU.sorted(by: { $0.key < $1.key }).first(where: { $0.value.count > 1 }) {
                guard file.wave.nested else {
                    throw DataError(
                        "sampling point \(p) appears in strata \(s.sorted().joined(separator: " and ")), but wave "
                            + "\(file.wave.number)'s PSUs are not declared nested in strata (codebook key nest)",
                        file: file.path, column: psu.name)
                }
                flags.append("psu-in-two-strata")
            }
            if psusPerStratum.values.contains(where: { $0.count == 1 }) { flags.append("lonely-psu-adjusted") }
        }
        guard let policy = LonelyPSU(rawValue: file.wave.lonelyPSU) else {
            throw DataError("codebook: unknown lonely_psu policy '\(file.wave.lonelyPSU)'")
        }
        let design = try SurveyDesign(
            rows: t.rowCount, weights: weights, strata: strata, clusters: clusters, nested: file.wave.nested,
            lonelyPSU: flags.contains("lonely-psu-adjusted") ? policy : .fail)
        return (design, flags)
    }

    /// Every observation of the file: targets × measures.
    public func observations(for file: CABFile) throws -> [Observation] {
        let (design, designFlags) = try design(for: file)
        var result: [Observation] = []
        for item in file.wave.items {
            result += try observations(
                for: file, target: item.target, variable: item.variable, note: item.note, design: design,
                extraFlags: designFlags)
        }
        return result
    }

    /// Category codes of a favorability column (-1 = not asked); unknown texts are an error
    /// listing them and the texts the codebook knows.
    func categoryCodes(_ column: Column, file: CABFile) throws(DataError) -> [Int32] {
        let categories = codebook.categories
        var codes = [Int32](repeating: -1, count: column.count)
        var unknown: [String: Int] = [:]
        var cache: [String: Int32] = [:]
        for i in 0..<column.count {
            guard let text = column.text(at: i) else {
                unknown["(empty cell)", default: 0] += 1
                continue
            }
            if let c = cache[text] { codes[i] = c; continue }
            guard let category = codebook.answers[CABCodebook.normalise(text)] else {
                unknown[text, default: 0] += 1
                continue
            }
            let code = Int32(categories.firstIndex(of: category) ?? -1)
            cache[text] = code
            codes[i] = code
        }
        guard unknown.isEmpty else {
            let found = unknown.sorted { $0.key < $1.key }.map { "'\($0.key)' (\($0.value) rows)" }.joined(separator: ", ")
            let known = codebook.answers.keys.sorted().joined(separator: "; ")
            throw DataError("unknown answer text(s) \(found); the codebook knows (case-insensitive): \(known)",
                            file: file.path, column: column.name)
        }
        return codes
    }

    /// The item's answer codes, the flags every row of the item carries, and an observation
    /// builder for it (`group`/`level` default to the whole sample).
    func itemContext(for file: CABFile, item: (target: String, variable: String, note: String), extraFlags: [String])
        throws -> (codes: [Int32], make: (MeasureEstimate, String, String, [String]) -> Observation) {
        let codes = try categoryCodes(try file.table.column(named: item.variable), file: file)
        let source = Self.source(for: file)
        var flags = file.wave.flags
        if item.note.hasPrefix("unverified") { flags.append("unverified-item-mapping") }
        flags += codebook.caveats(wave: file.wave.number, country: file.country) + extraFlags
        let make = { (e: MeasureEstimate, group: String, level: String, extra: [String]) -> Observation in
            Observation(
                dataset: "cab", country: file.country, target: item.target, item: "favorability", wave: file.wave.label,
                date: file.midpoint, measure: e.measure, estimate: e.value, se: e.se, ciLower: e.ci?.0, ciUpper: e.ci?.1,
                n: e.n, deff: e.deff, flags: flags + e.flags + extra, sourceID: source.id,
                mode: file.wave.mode, weight: file.wave.weight, group: group, groupLevel: level)
        }
        return (codes, make)
    }

    private func observations(
        for file: CABFile, target: String, variable: String, note: String, design: SurveyDesign,
        extraFlags: [String]
    ) throws -> [Observation] {
        let (codes, make) = try itemContext(for: file, item: (target, variable, note), extraFlags: extraFlags)
        guard codes.contains(where: { $0 >= 0 }) else {
            return measures.map { make(MeasureEstimate(measure: $0, value: .nan, flags: ["not-asked"]), "all", "all", []) }
        }
        let shares = try measureEstimates(codes: codes, variable: variable, design: design, domains: nil)
        return shares.slots[0].map { make($0, "all", "all", []) }
    }

    /// Every measure (categories, favorable, unfavorable, net) in each slot: the whole sample
    /// without `domains`, else each domain of the full design (rows outside carry zero
    /// influence; never a subset). Also returns the grouped estimate (favorable, unfavorable,
    /// other per slot) whose covariance differences between domains need.
    func measureEstimates(codes: [Int32], variable: String, design: SurveyDesign, domains: Domains?)
        throws -> (slots: [[MeasureEstimate]], grouped: Estimate) {
        let options = EstimationOptions(level: 0.95, designEffects: true, removeMissing: true, proportionInterval: .logit)
        let categories = codebook.categories
        let detailed = try design.proportions(
            Column(name: variable, values: .categorical(codes: codes, levels: categories)), by: domains, options: options)
        // Grouped: favorable (0), unfavorable (1), other (2).
        let group: [Int32] = categories.map { c in c.hasSuffix("-unfavorable") ? 1 : (c.hasSuffix("-favorable") ? 0 : 2) }
        let grouped = try design.proportions(
            Column(name: variable, values: .categorical(codes: codes.map { $0 < 0 ? -1 : group[Int($0)] },
                                                        levels: ["favorable", "unfavorable", "other"])),
            by: domains, options: options)
        func share(_ measure: String, _ e: EstimateElement) -> MeasureEstimate {
            let ok = e.ciLower.isFinite && e.ciUpper.isFinite && e.value > 0 && e.value < 1
            return MeasureEstimate(
                measure: measure, value: e.value, se: e.standardError, ci: ok ? (e.ciLower, e.ciUpper) : nil, n: e.n,
                deff: e.deffReplace.flatMap { $0.isFinite && $0 > 0 ? $0 : nil }, flags: ok ? [] : ["zero-count"])
        }
        var slots: [[MeasureEstimate]] = []
        for d in 0..<(domains?.count ?? 1) {
            var result: [MeasureEstimate] = []
            let k = categories.count, f = 3 * d
            for (j, c) in categories.enumerated() { result.append(share(c, detailed.elements[k * d + j])) }
            result.append(share("favorable", grouped.elements[f]))
            result.append(share("unfavorable", grouped.elements[f + 1]))
            let pf = grouped.elements[f].value, pu = grouped.elements[f + 1].value
            let cov = grouped.covariance
            let variance = cov[f, f] + cov[f + 1, f + 1] - 2 * cov[f, f + 1]
            let se = max(variance, 0).squareRoot()
            let net = pf - pu
            let n = grouped.elements[f].n
            let t = Self.tQuantile(df: grouped.elements[f].degreesOfFreedom)
            let srs = (pf + pu - net * net) / Double(n)
            result.append(MeasureEstimate(
                measure: "net", value: net, se: se, ci: (max(net - t * se, -1), min(net + t * se, 1)), n: n,
                deff: srs > 0 && variance > 0 ? variance / srs : nil))
            slots.append(result)
        }
        return (slots, grouped)
    }

    /// The 97.5% quantile of t with `df` degrees of freedom (normal when infinite).
    static func tQuantile(df: Double) -> Double {
        df.isInfinite ? Normal().quantile(0.975) : StudentT(df: df).quantile(0.975)
    }
}

/// One measure's estimate in one slot (whole sample or domain), before it becomes an `Observation`.
struct MeasureEstimate {
    var measure: String
    var value: Double
    var se: Double? = nil
    var ci: (Double, Double)? = nil
    var n: Int? = nil
    var deff: Double? = nil
    var flags: [String] = []
}
