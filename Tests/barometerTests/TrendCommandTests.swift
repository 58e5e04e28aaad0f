import Foundation
import Testing
@testable import barometer

/// `barometer trend` and `compare` end to end on the constructed test series
/// (`Tests/Fixtures/trends/constructed-series.csv`, labelled there as constructed, not published).
@Suite struct TrendCommandTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/trends/constructed-series.csv").path

    func json(_ args: [String]) throws -> [String: Any] {
        let r = Barometer.execute(args + ["--format", "json"])
        #expect(r.exitCode == 0, "\(r.errors)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
    }

    /// DESIGN.md §3 "Trend" keys for every model.
    @Test(arguments: ["linear", "quadratic", "logit", "segmented", "local-trend"])
    func trendJSONHasTheContractKeys(model: String) throws {
        let o = try json(["trend", "--series", Self.file, "--country", "KZ", "--model", model])
        for key in ["model", "series", "slope_per_year", "slope_se", "slope_ci", "p_value", "fitted", "breakpoint"] {
            #expect(o[key] != nil, "\(model): missing \(key)")
        }
        #expect(o["model"] as? String == model)
        let fitted = try #require(o["fitted"] as? [[String: Any]])
        #expect(fitted.count == 10)
        #expect(fitted.allSatisfy { $0["wave"] != nil && $0["date"] != nil && $0["ci_lower"] is Double })
        if model == "segmented" { #expect(o["breakpoint"] is [String: Any]) }
    }

    /// The 2020 mode change as a level shift; the break is reported with its Wald test.
    @Test func knownBreakIsALevelShift() throws {
        let o = try json(["trend", "--series", Self.file, "--country", "KZ", "--model", "segmented", "--break", "2020"])
        let b = try #require(o["breakpoint"] as? [String: Any])
        #expect(b["kind"] as? String == "level-shift")
        #expect((b["change"] as? [String: Any])?["estimate"] as? Double ?? 0 < 0)
    }

    @Test func errorsHaveTheRightExitCodes() {
        let outside = Barometer.execute(["trend", "--series", Self.file, "--country", "KZ", "--model", "segmented", "--break", "2030"])
        // A break date or wave the series do not have is what the user asked for: bad usage, 2.
        #expect(outside.exitCode == 2 && outside.errors.contains("outside the series"))
        let usage = Barometer.execute(["trend", "--series", Self.file, "--model", "linear", "--break", "2020"])
        #expect(usage.exitCode == 2)
        let noWave = Barometer.execute(["compare", "--series", Self.file, "--country", "KZ", "--from", "2015", "--to", "2020-autumn"])
        #expect(noWave.exitCode == 2 && noWave.errors.contains("its waves:"))
        let neither = Barometer.execute(["compare", "--series", Self.file])
        #expect(neither.exitCode == 2)
    }

    /// 57% → 49%, n = 1500, deff 1.6 each: SE = √((.57·.43 + .49·.51)·1.6/1500) = 0.022966…,
    /// difference −0.08 (hand calculation; see CompareTests for the formula's check).
    @Test func compareWaves() throws {
        let o = try json(["compare", "--series", Self.file, "--country", "KZ", "--from", "2019-autumn", "--to", "2020-autumn"])
        let c = try #require((o["comparisons"] as? [[String: Any]])?.first)
        let se = ((0.57 * 0.43 + 0.49 * 0.51) * 1.6 / 1500).squareRoot()
        #expect(abs((c["difference"] as? Double ?? 0) + 0.08) < 1e-12)
        #expect(abs((c["se"] as? Double ?? 0) - se) < 1e-12)
    }

    /// Net from favorable/unfavorable rows: var = (p_f + p_u − (p_f − p_u)²)·deff/n per wave.
    @Test func compareNetUsesMultinomialVariance() throws {
        let o = try json(["compare", "--series", Self.file, "--country", "KZ", "--measure", "net",
                          "--from", "2017-spring", "--to", "2022-autumn"])
        let c = try #require((o["comparisons"] as? [[String: Any]])?.first)
        let v1 = (0.62 + 0.25 - 0.37 * 0.37) * 1.6 / 1500, v2 = (0.45 + 0.40 - 0.05 * 0.05) * 1.6 / 1500
        #expect(abs((c["se"] as? Double ?? 0) - (v1 + v2).squareRoot()) < 1e-12)
        #expect(abs((c["difference"] as? Double ?? 0) + 0.32) < 1e-12)
    }

    @Test func compareCountries() throws {
        let o = try json(["compare", "--series", Self.file, "--country", "KZ,UZ", "--wave", "2021-spring"])
        let c = try #require((o["comparisons"] as? [[String: Any]])?.first)
        #expect(abs((c["difference"] as? Double ?? 0) - 0.17) < 1e-12)
    }

    @Test func textOutputIsATable() {
        let r = Barometer.execute(["trend", "--series", Self.file, "--country", "KZ", "--model", "logit"])
        #expect(r.exitCode == 0)
        #expect(r.output.contains("Slope at the last wave") && r.output.contains("2022-autumn"))
    }
}

/// `chart --trend MODEL` draws the fitted grid (the render helper's hook, wired to the trend models).
@Suite struct ChartTrendHookTests {
    @Test(arguments: ["linear", "logit", "local-trend", "segmented"])
    func chartDrawsTheTrend(model: String) {
        let r = Barometer.execute(["chart", "--series", TrendCommandTests.file, "--country", "KZ", "--measure", "favorable",
                                   "--trend", model, "--width", "60", "--height", "10", "--color", "never"])
        #expect(r.exitCode == 0, "\(r.errors)")
        #expect(r.output.contains("trend: \(model)"))
    }

    @Test func unknownTrendModelIsUsage() {
        let r = Barometer.execute(["chart", "--series", TrendCommandTests.file, "--country", "KZ", "--trend", "spline"])
        #expect(r.exitCode == 2)
    }
}
