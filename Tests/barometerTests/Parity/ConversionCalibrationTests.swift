import Foundation
import Testing
@testable import barometer

/// Issue 14 item 1: `--to-replicates T` with `--poststratify`/`--rake` converts first and then
/// calibrates the full-sample weights and every replicate, as R's
/// `postStratify(as.svrepdesign(d, type = T), …)` / `rake(as.svrepdesign(d, type = T), …)`
/// (`parity.json` section `conversion`, R 4.2.2 + survey 4.1.1).
@Suite struct ConversionCalibrationTests {
    static let cases = ["strat_jkn_poststratify", "strat_jkn_rake", "clus1_jk1_poststratify", "clus1_jk1_rake"]

    @Test(arguments: cases)
    func convertThenCalibrateMatchesR(_ name: String) throws {
        let ref = try #require(try Parity.reference("conversion")[name] as? [String: Any])
        let flags = try #require(ref["flags"] as? [String])
        let method = try #require(ref["method"] as? String), margins = try #require(ref["margins"] as? String)
        let args = [Parity.data(try #require(ref["data"] as? String))] + flags + [
            "--to-replicates", try #require(ref["to_replicates"] as? String), "--\(method)", Parity.extra(margins),
            "--rake-epsilon", "1e-13", "--mean", "api00", "--total", "enroll"]
        let j = try Parity.estimate(method == "rake" ? args : args.filter { $0 != "--rake-epsilon" && $0 != "1e-13" })
        let want = try #require(ref["convert_then_calibrate"] as? [String: [String: Double]])
        let items = try #require(j["estimates"] as? [[String: Any]])
        for e in items {
            let v = try #require(e["variable"] as? String)
            Parity.expectClose(e["estimate"], want[v]?["estimate"], "\(name) \(v) estimate")
            Parity.expectClose(e["se"], want[v]?["se"], "\(name) \(v) SE")
        }
        #expect(items.count == 2)
        #expect((j["design"] as? [String: Any])?["degf"] as? Int == (ref["degf"] as? NSNumber)?.intValue)
    }

    /// Why case (issue 14): the total of enroll on apiclus1 converted to JK1 and post-stratified on
    /// stype. R: SE 473431.356779779 in R's order; 1021788.3671174892 (2.16×) if the weights are
    /// post-stratified before conversion — what barometer printed before.
    @Test func totalSEIsNotInflated() throws {
        let j = try Parity.estimate([
            Parity.data("apiclus1.csv"), "--weights", "pw", "--cluster", "dnum", "--fpc", "fpc", "--to-replicates", "jk1",
            "--poststratify", Parity.extra("api_margins_stype.csv"), "--total", "enroll"])
        let e = try #require((j["estimates"] as? [[String: Any]])?.first)
        Parity.expectClose(e["se"], 473431.356779779, "total enroll SE")
    }
}
