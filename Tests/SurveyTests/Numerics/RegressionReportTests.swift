import Foundation
import Testing
import Survey

/// Table → `RegressionSpecification` → fit → `RegressionReport`, checked on NIST Longley
/// (certified values) and on hand-made tables.
@Suite struct RegressionReportTests {
    static func longleyTable() throws -> Table {
        let c = try StRDCase.load("Longley")
        let names = ["y", "x1", "x2", "x3", "x4", "x5", "x6"]
        return try Table(columns: names.indices.map { Column(name: names[$0], values: .numeric(c.columns[$0])) },
                         source: "Longley.dat")
    }

    @Test func longleyJSONHasCertifiedValues() throws {
        let c = try StRDCase.load("Longley")
        let spec = RegressionSpecification(response: "y", predictors: ["x1", "x2", "x3", "x4", "x5", "x6"])
        let fit = try spec.linearModel(from: Self.longleyTable()).model.fit()
        let report = RegressionReport(fit, response: "y")
        let object = try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any]
        #expect(object?["model"] as? String == "ols")
        #expect(object?["n"] as? Int == 16 && object?["df_residual"] as? Int == 9)
        let coefs = object?["coefficients"] as? [[String: Any]] ?? []
        #expect(coefs.map { $0["term"] as? String } == ["(Intercept)", "x1", "x2", "x3", "x4", "x5", "x6"])
        for (k, coef) in coefs.enumerated() {
            #expect(logRelativeError(coef["estimate"] as? Double ?? .nan, c.certifiedEstimates[k]) >= 9)
            #expect(logRelativeError(coef["se"] as? Double ?? .nan, c.certifiedSDs[k]) >= 9)
            #expect(Set(coef.keys) == ["term", "estimate", "se", "t", "p_value", "ci_lower", "ci_upper"])
        }
        #expect(logRelativeError(object?["residual_sd"] as? Double ?? .nan, c.certifiedResidualSD) >= 9)
        #expect(logRelativeError(object?["r_squared"] as? Double ?? .nan, c.certifiedRSquared) >= 9)
        // Key order is the contract's (DESIGN.md §3).
        let keys = ["\"model\"", "\"n\"", "\"df_residual\"", "\"coefficients\"", "\"residual_sd\"", "\"r_squared\""]
        let positions = keys.compactMap { report.json.range(of: $0)?.lowerBound }
        #expect(positions.count == keys.count && positions == positions.sorted())
    }

    /// Polynomial terms are named x, x^2 and missing rows are dropped listwise.
    @Test func polynomialTermsAndMissingRows() throws {
        let x: [Double] = [0, 1, 2, 3, 4, 5, .nan]
        let y = x.map { 1 + 2 * $0 - 0.5 * $0 * $0 }
        let table = try Table(columns: [Column(name: "x", values: .numeric(x)), Column(name: "y", values: .numeric(y))])
        let spec = RegressionSpecification(response: "y", predictors: ["x"], polynomialDegrees: ["x": 2])
        let (model, design) = try spec.linearModel(from: table)
        #expect(design.droppedRows == 1)
        let fit = try model.fit()
        #expect(fit.termNames == ["(Intercept)", "x", "x^2"])
        #expect(abs(fit.coefficients[2] + 0.5) < 1e-13)
    }

    @Test func unknownColumnSuggestsNearest() throws {
        let table = try Self.longleyTable()
        let spec = RegressionSpecification(response: "y", predictors: ["x7"])
        #expect(throws: DataError.self) { try spec.design(from: table) }
        do { _ = try spec.design(from: table) } catch { #expect(error.description.contains("did you mean")) }
    }
}
