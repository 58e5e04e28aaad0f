import Foundation
import Testing
import Survey
@testable import SurveySeries

/// The subgroup rows of the built-in CAB data (`datasets/cab/groups.csv`, issue 16) and the
/// series-file format's group columns. Values asserted here come from rules stated in the
/// comments (the small-cell rule, the zero covariance of disjoint domains under a weighted SRS),
/// not from the code under test.
@Suite struct CABGroupsTests {
    static func builtInGroups() throws -> (totals: [Observation], groups: [Observation]) {
        let cab = try SeriesCatalog.builtIn().dataset(named: "cab")
        return (cab.observations, try cab.groupObservations())
    }

    /// Group and group_level columns, a suppressed row (empty estimate) and a difference row
    /// (negative share difference) survive a write/read round trip; a file without the columns
    /// reads as whole-sample rows.
    @Test func groupColumnsRoundTrip() throws {
        let rows = [
            Observation(dataset: "x", country: "KZ", target: "China", item: "favorability", wave: "2020-autumn",
                        date: "2020-11-05", measure: "favorable", estimate: 0.4, se: 0.02, n: 400, sourceID: "s"),
            Observation(dataset: "x", country: "KZ", target: "China", item: "favorability", wave: "2020-autumn",
                        date: "2020-11-05", measure: "favorable", estimate: .nan, n: 12, flags: ["suppressed"],
                        sourceID: "s", group: "region", groupLevel: "Ulytau region"),
            Observation(dataset: "x", country: "KZ", target: "China", item: "favorability", wave: "2020-autumn",
                        date: "2020-11-05", measure: "net", estimate: -1.5, se: 0.1, ciLower: -1.7, ciUpper: -1.3, n: 90,
                        flags: ["group-difference"], sourceID: "s", group: "age", groupLevel: "60+ vs 18-29"),
        ]
        let file = SeriesFile(observations: rows, sources: [SourceReference(id: "s", citation: "c")])
        let text = try file.csvText(citations: false)
        #expect(text.hasPrefix("dataset,country,target,item,wave,date,measure,estimate,se,ci_lower,ci_upper,n,deff,flags,source_id,group,group_level\n"))
        let back = try SeriesFile.parse(text, file: nil).observations
        #expect(back.count == 3 && back[0].key == rows[0].key && back[0].group == "all")
        #expect(back[1].estimate.isNaN && back[1].groupLevel == "Ulytau region" && back[1].n == 12)
        #expect(back[2].estimate == -1.5 && back[2].groupLevel == "60+ vs 18-29")
        // A difference outside [-2, 2] (net) is refused, naming the column.
        let bad = text.replacingOccurrences(of: ",-1.5,", with: ",-2.5,")
        #expect(throws: DataError.self) { try SeriesFile.parse(bad, file: "g.csv") }
    }

