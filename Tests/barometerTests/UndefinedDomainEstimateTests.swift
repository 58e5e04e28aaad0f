import Foundation
import Testing
@testable import barometer

/// A domain whose estimate is undefined no longer fails the whole command with a false message
/// ("has no rows with both a value and a non-zero weight"): it is shown undefined, with a note,
/// and the other domains are estimated — as R. R 4.2.2, survey 4.1.1, on the rows below with
/// d <- svydesign(ids=~psu, strata=~st, weights=~w, data=…):
/// `svyby(~y, ~g, denominator=~x, d, svyratio)`: a 2.95833333333333 (SE 1.32347702480443),
/// b 2.47368421052632 (SE 0.821440575860416), c Inf (SE NaN) — x is 0 throughout domain c.
/// A one-row domain's variance (n/(n−1) · 0) is 0/0: NaN in R's svyvar on that subset.
@Suite struct UndefinedDomainEstimateTests {
    static let csv = """
    st,psu,w,y,x,g
    A,1,2,3,1,a
    A,1,3,3,0,a
    A,2,2,5,2,b
    A,2,4,3,0,c
    A,3,2,7,1,b
    B,4,2,3,0,c
    B,4,5,4,3,a
    B,5,2,5,0,c
    B,5,1,5,1,b
    B,6,2,9,2,a
    B,6,6,3,2,b
    B,7,3,6,1,a
    """

    static func run(_ extra: [String]) throws -> (output: String, json: [[String: Any]]) {
        let path = try HostileSweepTests.file("undefined-domain.csv", csv)
        let base = ["estimate", path, "--weights", "w", "--strata", "st", "--cluster", "psu"] + extra
        let text = Barometer.execute(base)
        #expect(text.exitCode == 0, "\(text.errors)")
        let json = Barometer.execute(base + ["--format", "json"])
        #expect(json.exitCode == 0, "\(json.errors)")
        let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        return (text.output, object?["estimates"] as? [[String: Any]] ?? [])
    }

    @Test func ratioWithAZeroDenominatorInOneDomain() throws {
        let (output, json) = try Self.run(["--ratio", "y/x", "--by", "g"])
        #expect(json.count == 3)
        #expect(abs((json[0]["estimate"] as? Double ?? 0) - 2.95833333333333) < 1e-12)
        #expect(abs((json[0]["se"] as? Double ?? 0) - 1.32347702480443) < 1e-12)
        #expect(abs((json[1]["se"] as? Double ?? 0) - 0.821440575860416) < 1e-12)
        #expect(json[2]["estimate"] is NSNull && json[2]["se"] is NSNull)
        #expect(output.contains("1 estimate(s) are undefined"), "\(output)")
    }

    @Test func varianceOfAOneRowDomain() throws {
        let path = try HostileSweepTests.file("one-row.csv", Self.csv.replacingOccurrences(of: "B,7,3,6,1,a", with: "B,7,3,6,1,d"))
        let r = Barometer.execute(["estimate", path, "--weights", "w", "--strata", "st", "--cluster", "psu", "--var", "y", "--by", "g"])
        #expect(r.exitCode == 0, "\(r.errors)")
        #expect(r.output.contains("g=d") && r.output.contains("estimate(s) are undefined"), "\(r.output)")
    }
}
