import Foundation
import Testing
import Survey

/// The score (Francisco–Fuller) quantile interval against R `survey` 4.1.1 beyond the whole-sample
/// grid of `QuantileRuleTests`: by domain (R's `subset()` per level, what `svyby` runs), at level
/// 0.90, and with missing values removed (`quantile.R` → `quantile.json`, `score_cases`). In a
/// domain where R's `uniroot` finds no sign change (R stops with an error) a limit must be NaN here.
@Suite struct ScoreQuantileTests {
    static let names: [String] = {
        var out: [String] = []
        for d in ["strat", "clus1"] {
            for r in ["math", "hf7"] {
                for lev in ["E", "H", "M"] { out.append("\(d)_api00_\(r)_by_stype_\(lev)") }
                out.append("\(d)_enroll_\(r)_level90")
            }
        }
        return out + ["strat_na_api00_math", "strat_na_api00_hf7"]
    }()

    @Test(arguments: names)
    func matchesR(_ name: String) throws {
        let cases = try CalibrationFixtures.json("quantile.json")["score_cases"] as? [String: Any]
        let ref = try #require(cases?[name] as? [String: Any])
        var t = try CalibrationFixtures.data(try #require(ref["data"] as? String))
        let variable = try #require(ref["variable"] as? String)
        var options = EstimationOptions(level: try #require(ref["level"] as? Double))
        if let every = ref["missing_every"] as? Int, let from = ref["missing_from"] as? Int {
            // R: api00[seq(from, n, by = every)] <- NA (1-based).
            guard case .numeric(var v) = try t.column(named: variable).values else { throw DataError("api00 not numeric") }
            for i in stride(from: from - 1, to: v.count, by: every) { v[i] = .nan }
            t = try Table(columns: t.columns.map { $0.name == variable ? Column(name: variable, values: .numeric(v)) : $0 })
            options.removeMissing = true
        }
        let d = try DesignGLMTests.design(try #require(ref["design"] as? String), t)
        let rule = try #require(QuantileRule(rawValue: ref["qrule"] as? String ?? ""))
        let ps = try #require(ref["probabilities"] as? [Double])
        let domains = try (ref["by"] as? String).map { Domains(column: try t.column(named: $0)) }
        let wanted = ref["domain"] as? String
        let elements = try d.quantiles(t.column(named: variable), probabilities: ps, rule: rule, interval: .score,
                                       by: domains, options: options).elements.filter { wanted == nil || $0.domain?.value == wanted }
        if ref["error"] != nil {
            #expect(elements.contains { $0.ciLower.isNaN || $0.ciUpper.isNaN }, "\(name): R's uniroot fails here")
            return
        }
        #expect(elements.count == ps.count)
        for (key, got) in [
            ("quantile", elements.map(\.value)), ("lower", elements.map(\.ciLower)),
            ("upper", elements.map(\.ciUpper)), ("se", elements.map(\.standardError)),
        ] {
            let want = try #require(ref[key] as? [Any])
            for (k, w) in want.enumerated() {
                let r = try #require(DesignFixtures.number(w))
                let err = CalibrationFixtures.agreement(key == "quantile" ? "quantile \(rule.rawValue)" : "quantile \(key) score", got[k], r)
                #expect(err < CalibrationFixtures.tolerance, "\(name) \(key) p=\(ps[k]): \(got[k]) vs R \(r)")
            }
        }
        #expect(elements.allSatisfy { $0.ciMethod == "score" })
    }

    /// R offers the score interval only for linearization designs; a replicate design refuses it.
    @Test func replicateDesignRefuses() throws {
        let t = try CalibrationFixtures.data("apiclus1.csv")
        let rep = try DesignGLMTests.design("clus1", t).replicateDesign(.jk1)
        #expect(throws: DesignError.self) {
            _ = try rep.quantiles(t.column(named: "api00"), probabilities: [0.5], interval: .score)
        }
    }

    /// Brent's method on a smooth function: the root of x² − 2 on (0, 2) to within the tolerance
    /// (√2 = 1.41421356237…, a hand value), and an end that is already a root is returned as is.
    @Test func brentFindsRoots() throws {
        let r = try #require(brentRoot(lower: 0, upper: 2, fLower: -2, fUpper: 2, tolerance: 1e-12) { $0 * $0 - 2 })
        #expect(abs(r - 1.4142135623730951) < 1e-11)
        #expect(brentRoot(lower: 1, upper: 3, fLower: 0, fUpper: 5, tolerance: 1e-9) { $0 - 1 } == 1)
    }
}
