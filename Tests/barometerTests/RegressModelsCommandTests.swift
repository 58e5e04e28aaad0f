import Foundation
import Testing
@testable import barometer
import Survey

/// `barometer regress` as issue 15 asks, against R (`Tests/Fixtures/rsurvey-extra/models.R` →
/// `models.json`): `--weights` alone is a sampling weight (svyglm's sandwich SEs, not WLS),
/// `--precision-weights` is model-based WLS (R `lm(weights=)`), and the output says which;
/// factor predictors, `--ref`, `a*b`, `--family poisson --exp`, `--test` and `--anova`.
@Suite struct RegressModelsCommandTests {
    static let strat = RegressDesignCommandTests.strat

    static func reference(_ name: String) throws -> [String: [String: Any]] {
        let json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: RakeCommandTests.fixtures.appendingPathComponent("rsurvey-extra/models.json"))) as? [String: Any]
        return try #require(((json?["cases"] as? [String: Any])?[name] as? [String: Any])?["coefficients"] as? [String: [String: Any]])
    }

    static func json(_ args: [String]) throws -> [String: Any] {
        let r = Barometer.execute(args + ["--format", "json"])
        #expect(r.exitCode == 0, "\(r.errors)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
    }

    /// Every coefficient's `key` (estimate, se, or the exp columns) within 1e-8 of R.
    static func check(_ json: [String: Any], _ name: String, estimate: String = "estimate", lower: String? = nil) throws {
        let want = try reference(name)
        let coefs = try #require(json["coefficients"] as? [[String: Any]])
        #expect(coefs.map { $0["term"] as? String ?? "" }.sorted() == want.keys.sorted())
        for c in coefs {
            let term = try #require(c["term"] as? String), r = try #require(want[term])
            for (mine, theirs) in [("estimate", estimate), ("se", "se")] + (lower.map { [("ci_lower", $0)] } ?? []) {
                let (a, b) = (c[mine] as? Double ?? .nan, r[theirs] as? Double ?? .nan)
                #expect(abs(a - b) <= 1e-8 * abs(b), "\(name) \(term) \(mine) \(a) vs \(b)")
            }
        }
    }

    @Test func samplingWeightsAloneAreDesignBased() throws {
        let args = ["regress", Self.strat, "--y", "api00", "--x", "ell,meals,mobility", "--weights", "pw"]
        let json = try Self.json(args)
        #expect(json["model"] as? String == "svyglm_gaussian")
        try Self.check(json, "weights_only")
        let text = Barometer.execute(args)
        #expect(text.output.contains("design-based sandwich (linearization) SEs, sampling weights 'pw'"))
    }

    @Test func precisionWeightsAreModelBasedWLS() throws {
        let args = ["regress", Self.strat, "--y", "api00", "--x", "ell,meals,mobility", "--precision-weights", "pw"]
        let json = try Self.json(args)
        #expect(json["model"] as? String == "wls")
        try Self.check(json, "precision_weights")
        #expect(Barometer.execute(args).output.contains("model-based weighted least squares, precision weights 'pw'"))
    }

    @Test func factorsInteractionsAndReference() throws {
        // Without design flags a categorical predictor is an OLS factor (R lm(api00 ~ stype + ell)).
        try Self.check(try Self.json(["regress", Self.strat, "--y", "api00", "--x", "stype,ell"]), "ols_factor")
        try Self.check(try Self.json(["regress", Self.strat, "--y", "api00", "--x", "stype*ell,meals", "--weights", "pw",
                                      "--strata", "stype", "--fpc", "fpc"]), "factor_interaction")
        try Self.check(try Self.json(["regress", Self.strat, "--y", "api00", "--x", "ell,ell:stype,meals", "--ref", "stype=M",
                                      "--weights", "pw", "--strata", "stype", "--fpc", "fpc"]), "factor_reference")
    }

    @Test func poissonRateRatios() throws {
        let json = try Self.json(["regress", Self.strat, "--y", "api.stu", "--x", "stype,meals", "--weights", "pw",
                                  "--strata", "stype", "--fpc", "fpc", "--family", "poisson", "--exp"])
        #expect(json["exponentiated"] as? Bool == true)
        try Self.check(json, "poisson_strat", estimate: "exp_estimate", lower: "exp_ci_lower")
    }

    @Test func termTestsAndAnalysisOfTerms() throws {
        let args = ["regress", Self.strat, "--y", "api00", "--x", "stype*ell,meals", "--weights", "pw", "--strata", "stype",
                    "--fpc", "fpc", "--anova", "--test", "stype+stype:ell"]
        let json = try Self.json(args)
        let tests = try #require(json["term_tests"] as? [[String: Any]])
        #expect(tests.map { $0["terms"] as? String ?? "" } == ["stype", "ell", "meals", "stype:ell", "stype + stype:ell"])
        // regTermTest(m, ~stype + stype:ell): F = 41.14251814522041 on (4, 191) (models.json).
        let last = try #require(tests.last)
        #expect(abs((last["F"] as? Double ?? .nan) - 41.14251814522041) <= 1e-8 * 41.14251814522041)
        #expect(last["df"] as? Int == 4 && last["ddf"] as? Int == 191)
        #expect(Barometer.execute(args).output.contains("Wald tests of terms"))
    }

    /// `--family ordinal` on the api ordered response (models.json `ordinal_clus1`): slopes and
    /// thresholds as svyolr, the term tests, the category probabilities by stype; and `--levels`
    /// giving the order of a text response (here the reverse order, which negates every slope and
    /// the thresholds in reverse: ζ'k = −ζ(K−k), a check by hand of the parameterization).
    @Test func ordinalModel() throws {
        let file = RakeCommandTests.fixtures.appendingPathComponent("rsurvey-extra/apiclus1_mealcat.csv").path
        let args = ["regress", file, "--y", "mealcat", "--x", "stype,ell,mobility", "--weights", "pw", "--cluster", "dnum",
                    "--fpc", "fpc", "--family", "ordinal", "--margins-by", "stype", "--anova"]
        let json = try Self.json(args)
        #expect(json["model"] as? String == "svyolr")
        let want = try Self.reference("ordinal_clus1")
        let coefs = try #require(json["coefficients"] as? [[String: Any]])
        #expect(coefs.map { $0["term"] as? String ?? "" } == ["stypeH", "stypeM", "ell", "mobility", "1|2", "2|3", "3|4"])
        for c in coefs {
            let term = try #require(c["term"] as? String), r = try #require(want[term])
            for key in ["estimate", "se"] {
                let (a, b) = (c[key] as? Double ?? .nan, r[key] as? Double ?? .nan)
                #expect(abs(a - b) <= 1e-8 * abs(b), "ordinal \(term) \(key)")
            }
        }
        let margins = try #require((json["predicted_margins"] as? [String: Any])?["rows"] as? [[String: Any]])
        #expect(margins.count == 12 && margins.first?["category"] as? String == "1")
        // Notes wrap at 80 columns (issue 12): read them with the line breaks undone.
        let text = Barometer.execute(args).output.replacingOccurrences(of: "\n  ", with: " ")
        #expect(text.contains("Predicted category probabilities by stype") && text.contains("categories 1 < 2 < 3 < 4"))

        let reversed = try Self.json(args + ["--levels", "4,3,2,1"])
        let rc = try #require(reversed["coefficients"] as? [[String: Any]])
        #expect(rc.map { $0["term"] as? String ?? "" } == ["stypeH", "stypeM", "ell", "mobility", "4|3", "3|2", "2|1"])
        let original = coefs.map { $0["estimate"] as? Double ?? .nan }, flipped = rc.map { $0["estimate"] as? Double ?? .nan }
        for j in 0..<4 { #expect(abs(flipped[j] + original[j]) <= 1e-9 * abs(original[j])) }
        for k in 0..<3 { #expect(abs(flipped[4 + k] + original[6 - k]) <= 1e-9 * abs(original[6 - k])) }
        let bad = Barometer.execute(args + ["--levels", "1,2,5"])
        #expect(bad.exitCode == 1 && bad.errors.contains("'5' is not a value of 'mealcat'"))
    }
}
