import Foundation
import Testing
@testable import barometer
import Survey

/// `crosstab` on a replicate design whose table has an empty cell (apiclus1, JK1, awards × both:
/// no school has awards without both targets). The text table always worked; `--format json` and
/// every `--percent` failed with "every replicate gave an undefined estimate" because the empty
/// cell's 0 % has an undefined logit in every replicate. Expected values: R `survey` 4.1.1
/// (`Tests/Fixtures/rsurvey-extra/undefined.R` → `undefined.json`).
@Suite struct CrosstabUndefinedCommandTests {
    static let data = RakeCommandTests.fixtures.appendingPathComponent("rsurvey/data/apiclus1.csv").path
    static let command = ["crosstab", data, "--weights", "pw", "--cluster", "dnum", "--fpc", "fpc",
                          "--to-replicates", "jk1", "--row", "awards", "--col", "both"]

    static func close(_ a: Any?, _ b: Double) -> Bool { abs(((a as? Double) ?? .nan) - b) <= 1e-9 * abs(b) }

    @Test(arguments: [[], ["--percent", "row"], ["--percent", "column"], ["--percent", "cell"], ["--percent", "counts"]])
    func textAndEveryPercentViewSucceed(_ extra: [String]) {
        let r = Barometer.execute(Self.command + extra)
        #expect(r.exitCode == 0, "\(extra): \(r.errors)")
        #expect(!r.errors.contains("undefined estimate"))
        #expect(r.output.contains("awards × both"))
    }

    /// R: row awards=No, both=Yes: 0.056603773584905662, SE 0.038396419813944975, logit CI on the
    /// subset's df (its replicate weights' rank − 1) [0.007699721079895865, 0.3169162831490623]; the empty cell (awards=Yes,
    /// both=No): 0 with SE 0 and no interval (JSON null, the contract for undefined values).
    @Test func jsonCarriesEveryDefinedCellAndNullForTheUndefinedInterval() throws {
        let r = Barometer.execute(Self.command + ["--format", "json"])
        #expect(r.exitCode == 0, "\(r.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
        let cells = try #require(json["table"] as? [[String: Any]])
        #expect(cells.count == 4)
        let defined = try #require(cells.first { $0["row"] as? String == "No" && $0["col"] as? String == "Yes" })
        #expect(Self.close(defined["row_proportion"], 0.056603773584905662))
        #expect(Self.close(defined["row_se"], 0.038396419813944975))
        #expect(Self.close(defined["row_ci_lower"], 0.007699721079895865))
        #expect(Self.close(defined["row_ci_upper"], 0.3169162831490623))
        #expect(Self.close(defined["se"], 0.011553992819736226))
        let empty = try #require(cells.first { $0["row"] as? String == "Yes" && $0["col"] as? String == "No" })
        #expect(empty["row_proportion"] as? Double == 0 && empty["row_se"] as? Double == 0)
        #expect(empty["row_ci_lower"] is NSNull && empty["row_ci_upper"] is NSNull)
        #expect(empty["ci_lower"] is NSNull && empty["col_ci_upper"] is NSNull)
    }

    /// `estimate --by cname` on the JK1 design: Los Angeles keeps all 15 replicates although eight
    /// other counties are empty in one each; R `svyby(~api00, ~cname, rd, svymean)`: SE
    /// 84.347571866855191 (it was 81.96, every replicate with any empty county dropped).
    @Test func estimateByADomainEmptyInSomeReplicatesMatchesR() throws {
        let r = Barometer.execute(["estimate", Self.data, "--weights", "pw", "--cluster", "dnum", "--fpc", "fpc",
                                   "--to-replicates", "jk1", "--mean", "api00", "--by", "cname", "--format", "json"])
        #expect(r.exitCode == 0, "\(r.errors)")
        #expect(r.output.contains("84.34757186685"), "\(r.output.prefix(2000))")
    }
}

/// `estimate --quantile-interval quantile` (R `svyquantile(interval.type = "quantile")`): replicate
/// designs only — a linearization design is a usage error (exit 2); on apiclus1 JK1 the median's SE
/// is R's 43.41162185836189 (`quantile_rep.json`, case `clus1_jk1_api00_math`).
@Suite struct ReplicateQuantileCommandTests {
    static let design = ["estimate", CrosstabUndefinedCommandTests.data, "--weights", "pw", "--cluster", "dnum", "--fpc", "fpc"]

    @Test func replicateDesignsOnly() {
        let bad = Barometer.execute(Self.design + ["--quantile", "api00:0.5", "--quantile-interval", "quantile"])
        #expect(bad.exitCode == 2)
        #expect(bad.errors.contains("needs a replicate design"))
        let ok = Barometer.execute(Self.design + ["--to-replicates", "jk1", "--quantile", "api00:0.5",
                                                  "--quantile-interval", "quantile", "--format", "json"])
        #expect(ok.exitCode == 0, "\(ok.errors)")
        #expect(ok.output.contains("43.4116218583"), "\(ok.output.prefix(1500))")
    }
}
