import Foundation
import Testing
@testable import barometer
import Survey

/// `barometer regress` with design flags: a design-based GLM whose coefficients and SEs match R
/// `svyglm` (`Tests/Fixtures/rsurvey-extra/glm.R` → `glm.json`, cases `strat_quasibinomial` and
/// `clus1_gaussian`).
@Suite struct RegressDesignCommandTests {
    static let strat = RakeCommandTests.fixtures.appendingPathComponent("rsurvey/data/apistrat.csv").path

    static func reference(_ name: String) throws -> [String: [String: Double]] {
        let json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: RakeCommandTests.fixtures.appendingPathComponent("rsurvey-extra/glm.json"))) as? [String: Any]
        return try #require(((json?["cases"] as? [String: Any])?[name] as? [String: Any])?["coefficients"] as? [String: [String: Double]])
    }

    static func check(_ args: [String], against name: String, model: String) throws {
        let r = Barometer.execute(args + ["--format", "json"])
        #expect(r.exitCode == 0, "\(r.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
        #expect(json["model"] as? String == model)
        let want = try reference(name)
        let coefs = try #require(json["coefficients"] as? [[String: Any]])
        #expect(coefs.count == want.count)
        for c in coefs {
            let term = try #require(c["term"] as? String), ref = try #require(want[term])
            let (est, se) = (c["estimate"] as? Double ?? .nan, c["se"] as? Double ?? .nan)
            #expect(abs(est - (ref["estimate"] ?? .nan)) <= 1e-9 * abs(ref["estimate"] ?? .nan), "\(name) \(term)")
            #expect(abs(se - (ref["se"] ?? .nan)) <= 1e-9 * (ref["se"] ?? .nan), "\(name) \(term) se")
        }
    }

    @Test func quasibinomialOnStratifiedDesign() throws {
        try Self.check(
            ["regress", Self.strat, "--y", "sch.wide", "--x", "ell,meals,mobility", "--weights", "pw", "--strata", "stype",
             "--fpc", "fpc", "--family", "quasibinomial"], against: "strat_quasibinomial", model: "svyglm_quasibinomial")
    }

    @Test func gaussianOnClusterDesign() throws {
        try Self.check(
            ["regress", RakeCommandTests.data, "--y", "api00", "--x", "ell,meals,mobility", "--weights", "pw",
             "--cluster", "dnum", "--fpc", "fpc"], against: "clus1_gaussian", model: "svyglm_gaussian")
    }

    @Test func usageErrors() {
        let r = Barometer.execute(["regress", Self.strat, "--y", "api00", "--x", "ell", "--family", "gamma"])
        #expect(r.exitCode == 2)
        let both = Barometer.execute(["regress", Self.strat, "--y", "api00", "--x", "ell", "--weights", "pw", "--precision-weights", "pw"])
        #expect(both.exitCode == 2 && both.errors.contains("--precision-weights"))
        let olsTest = Barometer.execute(["regress", Self.strat, "--y", "api00", "--x", "ell", "--anova"])
        #expect(olsTest.exitCode == 2)
        let badRef = Barometer.execute(["regress", Self.strat, "--y", "api00", "--x", "stype", "--weights", "pw", "--ref", "stype=Q"])
        #expect(badRef.exitCode == 1 && badRef.errors.contains("'Q' is not a level of 'stype'"))
        let badTerm = Barometer.execute(["regress", Self.strat, "--y", "api00", "--x", "stype", "--weights", "pw", "--test", "ell"])
        #expect(badTerm.exitCode == 1 && badTerm.errors.contains("no term 'ell'"))
        let three = Barometer.execute(["regress", Self.strat, "--y", "stype", "--x", "ell", "--weights", "pw", "--family", "binomial"])
        #expect(three.exitCode == 1)
        #expect(three.errors.contains("a binomial model needs two"))
    }
}
