import Foundation
import Testing
import Survey

/// R `svyquantile(interval.type = "quantile")` on replicate designs (`Tests/Fixtures/rsurvey-extra/
/// quantile_rep.R` → `quantile_rep.json`): every qrule on apiclus1 JK1 (converted) and the given
/// BRR, Fay and bootstrap weights of `paired9_reps.csv`, five probabilities, by domain (SE, and the
/// interval on the design df, which barometer gives replicate domains), level 0.90. 1e-9 relative.
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
        let rule = try #require(QuantileRule(rawValue: ruleName))
        let probs = try #require(ref["probabilities"] as? [Double])
        let level = try #require(DesignFixtures.number(ref["level"]))
        let by = try (ref["by"] as? String).map { Domains(column: try t.column(named: $0)) }
        let est = try d.quantiles(t.column(named: variable), probabilities: probs,
                                  rule: rule, interval: .quantile, by: by, options: EstimationOptions(level: level))
        let domain = ref["domain"] as? String
        let elements = est.elements.filter { domain == nil || $0.domain?.value == domain }
        #expect(elements.count == probs.count)
        let domainCase = by != nil
        let lower = try #require(ref[domainCase ? "lower_design_df" : "lower"] as? [Double])
        let upper = try #require(ref[domainCase ? "upper_design_df" : "upper"] as? [Double])
        let q = try #require(ref["quantile"] as? [Double]), se = try #require(ref["se"] as? [Double])
        for (k, e) in elements.enumerated() {
            for (what, got, want) in [("quantile", e.value, q[k]), ("SE", e.standardError, se[k]),
                                      ("lower", e.ciLower, lower[k]), ("upper", e.ciUpper, upper[k])] {
                #expect(CalibrationFixtures.agreement("replicate quantile \(what)", got, want) < 1e-9,
                        "\(name) p=\(probs[k]) \(what): \(got) vs R \(want)")
            }
            #expect(e.ciMethod == "quantile")
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
