import Foundation
import Testing
@testable import barometer

/// `estimate --quantile … --qrule RULE --quantile-interval TYPE` against R `svyquantile(qrule =,
/// interval.type =)` (`Tests/Fixtures/rsurvey-extra/quantile.R` → `quantile.json`).
@Suite struct QuantileFlagTests {
    @Test(arguments: [("hf5", "beta"), ("shahvaish", "xlogit"), ("hf3", "asin"), ("hf8", "mean"), ("math", "score"), ("hf7", "score")])
    func estimateMatchesR(_ rule: String, _ interval: String) throws {
        let json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: RakeCommandTests.fixtures.appendingPathComponent("rsurvey-extra/quantile.json")))
        let ref = try #require(((json as? [String: Any])?["cases"] as? [String: Any])?["strat_enroll_\(rule)_\(interval)"] as? [String: Any])
        let strat = RakeCommandTests.fixtures.appendingPathComponent("rsurvey/data/apistrat.csv").path
        let r = Barometer.execute([
            "estimate", strat, "--weights", "pw", "--strata", "stype", "--fpc", "fpc", "--quantile", "enroll:0.1,0.25,0.5,0.75,0.9",
            "--qrule", rule, "--quantile-interval", interval, "--format", "json",
        ])
        #expect(r.exitCode == 0, "\(r.errors)")
        let out = try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
        let estimates = try #require(out["estimates"] as? [[String: Any]])
        for (key, field) in [("quantile", "estimate"), ("lower", "ci_lower"), ("upper", "ci_upper"), ("se", "se")] {
            let want = try #require(ref[key] as? [Double])
            for (k, w) in want.enumerated() {
                let got = try #require(estimates[k][field] as? Double)
                #expect(abs(got - w) <= 1e-10 * abs(w), "\(rule) \(interval) \(key)[\(k)]: \(got) vs R \(w)")
            }
        }
    }

    /// The score interval with a replicate design is a usage error (R has it for linearization
    /// designs only); its text note says when an interval excludes its estimate (R's unweighted
    /// share: strat enroll p = 0.9, math, is 1139 with interval 681–893 in `quantile.json`).
    @Test func scoreIntervalUsageAndNote() throws {
        let strat = RakeCommandTests.fixtures.appendingPathComponent("rsurvey/data/apistrat.csv").path
        let base = ["estimate", strat, "--weights", "pw", "--strata", "stype", "--fpc", "fpc", "--quantile", "enroll:0.9",
                    "--quantile-interval", "score"]
        let bad = Barometer.execute(base + ["--to-replicates", "jk1"])
        #expect(bad.exitCode == 2)
        #expect(bad.errors.contains("--quantile-interval score needs a linearization design"), "\(bad.errors)")
        let unknown = Barometer.execute(["estimate", strat, "--weights", "pw", "--quantile", "enroll:0.5", "--quantile-interval", "scores"])
        #expect(unknown.exitCode == 2)
        let ok = Barometer.execute(base)
        #expect(ok.exitCode == 0, "\(ok.errors)")
        let text = ok.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("1 interval(s) exclude their estimate"), "\(ok.output)")
    }

    /// `--quantile-interval quantile` (replicate designs) said "Woodruff" in its note while the
    /// ci_method column said `quantile`: the note now names the method the interval used.
    @Test func replicateQuantileIntervalNoteNamesItsMethod() throws {
        let strat = RakeCommandTests.fixtures.appendingPathComponent("rsurvey/data/apistrat.csv").path
        let r = Barometer.execute(["estimate", strat, "--weights", "pw", "--strata", "stype", "--to-replicates", "jkn",
                                   "--quantile", "enroll:0.5", "--quantile-interval", "quantile"])
        #expect(r.exitCode == 0, "\(r.errors)")
        let text = r.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(!text.contains("Woodruff") && text.contains("the quantile re-estimated in every replicate"), "\(r.output)")
    }
}
