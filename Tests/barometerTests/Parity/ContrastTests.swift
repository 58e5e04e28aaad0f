import Foundation
import Testing
@testable import barometer

/// Issue 14 item 2 against R `survey` 4.1.1 (`parity.json`): `--contrast` as `svycontrast` of
/// `svyby(…, covmat = TRUE)` domain means/totals and of proportion levels (t, p and CI on the
/// design's df, `degf(d)`); `--ttest` as `svyttest` (df = degf − 1); `--versus` as two independent
/// samples (SE = √(SE₁² + SE₂²), Welch–Satterthwaite df from the two designs' df).
@Suite struct ContrastTests {
    static let keys = ["estimate", "se", "df", "t", "p_value", "ci_lower", "ci_upper"]

    static func names(_ section: String) -> [String] {
        ((try? Parity.reference(section)) ?? [:]).keys.sorted()
    }

    /// Runs case `name` of `section` (data, flags, args) and compares its one comparison with R's.
    static func expectOneComparison(_ section: String, _ name: String, dfRule: String) throws {
        let ref = try #require(try Parity.reference(section)[name] as? [String: Any])
        let j = try Parity.estimate([Parity.data(try #require(ref["data"] as? String))]
            + (try #require(ref["flags"] as? [String])) + (try #require(ref["args"] as? [String])))
        let results = try #require(j["contrasts"] as? [[String: Any]])
        #expect(results.count == 1, "\(name): \(results.count) results")
        let r = try #require(results.first)
        for k in Self.keys { Parity.expectClose(r[k], ref[k], "\(name) \(k)") }
        #expect(r["df_rule"] as? String == dfRule)
    }

    @Test(arguments: names("contrasts"))
    func contrastMatchesSvycontrast(_ name: String) throws {
        try Self.expectOneComparison("contrasts", name, dfRule: "design")
    }

    @Test(arguments: names("ttests"))
    func ttestMatchesSvyttest(_ name: String) throws {
        let ref = try #require(try Parity.reference("ttests")[name] as? [String: Any])
        let j = try Parity.estimate([Parity.data(try #require(ref["data"] as? String))]
            + (try #require(ref["flags"] as? [String])) + (try #require(ref["args"] as? [String])))
        let r = try #require((j["contrasts"] as? [[String: Any]])?.first)
        for k in Self.keys { Parity.expectClose(r[k], ref[k], "\(name) \(k)") }
        #expect(r["df_rule"] as? String == "design-1")
    }

    /// One-sample `--ttest VAR[=MU]` as R `svyttest(I(VAR - MU) ~ 0, d)` (also on a JK1 design and
    /// within `--where`, R's `subset`): estimate, SE, t, df = degf − 1, p and 95% CI.
    @Test(arguments: names("ttests_one"))
    func oneSampleTtestMatchesSvyttest(_ name: String) throws {
        try Self.expectOneComparison("ttests_one", name, dfRule: "design-1")
    }

    @Test(arguments: names("two_files"))
    func versusMatchesIndependentSamples(_ name: String) throws {
        let ref = try #require(try Parity.reference("two_files")[name] as? [String: Any])
        let meta = try Parity.reference("two_files_meta")
        let files = try #require(meta["files"] as? [String]), flags = try #require(meta["flags"] as? [String])
        let j = try Parity.estimate([Parity.data(files[0])] + flags + (try #require(ref["args"] as? [String]))
            + ["--versus", Parity.data(files[1])])
        let results = try #require(j["contrasts"] as? [[String: Any]])
        let level = ref["level"] as? String, domain = ref["domain"] as? String
        let r = try #require(results.first { r in
            let within = r["within"] as? String
            return level.map { within == $0 } ?? domain.map { within == "stype=\($0)" } ?? (within == nil)
        }, "\(name): no matching difference in \(results)")
        for k in Self.keys { Parity.expectClose(r[k], ref[k], "\(name) \(k)") }
        #expect(r["df_rule"] as? String == "welch-satterthwaite")
        // The two files' own estimates, as R's svymean on each design.
        func element(_ list: Any?) -> [String: Any]? {
            (list as? [[String: Any]])?.first { e in
                level.map { e["level"] as? String == $0 } ?? domain.map { ($0 == (e["domain"] as? [String: Any])?["value"] as? String) } ?? true
            }
        }
        let first = element(j["estimates"]), second = element((j["versus"] as? [String: Any])?["estimates"])
        Parity.expectClose(first?["se"], ref["first_se"], "\(name) first file SE")
        Parity.expectClose(second?["se"], ref["second_se"], "\(name) second file SE")
        Parity.expectClose(first?["df"], ref["first_df"], "\(name) first file df")
        Parity.expectClose(second?["df"], ref["second_df"], "\(name) second file df")
    }

    @Test func badContrastsAreUsageErrors() {
        let base = [Parity.data("apistrat.csv"), "--weights", "pw", "--strata", "stype", "--mean", "api00"]
        #expect(Barometer.execute(["estimate"] + base + ["--contrast", "E-H"]).exitCode == 2)   // no --by
        #expect(Barometer.execute(["estimate"] + base + ["--by", "stype", "--contrast", "E-*H"]).exitCode == 2)
        #expect(Barometer.execute(["estimate"] + base + ["--ttest", "api00:"]).exitCode == 2)
        let mu = Barometer.execute(["estimate"] + base + ["--ttest", "api00=abc"])
        #expect(mu.exitCode == 2 && mu.errors.contains("VAR=MU with MU a number"), "\(mu.errors)")
        let by = Barometer.execute(["estimate"] + base + ["--ttest", "api00=600", "--by", "stype"])
        #expect(by.exitCode == 2 && by.errors.contains("not with --by"), "\(by.errors)")
        let versus = Barometer.execute(["estimate"] + base + ["--ttest", "api00=600", "--versus", Parity.data("apiclus1.csv")])
        #expect(versus.exitCode == 2)
        let missing = Barometer.execute(["estimate"] + base + ["--ttest", "nosuch=1"])
        #expect(missing.exitCode == 1 && missing.errors.contains("nosuch"), "\(missing.errors)")
        let unknown = Barometer.execute(["estimate"] + base + ["--by", "stype", "--contrast", "E-X"])
        #expect(unknown.exitCode == 1 && unknown.errors.contains("E-X"))
    }
}
