import Foundation
import Testing
import Survey

/// Shared helpers for the design tests: fixtures, the api designs as R builds them, and
/// relative-error checks that also record the worst error per label (printed for the report).
enum DesignFixtures {
    /// `Tests/Fixtures/rsurvey/expected.json` (a copy of `../shared/reference/rsurvey/expected.json`,
    /// R 4.2.2 + survey 4.1.1), or the shared original when present.
    static func expected() throws -> [String: Any] {
        let url = try #require(SharedData.reference("rsurvey/expected.json"))
        return try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
    }

    /// A JSON file under `Tests/Fixtures/rsurvey-extra/`.
    static func extra(_ name: String) throws -> [String: Any] {
        try CalibrationFixtures.json(name)
    }

    /// An api CSV (`apisrs.csv`, …).
    static func table(_ name: String) throws -> Table { try CalibrationFixtures.data(name) }

    /// The three reference designs of expected.json.
    static func design(_ name: String, lonely: LonelyPSU = .fail) throws -> (SurveyDesign, Table) {
        switch name {
        case "srs":
            let t = try table("apisrs.csv")
            return (try SurveyDesign(rows: t.rowCount, fpc: [t.column(named: "fpc")], lonelyPSU: lonely), t)
        case "strat":
            let t = try table("apistrat.csv")
            return (try SurveyDesign(rows: t.rowCount, weights: t.column(named: "pw"), strata: t.column(named: "stype"),
                                     fpc: [t.column(named: "fpc")], lonelyPSU: lonely), t)
        case "clus1":
            let t = try table("apiclus1.csv")
            return (try SurveyDesign(rows: t.rowCount, weights: t.column(named: "pw"), clusters: [t.column(named: "dnum")],
                                     fpc: [t.column(named: "fpc")], lonelyPSU: lonely), t)
        case "clus2":
            let t = try table("apiclus2.csv")
            return (try SurveyDesign(rows: t.rowCount, clusters: [t.column(named: "dnum"), t.column(named: "snum")],
                                     fpc: [t.column(named: "fpc1"), t.column(named: "fpc2")], lonelyPSU: lonely), t)
        default:
            throw DataError("unknown design \(name)")
        }
    }

    static func number(_ any: Any?) -> Double? {
        if let d = any as? Double { return d }
        if let n = any as? NSNumber { return n.doubleValue }
        return nil
    }
}

/// Compares with R at the tolerance README and docs state, and records each comparison (per
/// statistic: count, worst error, tolerance) into the installed `AgreementRecorder`, from which the
/// agreement tables of docs/design-estimation.md are generated.
enum AgreementLog {
    /// The relative tolerance of every design comparison with R (README "Accuracy").
    static let tolerance = 1e-10
    /// R's `svyciprop(method = "logit")` on a replicate design refits a glm per replicate by IRLS
    /// (convergence 1e-8 on the deviance), so agreement there is limited to ~1e-8.
    static let iteratedTolerance = 1e-8
    /// Below this |R value| the reference is 0 in theory and the error is absolute.
    static let zero = 1e-12

    /// Expects |got − want| ≤ tolerance·|want|, or ≤ 1e-12 when |want| < 1e-12 (zero in theory).
    static func check(_ got: Double, _ want: Double?, _ label: String, key: String, tolerance: Double = tolerance,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        guard let want else {
            Issue.record("\(label): no reference value", sourceLocation: sourceLocation)
            return
        }
        let err: Double
        if abs(want) < zero {
            err = abs(got - want)
            #expect(err <= zero, "\(label): got \(got), R \(want)", sourceLocation: sourceLocation)
        } else {
            err = abs(got - want) / abs(want)
            #expect(err <= tolerance, "\(label): got \(got), R \(want), rel. error \(err)", sourceLocation: sourceLocation)
        }
        AgreementRecorder.record(key, error: err, tolerance: abs(want) < zero ? zero : tolerance)
    }
}
