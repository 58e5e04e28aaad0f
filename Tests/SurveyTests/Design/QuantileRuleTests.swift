import Foundation
import Testing
import Survey

/// Every `svyquantile` rule and Woodruff interval type against R `survey` 4.1.1
/// (`Tests/Fixtures/rsurvey-extra/quantile.R` → `quantile.json`: qrule math, school, shahvaish,
/// hf1–hf9 × interval.type mean, beta, xlogit, asin, on the stratified and one-stage cluster designs,
/// api00 and enroll, five probabilities). Quantile, interval and SE at 1e-10 relative; R's NA
/// (a limit whose probability leaves [0, 1]) must be NaN here.
@Suite struct QuantileRuleTests {
    static let names: [String] = {
        var out: [String] = []
        for d in ["strat", "clus1"] {
            for v in ["api00", "enroll"] {
                for r in QuantileRule.allCases { for i in QuantileInterval.allCases where i != .quantile { out.append("\(d)_\(v)_\(r.rawValue)_\(i.rawValue)") } }
            }
        }
        return out
    }()

    @Test(arguments: names)
    func matchesR(_ name: String) throws {
        let cases = try CalibrationFixtures.json("quantile.json")["cases"] as? [String: Any]
        let ref = try #require(cases?[name] as? [String: Any])
        let t = try CalibrationFixtures.data(try #require(ref["data"] as? String))
        let d = try DesignGLMTests.design(try #require(ref["design"] as? String), t)
        let rule = try #require(QuantileRule(rawValue: ref["qrule"] as? String ?? ""))
        let interval = try #require(QuantileInterval(rawValue: ref["interval"] as? String ?? ""))
        let ps = try #require(ref["probabilities"] as? [Double])
        let e = try d.quantiles(t.column(named: try #require(ref["variable"] as? String)), probabilities: ps, rule: rule,
                                interval: interval)
        for (key, got) in [
            ("quantile", e.elements.map(\.value)), ("lower", e.elements.map(\.ciLower)),
            ("upper", e.elements.map(\.ciUpper)), ("se", e.elements.map(\.standardError)),
        ] {
            let want = try #require(ref[key] as? [Any])
            for (k, w) in want.enumerated() {
                guard let r = DesignFixtures.number(w) else {
                    #expect(got[k].isNaN, "\(name) \(key)[\(k)]: R NA, got \(got[k])")
                    continue
                }
                let what = key == "quantile" ? "quantile \(rule.rawValue)" : "quantile \(key) \(interval.rawValue)"
                let err = CalibrationFixtures.agreement(what, got[k], r)
                #expect(err < CalibrationFixtures.tolerance, "\(name) \(key) p=\(ps[k]): \(got[k]) vs R \(r)")
            }
        }
    }

    /// The table of maxima in docs/design-estimation.md (`BAROMETER_WRITE_DOCS=1` rewrites it).
    @Test func agreementTable() throws {
        let entries = try AgreementRecorder.measuring {
            for name in Self.names { try matchesR(name) }
        }
        #expect(entries.values.reduce(0) { $0 + $1.count } > 3000)
        try AgreementTable.verify(entries, "docs/design-estimation.md", "agreement-quantile")
    }
}
