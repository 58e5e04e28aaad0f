import Foundation
import Testing
import Survey

/// GLM and WLS against R 4.2.2 `glm`/`lm`: `Tests/Fixtures/glm/make.R` generates the seeded
/// synthetic data (`data.csv`) and the reference values (`reference.csv`, 17 significant digits,
/// glm run with epsilon 1e-14). Tolerance 1e-8 relative.
@Suite struct GLMTests {
    struct Case: Sendable, CustomStringConvertible {
        let name: String, response: String, family: GLMFamily, weights: String?
        /// y ~ x1 + x1² instead of y ~ x1 + x2 (exercises the centred polynomial basis).
        var quadratic = false
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "gaussian", response: "yg", family: .gaussian, weights: "w"),
        Case(name: "binomial_trials", response: "prop", family: .binomial, weights: "trials"),
        Case(name: "binomial_binary", response: "binary", family: .binomial, weights: nil),
        Case(name: "binomial_neff", response: "prop", family: .binomial, weights: "neff"),
        Case(name: "poisson", response: "count", family: .poisson, weights: nil),
        Case(name: "quasibinomial", response: "prop", family: .quasibinomial, weights: "trials"),
        Case(name: "quasipoisson", response: "count", family: .quasipoisson, weights: nil),
        Case(name: "binomial_quadratic", response: "prop", family: .binomial, weights: "trials", quadratic: true),
    ]

    @Test(arguments: cases)
    func matchesR(_ c: Case) throws {
        let data = try GLMReference.data()
        let ref = try GLMReference.values(model: c.name)
        let model = GeneralizedLinearModel(
            response: data[c.response] ?? [],
            terms: c.quadratic
                ? [.intercept] + DesignTerm.polynomial("x1", data["x1"] ?? [], degree: 2)
                : [.intercept, .variable("x1", data["x1"] ?? []), .variable("x2", data["x2"] ?? [])],
            family: c.family, priorWeights: c.weights.flatMap { data[$0] }, responseName: c.response)
        let fit = try model.fit()
        for (j, ours) in fit.termNames.enumerated() {
            let term = ours == "x1^2" ? "I(x1^2)" : ours   // R's name for the same term
            expectClose(fit.coefficients[j], ref["estimate", term], "\(c.name) estimate \(term)")
            expectClose(fit.standardErrors[j], ref["se", term], "\(c.name) se \(term)")
        }
        expectClose(fit.deviance, ref["deviance"], "\(c.name) deviance")
        expectClose(fit.nullDeviance, ref["null_deviance"], "\(c.name) null deviance")
        expectClose(fit.dispersion, ref["dispersion"], "\(c.name) dispersion")
        #expect(Double(fit.dfResidual) == ref["df_residual"])
        let aic = ref["aic"]
        if aic.isNaN { #expect(fit.aic == nil) } else { expectClose(fit.aic ?? .nan, aic, "\(c.name) AIC") }
    }

    /// WLS with three zero weights: R `lm(yg ~ x1 + x2, weights = wz)`.
    @Test func weightedLeastSquaresMatchesR() throws {
        let data = try GLMReference.data()
        let ref = try GLMReference.values(model: "wls")
        let fit = try LinearModel(
            response: data["yg"] ?? [],
            terms: [.intercept, .variable("x1", data["x1"] ?? []), .variable("x2", data["x2"] ?? [])],
            weights: data["wz"]).fit()
        for (j, term) in fit.termNames.enumerated() {
            expectClose(fit.coefficients[j], ref["estimate", term], "wls estimate \(term)")
            expectClose(fit.standardErrors[j], ref["se", term], "wls se \(term)")
        }
        expectClose(fit.residualSD, ref["residual_sd"], "wls sigma")
        expectClose(fit.rSquared, ref["r_squared"], "wls R²")
        #expect(Double(fit.dfResidual) == ref["df_residual"])
        #expect(fit.observations == 57)
    }

    /// A tolerance of 0 cannot be met literally; IRLS stops at the rounding level instead of
    /// failing, with R's estimates (binomial_trials in reference.csv).
    @Test func zeroToleranceConvergesAtRoundingLevel() throws {
        let data = try GLMReference.data()
        let ref = try GLMReference.values(model: "binomial_trials")
        var model = GeneralizedLinearModel(
            response: data["prop"] ?? [], terms: [.intercept, .variable("x1", data["x1"] ?? []), .variable("x2", data["x2"] ?? [])],
            family: .binomial, priorWeights: data["trials"])
        model.tolerance = 0
        let fit = try model.fit()
        for (j, term) in fit.termNames.enumerated() { expectClose(fit.coefficients[j], ref["estimate", term], term) }
    }

    /// Complete separation (x > 0 ⇔ y = 1): the logit MLE does not exist, IRLS must say so.
    @Test func separationDoesNotConverge() {
        let x: [Double] = [-3, -2, -1, 1, 2, 3]
        let y: [Double] = [0, 0, 0, 1, 1, 1]
        let model = GeneralizedLinearModel(response: y, terms: [.intercept, .variable("x", x)], family: .binomial)
        #expect(throws: LinearAlgebraError.self) { try model.fit() }
    }

    @Test func responseOutsideFamilyRange() {
        let model = GeneralizedLinearModel(
            response: [0, 1, 2, 0.5], terms: [.intercept, .variable("x", [1, 2, 3, 4])], family: .binomial,
            responseName: "share")
        #expect(throws: LinearAlgebraError.invalidData(
            "share: observation 3 is 2.0; the binomial family needs a proportion in [0, 1]")) { try model.fit() }
    }
}

func expectClose(_ got: Double, _ want: Double, _ what: String, relative: Double = 1e-8,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    let ok = got == want || abs(got - want) <= relative * abs(want)
    #expect(ok, "\(what): got \(got), R gives \(want)", sourceLocation: sourceLocation)
}

/// Readers for `Tests/Fixtures/glm/{data,reference}.csv` (plain numeric CSV written by make.R).
enum GLMReference {
    static var directory: URL { SharedData.packageRoot.appendingPathComponent("Tests/Fixtures/glm") }

    static func data() throws -> [String: [Double]] {
        let lines = try String(contentsOf: directory.appendingPathComponent("data.csv"), encoding: .utf8)
            .split(whereSeparator: \.isNewline)
        guard let header = lines.first?.split(separator: ",").map(String.init) else { throw StRDError("empty data.csv") }
        var out: [String: [Double]] = [:]
        for line in lines.dropFirst() {
            for (k, field) in line.split(separator: ",").enumerated() {
                guard let v = Double(field) else { throw StRDError("data.csv: '\(field)' is not a number") }
                out[header[k], default: []].append(v)
            }
        }
        return out
    }

    struct Values {
        let table: [String: Double]
        subscript(_ quantity: String, _ term: String = "") -> Double { table["\(quantity)|\(term)"] ?? .nan }
    }

    static func values(model: String) throws -> Values {
        let lines = try String(contentsOf: directory.appendingPathComponent("reference.csv"), encoding: .utf8)
            .split(whereSeparator: \.isNewline)
        var table: [String: Double] = [:]
        for line in lines.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 4, f[0] == model else { continue }
            table["\(f[1])|\(f[2])"] = Double(f[3]) ?? .nan
        }
        return Values(table: table)
    }
}
