import Testing
import Survey

/// Bad margins and impossible calibrations give typed errors with clear messages (issue 3, item 8),
/// and the simple cases match hand calculations.
@Suite struct CalibrationErrorTests {
    /// Six rows: sex (m/f) × region (a/b), design weights 1…6.
    static func table() throws -> Table {
        try Table(columns: [
            Column(name: "sex", values: .categorical(codes: [0, 0, 0, 1, 1, 1], levels: ["m", "f"])),
            Column(name: "region", values: .numeric([1, 2, 1, 2, 1, 2]), valueLabels: [1: "a", 2: "b"]),
        ])
    }
    static let weights: [Double] = [1, 2, 3, 4, 5, 6]

    static func margins(_ rows: [(String, String, Double)]) throws -> CalibrationMargins {
        var byVar: [(String, [String], [Double])] = []
        for (v, l, t) in rows {
            if let k = byVar.firstIndex(where: { $0.0 == v }) {
                byVar[k].1.append(l); byVar[k].2.append(t)
            } else { byVar.append((v, [l], [t])) }
        }
        return try CalibrationMargins(byVar.map { .init(variable: $0.0, levels: $0.1, totals: $0.2) })
    }

    /// Hand calculation: sex totals before are m = 1+2+3 = 6, f = 4+5+6 = 15; targets 10 and 20
    /// give factors 10/6 and 20/15, so row 1 becomes 10/6 and row 4 becomes 4·20/15.
    @Test func postStratificationByHand() throws {
        let m = try Self.margins([("sex", "m", 10), ("sex", "f", 20)])
        let c = try Calibration(table: try Self.table(), weights: Self.weights, margins: m, method: .poststratify)
        #expect(abs(c.weights[0] - 10.0 / 6) < 1e-15)
        #expect(abs(c.weights[3] - 4 * 20.0 / 15) < 1e-14)
        #expect(c.iterations == 1)
        #expect(c.checks.map(\.before) == [6, 15])
    }

