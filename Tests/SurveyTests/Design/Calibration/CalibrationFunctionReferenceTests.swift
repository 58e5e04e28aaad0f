import Foundation
import Testing
import Survey

/// GREG-family calibration with a distance function and bounds, numeric auxiliary totals, trimming
/// and weight diagnostics against R `survey` 4.1.1 (`Tests/Fixtures/rsurvey-extra/calibration2.R` →
/// `calibration2.json`: `calibrate(calfun =, bounds =)`, `trimWeights`, then `svymean`/`svytotal`).
/// Weights, diagnostics, estimates and SEs are asserted at 1e-10 relative.
@Suite struct CalibrationFunctionReferenceTests {
    static let caseNames = [
        "strat_linear_stu", "strat_logit_stu", "strat_raking", "strat_logit", "strat_linear_far", "strat_trim",
        "clus1_linear_stu", "clus1_logit_stu", "clus1_raking", "clus1_logit", "clus1_linear_b", "clus1_raking_b",
        "clus1_logit_b", "clus1_linear_b2", "clus1_linear_far", "clus1_linear_trim",
    ]

    static func reference(_ name: String) throws -> [String: Any] {
        let cases = try CalibrationFixtures.json("calibration2.json")["cases"] as? [String: Any]
        return try #require(cases?[name] as? [String: Any], "no case \(name)")
    }

    /// The options of a case; `allowNegative` for the cases whose weights R leaves negative.
    static func options(_ ref: [String: Any], allowNegative: Bool) throws -> CalibrationOptions {
        let bounds = ref["bounds"] as? [Double] ?? [-.infinity, .infinity]
        let calfun = try #require(CalibrationFunction(rawValue: ref["calfun"] as? String ?? "linear"))
        return CalibrationOptions(
            epsilon: 1e-13, maxIterations: 500, calfun: calfun, lowerBound: bounds[0], upperBound: bounds[1],
            allowNonPositiveWeights: allowNegative)
    }

    /// The case's design, calibrated and trimmed as in R; nil calibration for trimming alone.
    static func design(_ name: String, allowNegative: Bool = true) throws -> (SurveyDesign, Calibration?, Table) {
        let ref = try reference(name)
        let t = try CalibrationFixtures.data(try #require(ref["data"] as? String))
        let stratified = name.hasPrefix("strat")
        var d = try SurveyDesign(
            rows: t.rowCount, weights: t.column(named: "pw"), strata: stratified ? t.column(named: "stype") : nil,
            clusters: stratified ? [] : [t.column(named: "dnum")], fpc: [t.column(named: "fpc")])
        let trim = try (ref["trim"] as? [Double]).map {
            try WeightTrimming(lower: $0[0], upper: $0[1], strict: ref["strict"] as? Bool ?? false)
        }
        guard let marginsName = ref["margins"] as? String else {
            return (try d.reweighted(try #require(trim).apply(d.weights).weights), nil, t)
        }
        let margins = try CalibrationMargins(table: try CalibrationFixtures.loadCSV(CalibrationFixtures.extra(marginsName)))
        var cal = try Calibration(
            table: t, weights: d.weights, margins: margins, method: .linear,
            options: try options(ref, allowNegative: allowNegative))
        if let trim { cal = try cal.trimmed(trim) }
        d = try d.calibrated(weights: cal.weights, adjustment: cal.adjustment)
        return (d, cal, t)
    }

    @Test(arguments: caseNames)
    func weightsAndDiagnosticsMatchR(_ name: String) throws {
        let ref = try Self.reference(name)
        let (d, cal, _) = try Self.design(name)
        let want = try #require(ref["weights"] as? [Double])
        #expect(want.count == d.weights.count)
        let label = name.hasSuffix("trim") ? "trimmed" : (ref["calfun"] as? String ?? "")
        let worst = zip(d.weights, want).map { CalibrationFixtures.agreement("weights \(label)", $0, $1) }.max() ?? 1
        #expect(worst < CalibrationFixtures.tolerance, "\(name): weights off by \(worst)")
        if let cal { #expect(cal.converged) }
        let diag = try #require(ref["diagnostics"] as? [String: Any])
        let mine = WeightDiagnostics(d.weights)
        for (key, value) in [
            ("min", mine.minimum), ("max", mine.maximum), ("max_over_min", mine.ratio), ("kish_deff", mine.kishDeff),
            ("effective_n", mine.effectiveN),
        ] {
            let r = try #require(DesignFixtures.number(diag[key]))
            #expect(CalibrationFixtures.agreement("weight diagnostics", value, r) < CalibrationFixtures.tolerance, "\(name) \(key)")
        }
        #expect(Double(mine.negative) == DesignFixtures.number(diag["negative"]))
    }

    @Test(arguments: caseNames)
    func estimatesMatchR(_ name: String) throws {
        let ref = try Self.reference(name)
        let (d, _, t) = try Self.design(name)
        let label = name.hasSuffix("trim") ? "trimmed" : "calfun \(ref["calfun"] as? String ?? "")"
        let pairs = [
            ("svymean", try d.means([try t.column(named: "api00"), try t.column(named: "enroll")])),
            ("svytotal", try d.totals([try t.column(named: "enroll")])),
        ]
        for (key, est) in pairs {
            let refs = try #require(ref[key] as? [String: Any])
            for e in est.elements {
                let r = try #require(refs[e.variable] as? [String: Any])
                let se = try #require(DesignFixtures.number(r["se"]))
                let value = try #require(DesignFixtures.number(r["estimate"]))
                #expect(CalibrationFixtures.agreement("estimate after \(label)", e.value, value) < CalibrationFixtures.tolerance, "\(name) \(key) \(e.variable)")
                #expect(CalibrationFixtures.agreement("SE after \(label)", e.standardError, se) < CalibrationFixtures.tolerance,
                        "\(name) \(key) \(e.variable): SE \(e.standardError) vs R \(se)")
            }
        }
    }

    /// Issue 11 "Why": linear calibration to a numeric total the sample cannot reach with positive
    /// weights wrote negative weights. Refused by default, naming R's count and minimum.
    @Test(arguments: ["strat_linear_far", "clus1_linear_far"])
    func negativeWeightsAreRefusedWithCountAndMinimum(_ name: String) throws {
        let ref = try Self.reference(name)
        let diag = try #require(ref["diagnostics"] as? [String: Any])
        let count = try #require(DesignFixtures.number(diag["negative"]))
        let minimum = try #require(DesignFixtures.number(diag["min"]))
        #expect(count > 0)
        do {
            _ = try Self.design(name, allowNegative: false)
            Issue.record("\(name): negative weights were not refused")
        } catch let e as CalibrationError {
            guard case .nonPositiveWeights(_, let negative, let zero, let lowest) = e else {
                Issue.record("\(name): unexpected \(e)"); return
            }
            #expect(Double(negative) == count)
            #expect(zero == 0)
            #expect(CalibrationFixtures.relativeError(lowest, minimum) < CalibrationFixtures.tolerance)
            #expect(e.description.contains("\(Int(count)) negative"))
        }
    }
}
