import Foundation
import Testing
@testable import barometer

/// Issue 11 item 2: `--to-replicates brr` and `fay` compute replicate estimates from per-PSU
/// totals (no n × R matrix) and still match R's `as.svrepdesign(type = "BRR" | "Fay")` on the
/// real `scd` design of R survey's documentation (`brr.json` from `brr.R`, R 4.2.2 + survey 4.1.1):
/// mean, total and ratio estimates and SEs, replicate count and degf, to 1e-9 relative.
@Suite struct BRRConversionTests {
    static func reference() throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Parity.extra("brr.json")))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test(arguments: ["brr", "fay3", "fay5"])
    func convertedPairsMatchR(_ name: String) throws {
        let ref = try Self.reference()
        let want = try #require((ref["cases"] as? [String: Any])?[name] as? [String: Any])
        let args = [Parity.data(try #require(ref["data"] as? String))] + (try #require(ref["design"] as? [String]))
            + (try #require(want["flags"] as? [String])) + ["--mean", "arrests", "--total", "alive", "--ratio", "alive/arrests"]
        let j = try Parity.estimate(args)
        let items = try #require(j["estimates"] as? [[String: Any]])
        #expect(items.count == 3)
        for e in items {
            let v = try #require(e["variable"] as? String)
            let w = try #require(want[v] as? [String: Any], "no R value for \(v)")
            Parity.expectClose(e["estimate"], w["estimate"], "\(name) \(v) estimate")
            Parity.expectClose(e["se"], w["se"], "\(name) \(v) SE")
        }
        let design = try #require(j["design"] as? [String: Any])
        #expect(design["degf"] as? Int == (want["degf"] as? NSNumber)?.intValue)
        #expect(design["replicates"] as? Int == (want["replicates"] as? NSNumber)?.intValue)
    }
}
