import Foundation
import Testing
import Survey

/// R `svyquantile(interval.type = "quantile")` on replicate designs (`Tests/Fixtures/rsurvey-extra/
/// quantile_rep.R` → `quantile_rep.json`): every qrule on apiclus1 JK1 (converted) and the given
/// BRR, Fay and bootstrap weights of `paired9_reps.csv`, five probabilities, by domain (SE, and the
/// interval on R's df of the domain's subset, the rank of its replicate weights − 1: 7 for the
/// JK1 high schools against the design's 14; `--domain-df design` gives the interval on the design
/// df, also recorded). 1e-9 relative.
@Suite struct ReplicateQuantileTests {
    static func cases() -> [String] {
        guard let json = try? CalibrationFixtures.json("quantile_rep.json"),
              let c = json["cases"] as? [String: Any] else { return [] }
        return c.keys.sorted()
    }

    static func design(_ name: String) throws -> (any Design, Table) {
        if name == "clus1_jk1" {
            let t = try CalibrationFixtures.data("apiclus1.csv")
            return (try DesignGLMTests.design("clus1", t).replicateDesign(.jk1), t)
        }
        let t = try CalibrationFixtures.loadCSV(CalibrationFixtures.extra("paired9_reps.csv"))
        let w = try t.numeric("wt")
        func reps(_ prefix: String) throws -> Matrix { try DesignExtraCases.replicateColumns(t, prefix: prefix) }
        switch name {
        case "given_brr": return (try ReplicateDesign(weights: w, replicates: reps("brr"), type: .brr), t)
        case "given_fay": return (try ReplicateDesign(weights: w, replicates: reps("fay"), type: .fay, fayRho: 0.3), t)
        default: return (try ReplicateDesign(weights: w, replicates: reps("boot"), type: .bootstrap), t)
        }
    }

    @Test(arguments: cases())
    func matchesR(_ name: String) throws {
        let json = try CalibrationFixtures.json("quantile_rep.json")
        let ref = try #require((json["cases"] as? [String: Any])?[name] as? [String: Any])
        let designName = try #require(ref["design"] as? String), ruleName = try #require(ref["qrule"] as? String)
        let variable = try #require(ref["variable"] as? String)
        let (d, t) = try Self.design(designName)
        #expect(QuantileRule(rawValue: ruleName) != nil)
        let probs = try #require(ref["probabilities"] as? [Double])
        let level = try #require(DesignFixtures.number(ref["level"]))
        let by = try (ref["by"] as? String).map { Domains(column: try t.column(named: $0)) }
        let domain = ref["domain"] as? String
        let q = try #require(ref["quantile"] as? [Double]), se = try #require(ref["se"] as? [Double])
        let df = try #require(DesignFixtures.number(ref["df"]))
        // The domain's own df (R's), then, for domains, the design's (`--domain-df design`).
        for rule in by == nil ? [DomainDegreesOfFreedom.auto] : [.auto, .design] {
            let est = try d.quantiles(t.column(named: variable), probabilities: probs, rule: QuantileRule(rawValue: ruleName)!,
                                      interval: .quantile, by: by, options: EstimationOptions(level: level, domainDF: rule))
            let elements = est.elements.filter { domain == nil || $0.domain?.value == domain }
            #expect(elements.count == probs.count)
            let suffix = rule == .design ? "_design_df" : ""
            let lower = try #require(ref["lower" + suffix] as? [Double]), upper = try #require(ref["upper" + suffix] as? [Double])
            for (k, e) in elements.enumerated() {
                for (what, got, want) in [("quantile", e.value, q[k]), ("SE", e.standardError, se[k]),
                                          ("lower", e.ciLower, lower[k]), ("upper", e.ciUpper, upper[k])] {
                    #expect(CalibrationFixtures.agreement("replicate quantile \(what)", got, want) < 1e-9,
                            "\(name) \(rule) p=\(probs[k]) \(what): \(got) vs R \(want)")
                }
                if rule == .auto { #expect(e.degreesOfFreedom == df, "\(name): df \(e.degreesOfFreedom) vs R's degf \(df)") }
                #expect(e.ciMethod == "quantile")
            }
        }
    }

    /// Linearization designs have no replicates to re-estimate on: an error, as R offers the
    /// type only on replicate designs.
    @Test func linearizationDesignIsRefused() throws {
        let t = try CalibrationFixtures.data("apiclus1.csv")
        #expect(throws: DesignError.self) {
            try DesignGLMTests.design("clus1", t).quantiles(t.column(named: "api00"), probabilities: [0.5], interval: .quantile)
        }
    }
}
