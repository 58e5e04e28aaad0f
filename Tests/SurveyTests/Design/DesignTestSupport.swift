import Foundation
import Testing
@testable import Survey

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

/// Compares with R and remembers the worst relative error per label.
final class AgreementLog: @unchecked Sendable {
    private var worst: [String: Double] = [:]
    private let lock = NSLock()

    /// Expects |got − want| ≤ 1e-9·|want|, or ≤ 1e-12 when |want| < 1e-12 (zero in theory).
    func check(_ got: Double, _ want: Double?, _ label: String, key: String, tolerance: Double = 1e-9,
               sourceLocation: SourceLocation = #_sourceLocation) {
        guard let want else {
            Issue.record("\(label): no reference value", sourceLocation: sourceLocation)
            return
        }
        let err: Double
        if abs(want) < 1e-12 {
            err = abs(got - want)
            #expect(err <= 1e-12, "\(label): got \(got), R \(want)", sourceLocation: sourceLocation)
        } else {
            err = abs(got - want) / abs(want)
            #expect(err <= tolerance, "\(label): got \(got), R \(want), rel. error \(err)", sourceLocation: sourceLocation)
        }
        lock.lock()
        worst[key] = max(worst[key] ?? 0, err.isNaN ? .infinity : err)
        lock.unlock()
    }

    /// One line per key, for the closing note.
    func report() -> String {
        lock.lock(); defer { lock.unlock() }
        return worst.keys.sorted().map { "\($0): max error \(String(format: "%.2e", worst[$0] ?? 0))" }
            .joined(separator: "\n")
    }
}
