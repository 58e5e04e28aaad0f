import Foundation
import Testing
import Survey

/// R's model-formula conventions, checked by hand against what R prints:
/// `attr(terms(~a*b*c), "term.labels")` is a, b, c, a:b, a:c, b:c, a:b:c; `model.matrix(~ f - 1)`
/// has one column per level; `model.matrix(~ x:f)` (margin x absent) too; `~ f*x` gives fB, fC,
/// x, fB:x, fC:x; and `--ref f=C` puts C first (R's `relevel`).
@Suite struct ModelFormulaTests {
    static func table() throws -> Table {
        try Table(columns: [
            Column(name: "y", values: .numeric([1, 2, 3, 4, 5, 6])),
            Column(name: "x", values: .numeric([0.5, 1, 1.5, 2, 2.5, 3])),
            Column(name: "f", values: .categorical(codes: [2, 0, 1, 2, 0, 1], levels: ["C", "A", "B"])),
        ])
    }

    @Test func threeWayExpansionInROrder() throws {
        let f = try ModelFormula(parsing: ["a*b*c"])
        #expect(f.labels == ["a", "b", "c", "a:b", "a:c", "b:c", "a:b:c"])
        #expect(try ModelFormula(parsing: ["b:a", "a", "a:b"]).labels == ["a", "b:a"])
        #expect(throws: DataError.self) { try ModelFormula(parsing: ["a**b"]) }
    }

    @Test func treatmentContrastsAndNames() throws {
        let d = try RegressionSpecification(response: "y", predictors: ["f*x"]).design(from: Self.table())
        #expect(d.terms.map(\.name) == ["(Intercept)", "fB", "fC", "x", "fB:x", "fC:x"])
        #expect(d.assign == [0, 1, 1, 2, 3, 3])
        // Row 0 has code 2 = level B, x = 0.5: fB 1, fC 0, fB:x 0.5, fC:x 0.
        #expect(d.terms.map { $0.value(0) } == [1, 1, 0, 0.5, 0.5, 0])
    }

    @Test func fullCodingWithoutMargin() throws {
        let noIntercept = try RegressionSpecification(response: "y", predictors: ["f"], intercept: false).design(from: Self.table())
        #expect(noIntercept.terms.map(\.name) == ["fA", "fB", "fC"])
        let interactionOnly = try RegressionSpecification(response: "y", predictors: ["x:f"]).design(from: Self.table())
        #expect(interactionOnly.terms.map(\.name) == ["(Intercept)", "x:fA", "x:fB", "x:fC"])
    }

    @Test func referenceLevelAndNumericFactor() throws {
        let d = try RegressionSpecification(response: "y", predictors: ["f"], references: ["f": "C"]).design(from: Self.table())
        #expect(d.terms.map(\.name) == ["(Intercept)", "fA", "fB"])
        // A numeric column listed as a factor: levels sorted numerically (2.5 < 10), named x2.5 …
        var t = try Self.table()
        try t.setColumn(Column(name: "x", values: .numeric([10, 2.5, 10, 2.5, 3, 3])))
        let n = try RegressionSpecification(response: "y", predictors: ["x"], factors: ["x"]).design(from: t)
        #expect(n.terms.map(\.name) == ["(Intercept)", "x3", "x10"])
        #expect(throws: DataError.self) { try RegressionSpecification(response: "y", predictors: ["x"], factors: ["f"]).design(from: t) }
    }
}
