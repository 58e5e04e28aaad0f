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
        #expect(Set(json.keys) == ["design", "table", "tests"])
        let design = try #require(json["design"] as? [String: Any])
        #expect(design["kind"] as? String == "linearization" && design["degf"] as? Int == 197)
        let cells = try #require(json["table"] as? [[String: Any]])
        #expect(cells.count == 6)
        #expect(cells.allSatisfy { Set($0.keys) == ["row", "col", "proportion", "se"] })
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
    }

    @Test func textTableAndErrors() {
        let ok = Barometer.execute(["crosstab", Self.data, "--weights", "pw", "--row", "awards", "--col", "stype"])
        #expect(ok.exitCode == 0, "\(ok.errors)")
        #expect(ok.output.contains("Rao-Scott F = "))
        let unknown = Barometer.execute(["crosstab", Self.data, "--weights", "pw", "--row", "award", "--col", "stype"])
        #expect(unknown.exitCode == 1)
        #expect(unknown.errors.contains("did you mean 'awards'"))
        let same = Barometer.execute(["crosstab", Self.data, "--row", "stype", "--col", "stype"])
        #expect(same.exitCode == 2)
    }
}
