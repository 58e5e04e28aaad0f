import Foundation
import Testing
@testable import barometer
import Survey

/// docs/calibration.md: "`rake` reports how many weights moved and the margins after trimming
/// (no longer met exactly)". apistrat, linear calibration to api_margins.csv, --trim 20,40: the
/// reported count equals the calibrated weights outside [20, 40] of the same run without --trim,
/// and each reported `achieved` is the sum of the written trimmed weights over its level.
@Suite struct RakeTrimReportTests {
    static let strat = RakeCommandTests.fixtures.appendingPathComponent("rsurvey/data/apistrat.csv").path

    static func weights(_ path: String) throws -> (table: Table, w: [Double]) {
        let t = try CSVReader().read(path: path)
        return (t, try t.numeric("pw_cal"))
    }

    @Test func trimmedCountAndMarginsAfterTrimming() throws {
        try RakeCommandTests.withDirectory { dir in
            let base = ["rake", Self.strat, "--weights", "pw", "--margins", RakeCommandTests.margins, "--method", "linear"]
            let plain = dir.appendingPathComponent("plain.csv").path, trimmed = dir.appendingPathComponent("trimmed.csv").path
            #expect(Barometer.execute(base + ["--out", plain]).exitCode == 0)
            let r = Barometer.execute(base + ["--trim", "20,40", "--out", trimmed, "--format", "json"])
            #expect(r.exitCode == 0, "\(r.errors)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
            let outside = try Self.weights(plain).w.filter { $0 < 20 || $0 > 40 }.count
            #expect(outside > 0 && json["trimmed"] as? Int == outside, "trimmed \(String(describing: json["trimmed"])) vs \(outside)")
            let (table, w) = try Self.weights(trimmed)
            var missed = 0
            for m in try #require(json["margins"] as? [[String: Any]]) {
                let variable = try #require(m["variable"] as? String), level = try #require(m["level"] as? String)
                let column = try table.column(named: variable)
                let sum = (0..<table.rowCount).filter { column.text(at: $0) == level }.map { w[$0] }.reduce(0, +)
                let achieved = try #require(m["achieved"] as? Double), target = try #require(m["target"] as? Double)
                #expect(abs(sum - achieved) / achieved < 1e-9, "\(variable)=\(level): \(sum) vs \(achieved)")
                if abs(achieved - target) / target > 1e-6 { missed += 1 }
            }
            #expect(missed > 0)  // no longer met exactly
        }
    }
}
