import Foundation
import Testing
@testable import barometer
import Survey

/// `barometer crosstab` end to end. Expected values: R `svychisq(~sch.wide + stype, dstrat)`
/// (`Tests/Fixtures/rsurvey-extra/chisq.R` → `chisq.json`, case `strat_sch.wide_stype`).
@Suite struct CrosstabCommandTests {
    static let data = RakeCommandTests.fixtures.appendingPathComponent("rsurvey/data/apistrat.csv").path

    @Test func jsonContractMatchesR() throws {
        let r = Barometer.execute([
            "crosstab", Self.data, "--weights", "pw", "--strata", "stype", "--fpc", "fpc", "--row", "sch.wide",
            "--col", "stype", "--format", "json",
        ])
        #expect(r.exitCode == 0, "\(r.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
        #expect(Set(json.keys) == ["design", "table", "tests", "margins"])
        let design = try #require(json["design"] as? [String: Any])
        #expect(design["kind"] as? String == "linearization" && design["degf"] as? Int == 197)
        let cells = try #require(json["table"] as? [[String: Any]])
        #expect(cells.count == 6)
        #expect(cells.allSatisfy { Set(["row", "col", "proportion", "se", "count", "row_proportion", "col_ci_upper"]).isSubset(of: $0.keys) })
        let tests = try #require(json["tests"] as? [[String: Any]])
        let f = try #require(tests.first { $0["name"] as? String == "rao_scott_f" })
        let c = try #require(tests.first { $0["name"] as? String == "rao_scott_chisq" })
        // R: F = 17.247443963888816, ndf 1.828671504163584, ddf 360.24828632022604, p 2.0350463594651288e-07;
        // Chisq p 3.232438416288581e-08 on 2 df (Pearson X² 26.753534035890773).
        func close(_ a: Any?, _ b: Double) -> Bool { abs(((a as? Double) ?? .nan) - b) <= 1e-9 * abs(b) }
        #expect(close(f["statistic"], 17.247443963888816))
        #expect(close(f["ndf"], 1.828671504163584))
        #expect(close(f["ddf"], 360.24828632022604))
        #expect(close(f["p_value"], 2.0350463594651288e-07))
        #expect(c["df"] as? Int == 2)
        #expect(close(c["p_value"], 3.232438416288581e-08))
        #expect(close(c["pearson"], 26.753534035890773))
        // R svychisq(statistic = "saddlepoint"): p 7.473163307865107e-07 (chisq.json).
        let s = try #require(tests.first { $0["name"] as? String == "rao_scott_saddlepoint" })
        #expect(close(s["statistic"], 26.753534035890773))
        #expect(close(s["p_value"], 7.473163307865107e-07), "\(s)")
        #expect((s["design_effects"] as? [Double])?.count == 2)
    }

