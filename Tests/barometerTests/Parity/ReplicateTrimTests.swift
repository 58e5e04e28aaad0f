import Foundation
import Testing
@testable import barometer

/// `estimate … --to-replicates T [--rake FILE] --trim L,U [--trim-strict]`: the weights trimmed in
/// the full sample and in every replicate (over the rows the replicate keeps), against R
/// (`Tests/Fixtures/rsurvey-extra/trimrep.R` → `trimrep.json`: R `trimWeights` applied to the
/// full-sample weights and to each replicate's weights, then `svrepdesign` + `svymean`/`svytotal`).
@Suite struct ReplicateTrimTests {
    static func reference() throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Parity.extra("trimrep.json")))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static let names = ["strat_jkn_20_40", "strat_jkn_20_40_strict", "clus1_jk1_raked_25_45", "clus1_jk1_raked_30_50_strict"]

    @Test(arguments: names)
    func trimmedReplicatesMatchR(_ name: String) throws {
        let ref = try #require((try Self.reference()["cases"] as? [String: Any])?[name] as? [String: Any])
        let flags = try #require(ref["flags"] as? [String]).map { $0.hasSuffix(".csv") ? Parity.extra($0) : $0 }
        let trim = try #require(ref["trim"] as? [Double])
        let j = try Parity.estimate([Parity.data(try #require(ref["data"] as? String))] + flags
            + ["--trim", "\(trim[0]),\(trim[1])"] + (ref["strict"] as? Bool == true ? ["--trim-strict"] : [])
            + ["--mean", "api00,enroll", "--total", "enroll"])
        let estimates = try #require(j["estimates"] as? [[String: Any]])
        func element(_ statistic: String, _ variable: String) throws -> [String: Any] {
            try #require(estimates.first { $0["statistic"] as? String == statistic && $0["variable"] as? String == variable })
        }
        let m = try element("mean", "api00"), e = try element("mean", "enroll"), t = try element("total", "enroll")
        Parity.expectClose(m["estimate"], ref["mean_api00"], "\(name) mean api00")
        Parity.expectClose(m["se"], ref["se_mean_api00"], "\(name) SE mean api00")
        Parity.expectClose(e["estimate"], ref["mean_enroll"], "\(name) mean enroll")
        Parity.expectClose(e["se"], ref["se_mean_enroll"], "\(name) SE mean enroll")
        Parity.expectClose(t["estimate"], ref["total_enroll"], "\(name) total enroll")
        Parity.expectClose(t["se"], ref["se_total_enroll"], "\(name) SE total enroll")
        Parity.expectClose((j["design"] as? [String: Any])?["degf"], ref["degf"], "\(name) degf")
    }

    /// R 4.1.1's own `trimWeights` on a replicate design is not followed: on the clus1 JK1 design
    /// with [20, 40] (every full-sample weight 33.85 and every kept replicate weight 36.26 inside)
    /// it changes nothing that should change, yet raises the jackknife's zeros and scrambles the
    /// matrix (smallest replicate weight 31.2, SE 0.66 instead of 26.33, recorded in trimrep.json).
    /// barometer trims nothing here, so its SE is R's untrimmed jackknife SE.
    @Test func rTrimWeightsOnReplicatesIsNotFollowed() throws {
        let broken = try #require(try Self.reference()["r_svyrep_trimweights"] as? [String: Any])
        let untrimmed = try #require(broken["se_mean_api00_untrimmed"] as? Double)
        #expect(try #require(broken["se_mean_api00"] as? Double) < untrimmed / 10)
        #expect(try #require(broken["min_replicate_weight"] as? Double) > 0)
        let j = try Parity.estimate([Parity.data("apiclus1.csv"), "--weights", "pw", "--cluster", "dnum", "--fpc", "fpc",
                                     "--to-replicates", "jk1", "--trim", "20,40", "--mean", "api00"])
        Parity.expectClose((j["estimates"] as? [[String: Any]])?.first?["se"], untrimmed, "untouched jackknife SE")
    }

    /// Trimming that no replicate can take (every kept weight outside) is a data error naming the
    /// replicate; a bad --trim is a usage error.
    @Test func impossibleTrimmingIsAnError() {
        let base = [Parity.data("apiclus1.csv"), "--weights", "pw", "--cluster", "dnum", "--fpc", "fpc", "--to-replicates", "jk1",
                    "--mean", "api00"]
        let r = Barometer.execute(["estimate"] + base + ["--trim", "20,35"])
        #expect(r.exitCode == 1 && r.errors.contains("every weight is outside"), "\(r.errors)")
        let bad = Barometer.execute(["estimate"] + base + ["--trim", "40,20"])
        #expect(bad.exitCode == 2, "\(bad.errors)")
    }
}
