import Testing
import Survey

/// Issue 11 item 5: calibration gives usable weights or an error. Zero targets for levels the sample
/// has, negative or zero calibrated weights, non-finite weights and non-convergence are refused with
/// an explanation unless asked for, and `converged` comes from the algorithm. Expected values are
/// hand calculations on the six-row table of `CalibrationErrorTests` (sex m/f × region a/b,
/// weights 1…6).
@Suite struct CalibrationUsabilityTests {
    static func table() throws -> Table { try CalibrationErrorTests.table() }
    static let weights = CalibrationErrorTests.weights

    /// Issue 11 "Why": linear calibration with a zero margin wrote negative weights. A zero total for
    /// a level three rows have is explained, by every method.
    @Test func zeroMarginForAPresentLevelIsExplained() throws {
        let m = try CalibrationErrorTests.margins([("sex", "m", 0), ("sex", "f", 20)])
        for method in CalibrationMethod.allCases {
            let e = #expect(throws: CalibrationError.self) {
                try Calibration(table: try Self.table(), weights: Self.weights, margins: m, method: method)
            }
            #expect(e == .zeroTarget(variable: "sex", level: "m", rows: 3), "\(method)")
            #expect(e?.description.contains("has population total 0 but occurs in 3 rows") == true)
        }
    }

    /// Asked for, a zero margin is applied: post-stratification gives rows of sex m weight 0 and f
    /// rows 20/15 of theirs (4·4/3, 5·4/3, 6·4/3).
    @Test func zeroMarginAllowedGivesZeroWeights() throws {
        let m = try CalibrationErrorTests.margins([("sex", "m", 0), ("sex", "f", 20)])
        let c = try Calibration(
            table: try Self.table(), weights: Self.weights, margins: m, method: .poststratify,
            options: CalibrationOptions(allowNonPositiveWeights: true))
        #expect(c.weights[0...2] == [0, 0, 0])
        #expect(abs(c.weights[3] - 16.0 / 3) < 1e-14)
        #expect(c.after.minimum == 0)
        #expect(c.after.ratio == .infinity)
    }

    /// Linear calibration to sex m = 2, f = 30 with region a = 16, b = 16: the weights meeting these
    /// go negative (region a holds m rows 1, 3 and f row 5). Refused with the count and minimum;
    /// allowed, the margins hold and the negatives are counted in the diagnostics.
    @Test func negativeLinearWeightsAreRefusedUnlessAllowed() throws {
        let m = try CalibrationErrorTests.margins([("sex", "m", 2), ("sex", "f", 30), ("region", "a", 16), ("region", "b", 16)])
        let allowed = try Calibration(
            table: try Self.table(), weights: Self.weights, margins: m, method: .linear,
            options: CalibrationOptions(allowNonPositiveWeights: true))
        #expect(allowed.worstRelativeGap < 1e-12)
        let negatives = allowed.weights.filter { $0 < 0 }
        #expect(!negatives.isEmpty)
        #expect(allowed.after.negative == negatives.count)
        let e = #expect(throws: CalibrationError.self) {
            try Calibration(table: try Self.table(), weights: Self.weights, margins: m, method: .linear)
        }
        #expect(e == .nonPositiveWeights(
            method: "linear calibration", negative: negatives.count, zero: 0, minimum: negatives.min() ?? 0))
        #expect(e?.description.contains("\(negatives.count) negative (minimum ") == true)
        // Bounds keep the weights positive where they can: logit within [0.2, 5] meets the margins.
        let bounded = try Calibration(
            table: try Self.table(), weights: Self.weights, margins: m, method: .linear,
            options: CalibrationOptions(calfun: .logit, lowerBound: 0.05, upperBound: 20))
        #expect(bounded.converged)
        #expect(bounded.weights.allSatisfy { $0 > 0 })
        #expect(bounded.worstRelativeGap < 1e-9)
    }

    /// Contradictory margins (every m row is in region a, the margins say otherwise) cannot be met:
    /// raking stops at --rake-maxit. Allowed, the weights come back with `converged == false` (the
    /// report's "converged": false); otherwise an error. Linear calibration to them is singular.
    @Test func nonConvergenceIsReportedHonestly() throws {
        let t = try Table(columns: [
            Column(name: "sex", values: .categorical(codes: [0, 0, 1, 1], levels: ["m", "f"])),
            Column(name: "region", values: .categorical(codes: [0, 0, 1, 1], levels: ["a", "b"])),
        ])
        let m = try CalibrationErrorTests.margins([("sex", "m", 10), ("sex", "f", 10), ("region", "a", 5), ("region", "b", 15)])
        let kept = try Calibration(
            table: t, weights: [1, 1, 1, 1], margins: m, method: .rake,
            options: CalibrationOptions(maxIterations: 20, allowNonConvergence: true))
        #expect(kept.converged == false)
        #expect(kept.iterations == 20)
        #expect(kept.methodDescription.contains("NOT converged"))
        #expect(throws: CalibrationError.self) {
            try Calibration(table: t, weights: [1, 1, 1, 1], margins: m, method: .rake, maxIterations: 20)
        }
        let converged = try Calibration(
            table: try Self.table(), weights: Self.weights,
            margins: try CalibrationErrorTests.margins([("sex", "m", 10), ("sex", "f", 11)]), method: .rake)
        #expect(converged.converged)
    }

    /// Bounds too tight for the margins: sex m must go from 6 to 12 (g = 2 on every m row) but g ≤ 1.5.
    /// Newton cannot meet the margin: an error naming it, or with allowNonConvergence the weights
    /// marked not converged.
    @Test func boundsThatCannotBeMetAreExplained() throws {
        let m = try CalibrationErrorTests.margins([("sex", "m", 12), ("sex", "f", 15)])
        let options = CalibrationOptions(maxIterations: 50, calfun: .linear, lowerBound: 0.5, upperBound: 1.5)
        do {
            _ = try Calibration(table: try Self.table(), weights: Self.weights, margins: m, method: .linear, options: options)
            Issue.record("tight bounds were accepted")
        } catch let e as CalibrationError {
            switch e {
            case .calibrationNotConverged(let method, _, _, _, _): #expect(method == "linear calibration (bounds 0.5, 1.5)")
            case .singular(let message): #expect(message.contains("widen --bounds"))
            default: Issue.record("unexpected \(e)")
            }
        }
    }

    /// Issue 11 "Why": totals of 1e308 wrote empty weights and reported converged. Every method and
    /// calfun refuses them (exit 1 in the CLI), naming the largest Double.
    @Test func overflowingTotalsAreRefusedByEveryCalfun() throws {
        let m = try CalibrationErrorTests.margins([("sex", "m", 1e308), ("sex", "f", 1e308)])
        for calfun in CalibrationFunction.allCases {
            let options = CalibrationOptions(calfun: calfun, lowerBound: 0.5, upperBound: 2)
            #expect(throws: CalibrationError.self) {
                try Calibration(table: try Self.table(), weights: Self.weights, margins: m, method: .linear, options: options)
            }
        }
        let e = #expect(throws: CalibrationError.self) {
            try Calibration(table: try Self.table(), weights: Self.weights, margins: m, method: .linear)
        }
        #expect(e?.description.contains("1.7976931348623157e+308") == true)
    }

    /// Options that make no sense are refused before anything is computed.
    @Test func invalidOptions() throws {
        let m = try CalibrationErrorTests.margins([("sex", "m", 10), ("sex", "f", 11)])
        for o in [
            CalibrationOptions(calfun: .logit), CalibrationOptions(lowerBound: 1.2, upperBound: 2),
            CalibrationOptions(calfun: .logit, lowerBound: 1, upperBound: 2),
        ] {
            #expect(throws: CalibrationError.self) {
                try Calibration(table: try Self.table(), weights: Self.weights, margins: m, method: .linear, options: o)
            }
        }
        #expect(throws: CalibrationError.self) {
            try Calibration(
                table: try Self.table(), weights: Self.weights, margins: m, method: .rake,
                options: CalibrationOptions(calfun: .logit, lowerBound: 0.5, upperBound: 2))
        }
    }

    /// Trimming by hand: weights 1…6 to [2, 5]: 1 → 2 (+1) and 6 → 5 (−1) net 0, shared by the four
    /// inside: unchanged 2, 3, 4, 5. To [1.5, 4.5]: 1 → 1.5 (−0.5 removed), 5 → 4.5 (+0.5),
    /// 6 → 4.5 (+1.5): 1.5 removed net, 0.5 added to each of 2, 3, 4. Strict trimming to [1.5, 4.2] keeps
    /// going until every weight is within the bounds, keeping the sum 21.
    @Test func trimmingByHand() throws {
        let (a, n) = try WeightTrimming(lower: 2, upper: 5).apply(Self.weights)
        #expect(a == [2, 2, 3, 4, 5, 5])
        #expect(n == 2)
        let (b, _) = try WeightTrimming(lower: 1.5, upper: 4.5).apply(Self.weights)
        #expect(b == [1.5, 2.5, 3.5, 4.5, 4.5, 4.5])
        let (c, _) = try WeightTrimming(lower: 1.5, upper: 4.2, strict: true).apply(Self.weights)
        #expect(c.allSatisfy { $0 >= 1.5 && $0 <= 4.2 + 1e-12 })
        #expect(abs(c.reduce(0, +) - 21) < 1e-12)
        #expect(throws: CalibrationError.self) { try WeightTrimming(lower: 0, upper: 3, strict: true).apply(Self.weights) }
    }

    /// Diagnostics by hand for weights 1…6: Σw = 21, Σw² = 91, deff = 6·91/441 = 1.2381, n_eff = 441/91.
    @Test func diagnosticsByHand() {
        let d = WeightDiagnostics(Self.weights)
        #expect(d.minimum == 1 && d.maximum == 6 && d.ratio == 6)
        #expect(abs(d.kishDeff - 6.0 * 91 / 441) < 1e-15)
        #expect(abs(d.effectiveN - 441.0 / 91) < 1e-14)
    }
}
