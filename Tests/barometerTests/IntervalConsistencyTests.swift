import Foundation
import Testing
@testable import barometer

/// docs/intervals.md: "every command prints the same interval for the same figure". Kazakhstan,
/// Russia, favorable, 2018-autumn: the interval stored at import (JSON 0.797648–0.858832, R
/// `svyciprop` logit: `CABReferenceTests`) is printed as 83.0 [79.8, 85.9] by `overview`,
/// `table` and `trend` (Observed column).
@Suite struct IntervalConsistencyTests {
    @Test func sameIntervalInOverviewTableAndTrend() throws {
        let json = Barometer.execute(["table", "--dataset", "cab", "--country", "KZ", "--target", "Russia", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let rows = try #require(object["rows"] as? [[String: Any]])
        let row = try #require(rows.first { $0["wave"] as? String == "2018-autumn" && $0["measure"] as? String == "favorable" })
        let lower = try #require(row["ci_lower"] as? Double), upper = try #require(row["ci_upper"] as? Double)
        let estimate = try #require(row["estimate"] as? Double)
        let cell = String(format: "%.1f [%.1f, %.1f]", estimate * 100, lower * 100, upper * 100)
        #expect(cell == "83.0 [79.8, 85.9]")
        for args in [["overview", "--width", "160"],
                     ["table", "--dataset", "cab", "--country", "KZ", "--target", "Russia"],
                     ["trend", "--dataset", "cab", "--country", "KZ", "--target", "Russia", "--model", "linear", "--across-break"]] {
            let r = Barometer.execute(args)
            #expect(r.exitCode == 0, "\(args): \(r.errors)")
            #expect(r.output.contains(cell), "\(args[0]) does not print \(cell)")
        }
    }
}
