import Testing
import Survey

/// docs/calibration.md's rules for numeric totals (a margins row with an empty level): "may be
/// negative, are never scaled as proportions, need at least one categorical margin …, the column
/// must be numeric and present in every row, and they are used only by linear/GREG calibration
/// …; raking and post-stratification refuse them".
@Suite struct NumericTotalRuleTests {
    /// CalibrationErrorTests' six rows (weights 1…6) plus x = −1, −2, −3, −1, −2, −3:
    /// Σ w·x = −(1 + 4 + 9 + 4 + 10 + 18) = −46 before calibration.
    static func table(x: Column = Column(name: "x", values: .numeric([-1, -2, -3, -1, -2, -3]))) throws -> Table {
        let base = try CalibrationErrorTests.table()
        return try Table(columns: base.columns + [x])
    }

    static func margins(sex: [Double], x: Double) throws -> CalibrationMargins {
        try CalibrationMargins([.init(variable: "sex", levels: ["m", "f"], totals: sex)],
                               numeric: [.init(variable: "x", total: x)])
    }

    /// A negative total is met exactly; sex given as proportions (0.4, 0.6) is scaled to the
    /// weight sum 21 (8.4 and 12.6) while the numeric total −40 is not scaled.
    @Test func negativeTotalMetAndNotScaled() throws {
        let c = try Calibration(table: try Self.table(), weights: CalibrationErrorTests.weights,
                                margins: try Self.margins(sex: [0.4, 0.6], x: -40), method: .linear)
        let w = c.weights, x: [Double] = [-1, -2, -3, -1, -2, -3]
        #expect(abs(zip(w, x).map(*).reduce(0, +) - (-40)) < 1e-9)
        #expect(abs(w[0..<3].reduce(0, +) - 8.4) < 1e-9 && abs(w[3..<6].reduce(0, +) - 12.6) < 1e-9)
    }

    @Test func needsACategoricalMargin() {
        #expect(throws: CalibrationError.self) {
            try CalibrationMargins([], numeric: [.init(variable: "x", total: -40)])
        }
    }

    @Test func rakingAndPostStratificationRefuseThem() throws {
        for method in [CalibrationMethod.rake, .poststratify] {
            #expect(throws: CalibrationError.self, "\(method)") {
                try Calibration(table: try Self.table(), weights: CalibrationErrorTests.weights,
                                margins: try Self.margins(sex: [10, 11], x: -40), method: method)
            }
        }
    }

    /// A text column, or a missing value in a row, is refused.
    @Test func columnNumericAndPresentInEveryRow() throws {
        let text = Column(name: "x", values: .categorical(codes: [0, 0, 0, 1, 1, 1], levels: ["a", "b"]))
        let missing = Column(name: "x", values: .numeric([-1, -2, .nan, -1, -2, -3]))
        for column in [text, missing] {
            #expect(throws: CalibrationError.self) {
                try Calibration(table: try Self.table(x: column), weights: CalibrationErrorTests.weights,
                                margins: try Self.margins(sex: [10, 11], x: -40), method: .linear)
            }
        }
    }
}
