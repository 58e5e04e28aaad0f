import Foundation
import Testing
@testable import barometer

/// Shared helpers for the issue-14 parity tests: the R reference `parity.json`
/// (`Tests/Fixtures/rsurvey-extra/parity.R`, R 4.2.2 + survey 4.1.1), the api data files, and
/// `estimate --format json` run in-process.
enum Parity {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    /// Relative tolerance of every comparison with R in these suites (issue 14: ≤ 1e-9).
    static let tolerance = 1e-9

    static func data(_ name: String) -> String { root.appendingPathComponent("Tests/Fixtures/rsurvey/data/\(name)").path }
    static func extra(_ name: String) -> String { root.appendingPathComponent("Tests/Fixtures/rsurvey-extra/\(name)").path }

    /// A section of `parity.json`.
    static func reference(_ section: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: extra("parity.json")))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(json[section] as? [String: Any], "parity.json has no section \(section)")
    }

    /// `barometer estimate ARGS --format json`, parsed; a non-zero exit fails the test.
    static func estimate(_ args: [String]) throws -> [String: Any] {
        let r = Barometer.execute(["estimate"] + args + ["--format", "json"])
        #expect(r.exitCode == 0, "\(args): \(r.errors)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
    }

    /// The JSON number `value` as a Double.
    static func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

    /// |got − want| ≤ tolerance·|want| (absolute when want is 0), with a message naming `what`.
    static func expectClose(_ got: Any?, _ want: Any?, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let g = number(got), let w = number(want) else {
            Issue.record("\(what): missing value (got \(String(describing: got)), R \(String(describing: want)))", sourceLocation: sourceLocation)
            return
        }
        let error = w == 0 ? abs(g) : abs(g - w) / abs(w)
        #expect(error <= tolerance, "\(what): \(g) vs R \(w) (relative error \(error))", sourceLocation: sourceLocation)
    }
}
