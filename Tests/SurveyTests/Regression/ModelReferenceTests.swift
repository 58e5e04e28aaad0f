import Foundation
import Testing
import Survey

/// Issue 15's survey models against R (`Tests/Fixtures/rsurvey-extra/models.R` → `models.json`,
/// survey 4.1.1): sampling weights alone (svyglm on `svydesign(id=~1, weights=~pw)`), factor
/// predictors with R's treatment contrasts and names, interactions, `--ref`, poisson and
/// quasipoisson on linearization and JK1 designs, odds/rate ratios with `confint.svyglm`
/// intervals, and `regTermTest` Wald F tests — every number at ≤ 1e-10 relative (`CalibrationFixtures.tolerance`).
@Suite struct ModelReferenceTests {
    struct Case: Sendable, CustomStringConvertible {
        let name: String, data: String, design: String, response: String, terms: [String]
        var family: GLMFamily = .gaussian
        var references: [String: String] = [:]
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "weights_only", data: "apistrat.csv", design: "weights", response: "api00", terms: ["ell", "meals", "mobility"]),
        Case(name: "factor_interaction", data: "apistrat.csv", design: "strat", response: "api00", terms: ["stype*ell", "meals"]),
        Case(name: "factor_reference", data: "apistrat.csv", design: "strat", response: "api00", terms: ["ell", "ell:stype", "meals"],
             references: ["stype": "M"]),
        Case(name: "factor_no_margin", data: "apistrat.csv", design: "strat", response: "api00", terms: ["meals", "stype:ell"]),
        Case(name: "factor_binomial_clus1", data: "apiclus1.csv", design: "clus1", response: "sch.wide",
             terms: ["stype", "ell", "meals"], family: .quasibinomial),
        Case(name: "factor_jk1", data: "apiclus1.csv", design: "jk1", response: "api00", terms: ["stype*ell"]),
        Case(name: "poisson_strat", data: "apistrat.csv", design: "strat", response: "api.stu", terms: ["stype", "meals"], family: .poisson),
        Case(name: "quasipoisson_strat", data: "apistrat.csv", design: "strat", response: "api.stu", terms: ["stype", "meals"],
             family: .quasipoisson),
        Case(name: "poisson_clus1", data: "apiclus1.csv", design: "clus1", response: "api.stu", terms: ["stype", "meals"], family: .poisson),
        Case(name: "quasipoisson_jk1", data: "apiclus1.csv", design: "jk1", response: "api.stu", terms: ["stype", "meals"],
             family: .quasipoisson),
        Case(name: "binomial_strat_or", data: "apistrat.csv", design: "strat", response: "sch.wide", terms: ["stype", "ell"],
             family: .quasibinomial),
    ]

    /// The designs of models.R: `svydesign(id=~1, weights=~pw)`, stratified (strata stype, fpc),
    /// one-stage cluster (dnum, fpc) and its JK1 replicates.
    static func design(_ kind: String, _ t: Table) throws -> any Design {
        switch kind {
        case "weights": return try SurveyDesign(rows: t.rowCount, weights: t.column(named: "pw"))
        case "strat":
            return try SurveyDesign(rows: t.rowCount, weights: t.column(named: "pw"), strata: t.column(named: "stype"),
                                    fpc: [t.column(named: "fpc")])
        default:
            let d = try SurveyDesign(rows: t.rowCount, weights: t.column(named: "pw"), clusters: [t.column(named: "dnum")],
                                     fpc: [t.column(named: "fpc")])
            return kind == "jk1" ? try d.replicateDesign(.jk1) : d
        }
    }

    static func models() throws -> [String: Any] { try CalibrationFixtures.json("models.json") }

    static func fit(_ c: Case) throws -> DesignGLMFit {
        let t = try CalibrationFixtures.data(c.data)
        let spec = RegressionSpecification(response: c.response, predictors: c.terms, references: c.references)
        return try fitDesignGLM(spec, table: t, design: design(c.design, t), family: c.family)
    }

    @Test(arguments: cases)
    func svyglmMatchesR(_ c: Case) throws {
        let ref = try #require((Self.models()["cases"] as? [String: Any])?[c.name] as? [String: Any])
        let fit = try Self.fit(c)
        // R's term names and order (treatment contrasts, interactions after main effects).
        #expect(fit.termNames == ref["coefficient_names"] as? [String])
        #expect(fit.dfResidual == ref["df_residual"] as? Int)
        let coefs = try #require(ref["coefficients"] as? [String: [String: Any]])
        let report = RegressionReport(fit, response: c.response)
        let ratios = report.exponentiating()
        // R writes exp() beyond the double range as null (Inf): then barometer's must be Inf too.
        func rel(_ a: Double, _ b: Any?, _ what: String) -> Double {
            guard let b = b as? Double else { return a.isFinite ? .infinity : 0 }
            return CalibrationFixtures.agreement("svyglm \(c.family.rawValue) (models) \(what)", a, b)
        }
        for (j, row) in report.coefficients.enumerated() {
            let r = try #require(coefs[row.term], "no R coefficient \(row.term)")
            #expect(rel(row.estimate, r["estimate"], "coefficient") <= CalibrationFixtures.tolerance, "\(c) \(row.term) estimate")
            #expect(rel(row.se, r["se"], "SE") <= CalibrationFixtures.tolerance, "\(c) \(row.term) se \(row.se)")
            #expect(rel(row.statistic, r["t"], "t") <= CalibrationFixtures.tolerance, "\(c) \(row.term) t")
            #expect(rel(row.pValue, r["p_value"], "p-value") <= CalibrationFixtures.tolerance, "\(c) \(row.term) p")
            #expect(rel(row.ciLower, r["ci_lower"], "CI") <= CalibrationFixtures.tolerance && rel(row.ciUpper, r["ci_upper"], "CI") <= CalibrationFixtures.tolerance)
            let e = ratios.coefficients[j]
            #expect(rel(e.estimate, r["exp_estimate"], "exp(coefficient)") <= CalibrationFixtures.tolerance, "\(c) \(row.term) exp")
            #expect(rel(e.ciLower, r["exp_ci_lower"], "exp(CI)") <= CalibrationFixtures.tolerance && rel(e.ciUpper, r["exp_ci_upper"], "exp(CI)") <= CalibrationFixtures.tolerance)
        }
    }

    static let termTestCases: [(String, Int)] = [("factor_interaction", 1), ("poisson_strat", 6), ("quasipoisson_jk1", 9)]

    /// `regTermTest(model, ~terms)` (Wald): F, numerator and denominator df, p.
    @Test(arguments: termTestCases)
    func regTermTestMatchesR(_ name: String, _ index: Int) throws {
        let tests = try #require((Self.models()["term_tests"] as? [String: Any])?[name] as? [String: [String: Any]])
        let fit = try Self.fit(Self.cases[index])
        #expect(Self.cases[index].name == name)
        for (label, r) in tests {
            let t = try fit.waldTest(label.components(separatedBy: " + "))
            #expect(CalibrationFixtures.agreement("regTermTest F", t.f, r["F"] as? Double ?? .nan) <= CalibrationFixtures.tolerance, "\(name) \(label) F \(t.f)")
            #expect(CalibrationFixtures.agreement("regTermTest p", t.pValue, r["p_value"] as? Double ?? .nan) <= CalibrationFixtures.tolerance, "\(name) \(label) p")
            #expect(t.df == r["df"] as? Int && t.ddf == r["ddf"] as? Int, "\(name) \(label) df")
        }
        // The analysis-of-terms table is the single-term tests, in the model's term order.
        let table = try fit.termTests()
        #expect(table.map(\.terms) == fit.termLabels)
        if let stype = table.first(where: { $0.terms == "stype" }), let r = tests["stype"] {
            #expect(CalibrationFixtures.agreement("regTermTest F", stype.f, r["F"] as? Double ?? .nan) <= CalibrationFixtures.tolerance)
        }
    }

    @Test func unknownTermAndReferenceAreErrors() throws {
        let fit = try Self.fit(Self.cases[1])
        #expect(throws: DesignError.self) { try fit.waldTest(["awards"]) }
        let t = try CalibrationFixtures.data("apistrat.csv")
        let spec = RegressionSpecification(response: "api00", predictors: ["stype"], references: ["stype": "X"])
        #expect(throws: DataError.self) { try spec.design(from: t) }
    }
}