    /// A level met only where the other variable is missing (every West row skipped fav) made the
    /// whole crosstab fail ("row level 'West' has zero weight in the table"); R keeps it as an
    /// all-zero row and `svychisq` gives F = NaN. It is now left out and named. Expected: R on the
    /// same rows with West set to NA (so the table is that of the levels observed together):
    ///   d <- read.csv(text = <the file below>, na.strings = ""); d$region[d$region == "West"] <- NA
    ///   d$region <- factor(d$region, levels = c("North", "South", "East")); d$fav <- factor(d$fav)
    ///   des <- svydesign(ids = ~1, weights = ~w, data = d)
    ///   svymean(~interaction(region, fav), des, na.rm = TRUE); svychisq(~region + fav, des)
    @Test func levelWithoutCompleteRowsIsLeftOutAndNamed() throws {
        let csv = """
            id,region,fav,w
            1,North,a,1.0
            2,North,b,2.0
            3,North,a,1.5
            4,South,a,1.0
            5,South,b,0.5
            6,South,b,2.5
            7,East,a,1.2
            8,East,b,0.8
            9,East,a,1.0
            10,West,,1.3
            11,West,,0.7
            12,North,,1.1

            """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("crosstab-west-\(UUID().uuidString).csv").path
        try Data(csv.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = Barometer.execute(["crosstab", path, "--weights", "w", "--row", "region", "--col", "fav", "--format", "json"])
        #expect(r.exitCode == 0, "\(r.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
        #expect(json["levels_without_rows"] as? [String] == ["region 'West'"])
        let cells = try #require(json["table"] as? [[String: Any]])
        // R's interaction order: North.a, South.a, East.a, North.b, South.b, East.b.
        let r_p = [0.217391304347826, 0.0869565217391304, 0.191304347826087, 0.173913043478261, 0.260869565217391, 0.0695652173913043]
        let r_se = [0.148672326607707, 0.0890301700344303, 0.133450222095435, 0.161143294065858, 0.188817746589307, 0.0725017510431816]
        let order = ["North a", "South a", "East a", "North b", "South b", "East b"]
        #expect(cells.count == 6)
        for (k, key) in order.enumerated() {
            let cell = try #require(cells.first { "\($0["row"] as? String ?? "") \($0["col"] as? String ?? "")" == key })
            #expect(abs((cell["proportion"] as? Double ?? .nan) - r_p[k]) < 1e-12, "\(key)")
            #expect(abs((cell["se"] as? Double ?? .nan) - r_se[k]) < 1e-12, "\(key)")
        }
        let tests = try #require(json["tests"] as? [[String: Any]])
        let f = try #require(tests.first { $0["name"] as? String == "rao_scott_f" })
        // R: F = 0.629066891516994, ndf 1.93500100676634, ddf 21.2850110744298, p 0.537663343195013.
        func close(_ a: Any?, _ b: Double) -> Bool { abs(((a as? Double) ?? .nan) - b) <= 1e-9 * abs(b) }
        #expect(close(f["statistic"], 0.629066891516994) && close(f["ndf"], 1.93500100676634))
        #expect(close(f["ddf"], 21.2850110744298) && close(f["p_value"], 0.537663343195013))
        let text = Barometer.execute(["crosstab", path, "--weights", "w", "--row", "region", "--col", "fav"])
        #expect(text.exitCode == 0)
        #expect(!text.output.split(separator: "\n").contains { $0.contains("West") && !$0.contains("Not in the table") })
        #expect((text.output + text.errors).contains("Not in the table: region 'West'"), "\(text.errors)")
    }

    @Test func textTableAndErrors() {
        let ok = Barometer.execute(["crosstab", Self.data, "--weights", "pw", "--row", "awards", "--col", "stype"])
        #expect(ok.exitCode == 0, "\(ok.errors)")
        #expect(ok.output.contains("Rao-Scott F = "))
        #expect(ok.output.contains("Saddlepoint: Pearson X²"))
        let unknown = Barometer.execute(["crosstab", Self.data, "--weights", "pw", "--row", "award", "--col", "stype"])
        #expect(unknown.exitCode == 1)
        #expect(unknown.errors.contains("did you mean 'awards'"))
        let same = Barometer.execute(["crosstab", Self.data, "--row", "stype", "--col", "stype"])
        #expect(same.exitCode == 2)
    }
}

/// `crosstab --percent/--banner` and the report JSON against R (`Tests/Fixtures/rsurvey-extra/crosstab.R`
/// → `crosstab.json`, case `strat_awards_stype`): counts, row and column percentages with logit
/// intervals, Wald tests and the banner's Holm-adjusted p-values, through the CLI.
@Suite struct CrosstabReportCommandTests {
    static func reference() throws -> [String: Any] {
        let json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: RakeCommandTests.fixtures.appendingPathComponent("rsurvey-extra/crosstab.json")))
        return try #require(((json as? [String: Any])?["cases"] as? [String: Any])?["strat_awards_stype"] as? [String: Any])
    }

    static func close(_ a: Any?, _ b: Any?) -> Bool {
        guard let x = (a as? NSNumber)?.doubleValue, let y = (b as? NSNumber)?.doubleValue else { return false }
        return abs(x - y) <= 1e-10 * abs(y)
    }

    @Test func reportJSONMatchesR() throws {
        let r = Barometer.execute([
            "crosstab", CrosstabCommandTests.data, "--weights", "pw", "--strata", "stype", "--fpc", "fpc", "--row", "awards",
            "--col", "stype", "--banner", "--format", "json",
        ])
        #expect(r.exitCode == 0, "\(r.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
        let ref = try Self.reference()
        let cells = try #require(json["table"] as? [[String: Any]])
        for want in try #require(ref["cells"] as? [[String: Any]]) {
            let got = try #require(cells.first { $0["row"] as? String == want["row"] as? String && $0["col"] as? String == want["col"] as? String })
            let row = try #require(want["row_percent"] as? [String: Any]), col = try #require(want["col_percent"] as? [String: Any])
            #expect(Self.close(got["count"], want["count"]) && Self.close(got["count_se"], want["count_se"]))
            #expect(Self.close(got["row_proportion"], row["estimate"]) && Self.close(got["row_se"], row["se"]))
            #expect(Self.close(got["row_ci_lower"], (row["ci"] as? [Double])?[0]) && Self.close(got["row_ci_upper"], (row["ci"] as? [Double])?[1]))
            #expect(Self.close(got["col_ci_lower"], (col["ci"] as? [Double])?[0]) && Self.close(got["col_ci_upper"], (col["ci"] as? [Double])?[1]))
        }
        let tests = try #require(json["tests"] as? [[String: Any]])
        for (name, key) in [("wald", "Wald"), ("adj_wald", "adjWald")] {
            let got = try #require(tests.first { $0["name"] as? String == name }), want = try #require(ref[key] as? [String: Any])
            #expect(Self.close(got["statistic"], want["statistic"]) && Self.close(got["p_value"], want["p_value"]), "\(name)")
            #expect(Self.close(got["ddf"], want["ddf"]))
        }
        let banner = try #require(json["banner"] as? [String: Any])
        #expect(banner["adjustment"] as? String == "holm")
        let pairs = try #require(banner["pairs"] as? [[String: Any]])
        for want in try #require(ref["banner"] as? [[String: Any]]) {
            // R orders columns E, H, M; the CLI keeps the file's order, so a pair may be reversed.
            let same = pairs.first { $0["row"] as? String == want["row"] as? String && $0["a"] as? String == want["a"] as? String && $0["b"] as? String == want["b"] as? String }
            let flipped = pairs.first { $0["row"] as? String == want["row"] as? String && $0["a"] as? String == want["b"] as? String && $0["b"] as? String == want["a"] as? String }
            let got = try #require(same ?? flipped)
            #expect(Self.close(got["adjusted_p_value"], want["holm"]) && Self.close(got["se"], want["se"]))
            let d = (got["difference"] as? Double ?? .nan) * (same == nil ? -1 : 1)
            #expect(abs(d - (want["difference"] as? Double ?? .nan)) <= 1e-10 * abs(want["difference"] as? Double ?? 1))
        }
    }

    @Test func bannerAndPercentViewsRender() {
        let base = ["crosstab", CrosstabCommandTests.data, "--weights", "pw", "--strata", "stype", "--fpc", "fpc", "--row", "awards", "--col", "stype"]
        let b = Barometer.execute(base + ["--banner", "--adjust", "bonferroni"])
        #expect(b.exitCode == 0, "\(b.errors)")
        #expect(b.output.contains("E (A)") && b.output.contains("Bonferroni-adjusted"))
        for view in ["row", "column", "counts"] {
            let r = Barometer.execute(base + ["--percent", view])
            #expect(r.exitCode == 0 && r.output.contains("Wald F = "), "\(view): \(r.errors)")
        }
        #expect(Barometer.execute(base + ["--banner", "--percent", "row"]).exitCode == 2)
        #expect(Barometer.execute(base + ["--alpha", "1.5"]).exitCode == 2)
    }
}