    /// Holm (1979) by hand: p = (0.01, 0.04, 0.03, 0.005); sorted 0.005·4 = 0.02, 0.01·3 = 0.03,
    /// 0.03·2 = 0.06, 0.04·1 = 0.04 → running max 0.06; R `p.adjust(p, "holm")` gives
    /// 0.03 0.06 0.06 0.02.
    @Test func holmByHand() {
        let adjusted = Holm.adjust([0.01, 0.04, 0.03, 0.005])
        for (a, b) in zip(adjusted, [0.03, 0.06, 0.06, 0.02]) { #expect(abs(a - b) < 1e-15) }
        #expect(Holm.adjust([0.6, 0.9]) == [1, 1])
    }

    /// The small-cell rule (docs/cab-waves.md): fewer than 30 asked → no estimate, flag
    /// `suppressed`; fewer than 50 → `small-n`; at least 30 → an estimate with an SE.
    @Test func smallCellRule() throws {
        let rows = try Self.builtInGroups().groups.filter { !$0.flags.contains("group-difference") }
        #expect(!rows.isEmpty)
        for o in rows {
            let n = try #require(o.n)
            #expect((n < 30) == o.flags.contains("suppressed"), "\(o.key.label) \(o.wave) n=\(n)")
            #expect((n < 30) == o.estimate.isNaN)
            #expect((n >= 30 && n < 50) == o.flags.contains("small-n"), "\(o.key.label) \(o.wave) n=\(n)")
            if n >= 30 { #expect(o.se != nil) }
        }
        // Kazakhstan 2022: Ulytau region (created in 2022) has 9 respondents (CODEBOOK.md counts).
        #expect(rows.contains { $0.country == "KZ" && $0.wave == "2022-autumn" && $0.groupLevel == "Ulytau region" && $0.n == 9 && $0.flags.contains("suppressed") })
    }

    /// Levels partition the respondents asked: for gender, age and region every respondent has
    /// a level, so the level n's add up to the total's n (CODEBOOK.md: no missing values there).
    @Test func levelsPartitionTheBase() throws {
        let (totals, groups) = try Self.builtInGroups()
        let levels = groups.filter { $0.measure == "favorable" && !$0.flags.contains("group-difference") }
        for t in totals where t.measure == "favorable" && !t.hasNoEstimate {
            for g in ["gender", "age", "region"] {
                let sum = levels.filter { $0.sourceID == t.sourceID && $0.target == t.target && $0.group == g }.compactMap(\.n).reduce(0, +)
                #expect(sum == t.n, "\(t.sourceID) \(t.target) \(g): \(sum) vs \(String(describing: t.n))")
            }
        }
    }

    /// Waves 8 and 12 have no strata or clusters (each respondent its own PSU). Two disjoint
    /// domains then have zero covariance: with influence values zᴬ, zᴮ (zero outside each domain,
    /// each summing to 0), the with-replacement covariance n/(n−1)·Σ(zᴬᵢ − z̄ᴬ)(zᴮᵢ − z̄ᴮ) =
    /// n/(n−1)·Σ zᴬᵢzᴮᵢ = 0. So the design SE of a level difference must equal √(SE₁² + SE₂²)
    /// there (up to the 6-decimal rounding of the file); in the clustered waves 1 and 4 it need not.
    @Test func srsDifferencesHaveZeroCovariance() throws {
        let rows = try Self.builtInGroups().groups
        var index: [String: Observation] = [:]
        for o in rows where !o.flags.contains("group-difference") {
            index["\(o.sourceID)|\(o.target)|\(o.measure)|\(o.group)|\(o.groupLevel)"] = o
        }
        var checked = 0, clusteredDiffer = 0
        for d in rows where d.flags.contains("group-difference") && !d.hasNoEstimate {
            let parts = d.groupLevel.components(separatedBy: " vs ")
            let a = try #require(index["\(d.sourceID)|\(d.target)|\(d.measure)|\(d.group)|\(parts[0])"])
            let b = try #require(index["\(d.sourceID)|\(d.target)|\(d.measure)|\(d.group)|\(parts[1])"])
            #expect(abs(d.estimate - (a.estimate - b.estimate)) < 2e-6, "\(d.key.label) \(d.wave)")
            let independent = ((a.se ?? 0) * (a.se ?? 0) + (b.se ?? 0) * (b.se ?? 0)).squareRoot()
            let se = try #require(d.se)
            if d.flags.contains("srs-assumed") {
                #expect(abs(se - independent) < 2e-6, "\(d.key.label) \(d.wave): \(se) vs \(independent)")
                checked += 1
            } else if abs(se - independent) > 1e-4 {
                clusteredDiffer += 1
            }
        }
        #expect(checked > 500)
        #expect(clusteredDiffer > 0)  // the covariance of shared PSUs matters in waves 1 and 4
    }

    /// Every subgroup row and level difference against R survey 4.1.1 (scripts/cab-reference/
    /// groups.R: independent pandas extraction, `svyby(~fav + unf + net, ~grp, subset(design))`
    /// with `covmat = TRUE`, differences by `svycontrast`-style a′Va): estimates and SEs within
    /// the 6-decimal rounding of the file; n of each level equal. Suppressed rows only check n.
    @Test func matchesRSurveyDomains() throws {
        let root = SharedData.packageRoot
        let groups = try Self.builtInGroups().groups
        let sources = try SeriesCatalog.builtIn().dataset(named: "cab").sources
        let idOf = Dictionary(uniqueKeysWithValues: sources.compactMap { s -> (String, String)? in
            guard let r = s.citation.range(of: "from ") else { return nil }
            return (String(s.citation[r.upperBound...].dropLast()), s.id)
        })
        var ours: [String: Observation] = [:]
        for o in groups { ours["\(o.sourceID)|\(o.target)|\(o.group)|\(o.groupLevel)|\(o.measure)"] = o }
        let text = try String(contentsOf: root.appendingPathComponent("Tests/Fixtures/cab/r-survey-groups.csv"), encoding: .utf8)
        let records = try CSVRecords.parse(text, file: nil)
        let h = try CSVHeader(records[0].fields, required: ["file", "target", "group", "level", "measure", "estimate", "se", "n"], file: nil)
        var checked = 0
        for r in records.dropFirst() {
            let id = try #require(idOf[h.field("file", in: r)])
            let key = "\(id)|\(h.field("target", in: r))|\(h.field("group", in: r))|\(h.field("level", in: r))|\(h.field("measure", in: r))"
            let o = try #require(ours[key], "\(key) missing")
            if let n = Int(h.field("n", in: r)) { #expect(o.n == n, "\(key) n") }
            if o.hasNoEstimate { continue }
            let est = try #require(Double(h.field("estimate", in: r))), se = try #require(Double(h.field("se", in: r)))
            #expect(abs(o.estimate - est) <= 5.1e-7, "\(key) estimate \(o.estimate) vs R \(est)")
            #expect(abs((o.se ?? .nan) - se) <= 5.1e-7, "\(key) se \(String(describing: o.se)) vs R \(se)")
            checked += 1
        }
        // Favorable, unfavorable and net of every level and difference in the file are covered.
        let covered = groups.filter { ["favorable", "unfavorable", "net"].contains($0.measure) }.count
        #expect(records.count - 1 == covered)
        #expect(checked > 4000)
    }
}