    /// Issue 11 "Why": totals of 1e308 wrote empty weights and reported "converged": true.
    /// Their sum overflows a Double, so no finite weights can meet them: every method is an error.
    @Test func overflowingTotalsAreAnError() throws {
        let m = try Self.margins([("sex", "m", 1e308), ("sex", "f", 1e308)])
        for method in CalibrationMethod.allCases {
            let e = #expect(throws: CalibrationError.self) {
                try Calibration(table: try Self.table(), weights: Self.weights, margins: m, method: method)
            }
            #expect(e != nil, "\(method)")
        }
    }

    /// Proportion margins (summing to 1) are scaled to the weight sum, 21: sex m = 0.5 → 10.5.
    @Test func proportionsAreScaledToTheWeightSum() throws {
        let m = try Self.margins([("sex", "m", 0.5), ("sex", "f", 0.5), ("region", "a", 0.25), ("region", "b", 0.75)])
        let c = try Calibration(table: try Self.table(), weights: Self.weights, margins: m, method: .rake)
        #expect(abs(c.checks[0].target - 10.5) < 1e-12)
        #expect(abs(c.checks[3].target - 15.75) < 1e-12)
        #expect(c.worstRelativeGap < 1e-10)
        #expect(abs(c.weights.reduce(0, +) - 21) < 1e-10)
    }

    /// Value labels and raw codes both match a numeric column's levels.
    @Test func valueLabelsOrCodesMatch() throws {
        let byLabel = try Self.margins([("region", "a", 9), ("region", "b", 12)])
        let byCode = try Self.margins([("region", "1", 9), ("region", "2", 12)])
        let a = try Calibration(table: try Self.table(), weights: Self.weights, margins: byLabel, method: .poststratify)
        let b = try Calibration(table: try Self.table(), weights: Self.weights, margins: byCode, method: .poststratify)
        #expect(a.weights == b.weights)
    }

    @Test func inconsistentTotals() throws {
        let m = try Self.margins([("sex", "m", 10), ("sex", "f", 20), ("region", "a", 10), ("region", "b", 10)])
        let error = #expect(throws: CalibrationError.self) {
            try Calibration(table: try Self.table(), weights: Self.weights, margins: m, method: .rake)
        }
        #expect(error?.description.contains("sex sums to 30, region sums to 20") == true)
    }

    @Test func marginLevelAbsentFromData() throws {
        let m = try Self.margins([("sex", "m", 10), ("sex", "f", 10), ("sex", "x", 10)])
        let error = #expect(throws: CalibrationError.self) {
            try Calibration(table: try Self.table(), weights: Self.weights, margins: m, method: .rake)
        }
        #expect(error == .levelAbsentFromData(variable: "sex", level: "x"))
    }

    @Test func dataLevelMissingFromMargins() throws {
        let m = try Self.margins([("sex", "m", 10)])
        let error = #expect(throws: CalibrationError.self) {
            try Calibration(table: try Self.table(), weights: Self.weights, margins: m, method: .rake)
        }
        #expect(error?.description == "level 'f' of variable 'sex' occurs in 3 rows of the data but has no population total in the margins")
    }

    /// Margins that cannot all hold (every m is in region a, and f in b, but the targets disagree
    /// on how many are in each) never converge; the error names the worst margin.
    @Test func nonConvergenceNamesTheWorstMargin() throws {
        let t = try Table(columns: [
            Column(name: "sex", values: .categorical(codes: [0, 0, 1, 1], levels: ["m", "f"])),
            Column(name: "region", values: .categorical(codes: [0, 0, 1, 1], levels: ["a", "b"])),
        ])
        let m = try Self.margins([("sex", "m", 10), ("sex", "f", 10), ("region", "a", 5), ("region", "b", 15)])
        let error = #expect(throws: CalibrationError.self) {
            try Calibration(table: t, weights: [1, 1, 1, 1], margins: m, method: .rake, maxIterations: 20)
        }
        #expect(error?.description.hasPrefix("raking did not converge after 20 iterations; worst margin: sex = ") == true)
    }

    @Test func negativeAndMissingWeights() throws {
        let m = try Self.margins([("sex", "m", 10), ("sex", "f", 10)])
        #expect(throws: CalibrationError.self) {
            try Calibration(table: try Self.table(), weights: [1, -2, 3, 4, 5, 6], margins: m, method: .rake)
        }
        #expect(throws: CalibrationError.self) {
            try Calibration(table: try Self.table(), weights: [1, .nan, 3, 4, 5, 6], margins: m, method: .linear)
        }
    }

    @Test func postStratificationNeedsOneVariable() throws {
        let m = try Self.margins([("sex", "m", 10), ("sex", "f", 11), ("region", "a", 9), ("region", "b", 12)])
        #expect(throws: CalibrationError.self) {
            try Calibration(table: try Self.table(), weights: Self.weights, margins: m, method: .poststratify)
        }
    }

    @Test func marginsFileColumnsAndNumbers() throws {
        let noTotal = try Table(columns: [
            Column(name: "variable", values: .categorical(codes: [0], levels: ["sex"])),
            Column(name: "level", values: .categorical(codes: [0], levels: ["m"])),
        ], source: "m.csv")
        let error = #expect(throws: CalibrationError.self) { try CalibrationMargins(table: noTotal) }
        #expect(error?.description.hasPrefix("m.csv:1: expected a column named 'total'") == true)
        let negative = try Table(columns: [
            Column(name: "variable", values: .categorical(codes: [0, 0], levels: ["sex"])),
            Column(name: "level", values: .categorical(codes: [0, 1], levels: ["m", "f"])),
            Column(name: "total", values: .numeric([3, -1])),
        ], source: "m.csv")
        let e2 = #expect(throws: CalibrationError.self) { try CalibrationMargins(table: negative) }
        #expect(e2?.description.hasPrefix("m.csv:3: total for 'sex' = 'f' must be a non-negative number") == true)
    }

    /// Linear calibration reproduces every margin exactly (GREG is exact by construction).
    @Test func linearCalibrationMeetsMargins() throws {
        let m = try Self.margins([("sex", "m", 10), ("sex", "f", 11), ("region", "a", 9), ("region", "b", 12)])
        let c = try Calibration(table: try Self.table(), weights: Self.weights, margins: m, method: .linear)
        #expect(c.worstRelativeGap < 1e-13)
    }
}

/// docs/calibration.md: "All variables must then sum to the same total (relative tolerance 1e-6)".
@Suite struct CalibrationTotalsToleranceTests {
    static func margins(_ second: Double) throws -> CalibrationMargins {
        try CalibrationMargins([
            .init(variable: "a", levels: ["x", "y"], totals: [600_000, 400_000]),
            .init(variable: "b", levels: ["u", "v"], totals: [500_000, second]),
        ])
    }

    @Test func totalsWithinOnePPMAgreeBeyondDoNot() throws {
        // Totals 1,000,000 and 1,000,000.9 differ by 9e-7 relative: accepted (the first is used).
        #expect(try Self.margins(500_000.9).commonTotal() == 1_000_000)
        // 1,000,001.1 differs by 1.1e-6: an error.
        #expect(throws: CalibrationError.self) { try Self.margins(500_001.1).commonTotal() }
    }
}
