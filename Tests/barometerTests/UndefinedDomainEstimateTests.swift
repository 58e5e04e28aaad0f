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

    /// A domain where every row misses the value (every West respondent skipped fav) failed the
    /// whole `--na-rm` request; the other domains are now estimated and West is undefined, with a
    /// note. R 4.x, survey: d <- read.csv(text = <rows below>, na.strings = ""), d$fav <- factor(d$fav),
    /// des <- svydesign(ids = ~1, weights = ~w, data = d): `svyby(~fav, ~region, des, svymean,
    /// na.rm = TRUE)` and `svyby(~x, ~region, des, svymean, na.rm = TRUE)` give East, North, South
    /// below — and West 0 with SE 0, which is not an estimate: here it is null.
    @Test func domainWithoutAValue() throws {
        let rows = """
            id,region,fav,x,w
            1,North,a,1.5,1.0
            2,North,b,3,2.0
            3,North,a,4.5,1.5
            4,South,a,6,1.0
            5,South,b,7.5,0.5
            6,South,b,9,2.5
            7,East,a,10.5,1.2
            8,East,b,12,0.8
            9,East,a,13.5,1.0
            10,West,,,1.3
            11,West,,,0.7
            12,North,,,1.1
            """
        let path = try HostileSweepTests.file("domain-without-a-value.csv", rows)
        func json(_ flags: [String]) throws -> (String, [[String: Any]]) {
            let base = ["estimate", path, "--weights", "w", "--by", "region", "--na-rm"] + flags
            let text = Barometer.execute(base)
            #expect(text.exitCode == 0, "\(text.errors)")
            let r = Barometer.execute(base + ["--format", "json"])
            let object = try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any]
            return (text.output, object?["estimates"] as? [[String: Any]] ?? [])
        }
        func element(_ list: [[String: Any]], _ region: String, _ level: String? = nil) -> [String: Any]? {
            list.first { ($0["domain"] as? [String: Any])?["value"] as? String == region && (level == nil || $0["level"] as? String == level) }
        }
        let (text, shares) = try json(["--proportion", "fav"])
        for (region, p, se) in [("East", 0.733333333333333, 0.250499837026231), ("North", 0.555555555555556, 0.317951626659947),
                                ("South", 0.25, 0.257004156315878)] {
            #expect(abs((element(shares, region, "a")?["estimate"] as? Double ?? .nan) - p) < 1e-12, "\(region)")
            #expect(abs((element(shares, region, "a")?["se"] as? Double ?? .nan) - se) < 1e-12, "\(region)")
        }
        #expect(element(shares, "West", "a")?["estimate"] is NSNull && element(shares, "West", "b")?["se"] is NSNull)
        #expect(text.contains("2 estimate(s) are undefined") && text.contains("fav in region=West"), "\(text)")
        let (_, means) = try json(["--mean", "x"])
        for (region, m, se) in [("East", 11.9, 0.808200395191613), ("North", 3.16666666666667, 0.609195037193193),
                                ("South", 8.0625, 0.818514669510905)] {
            #expect(abs((element(means, region)?["estimate"] as? Double ?? .nan) - m) < 1e-12, "\(region)")
            #expect(abs((element(means, region)?["se"] as? Double ?? .nan) - se) < 1e-12, "\(region)")
        }
        #expect(element(means, "West")?["estimate"] is NSNull)
        // Medians: R's svyby(~x, ~region, des, svyquantile, quantiles = 0.5, na.rm = TRUE, ci = TRUE)
        // stops on West ("missing value where TRUE/FALSE needed"); on subset(des, region != "West")
        // it gives East 12 (SE NaN), North 3 (SE NaN), South 9 (SE 0).
        let (_, medians) = try json(["--quantile", "x:0.5"])
        for (region, q) in [("East", 12.0), ("North", 3.0), ("South", 9.0)] {
            #expect(element(medians, region)?["estimate"] as? Double == q, "\(region)")
        }
        #expect(element(medians, "South")?["se"] as? Double == 0 && element(medians, "North")?["se"] is NSNull)
        #expect(element(medians, "West")?["estimate"] is NSNull)
        // Under replicate weights (JK1 from the rows as clusters) too; the undefined domain's own
        // note is the only one about it (not "undefined in some replicates").
        let jk = Barometer.execute(["estimate", path, "--weights", "w", "--cluster", "id", "--to-replicates", "jk1",
                                    "--by", "region", "--na-rm", "--proportion", "fav"])
        #expect(jk.exitCode == 0 && jk.output.contains("2 estimate(s) are undefined (—; fav in region=West"), "\(jk.errors)")
        #expect(!jk.output.contains("undefined in some replicates"), "\(jk.output)")
        // Every domain without a value is still an error (nothing to estimate).
        let none = try HostileSweepTests.file("no-value-anywhere.csv", "region,x,w\nA,,1\nB,,2\n")
        let r = Barometer.execute(["estimate", none, "--weights", "w", "--by", "region", "--na-rm", "--mean", "x"])
        #expect(r.exitCode == 1 && r.errors.contains("no rows with both a value and a non-zero weight"), "\(r.errors)")
        let q = Barometer.execute(["estimate", none, "--weights", "w", "--by", "region", "--na-rm", "--quantile", "x:0.5"])
        #expect(q.exitCode == 1 && q.errors.contains("no rows with both a value and a non-zero weight"), "\(q.errors)")
    }

    @Test func varianceOfAOneRowDomain() throws {
        let path = try HostileSweepTests.file("one-row.csv", Self.csv.replacingOccurrences(of: "B,7,3,6,1,a", with: "B,7,3,6,1,d"))
        let r = Barometer.execute(["estimate", path, "--weights", "w", "--strata", "st", "--cluster", "psu", "--var", "y", "--by", "g"])
        #expect(r.exitCode == 0, "\(r.errors)")
        #expect(r.output.contains("g=d") && r.output.contains("estimate(s) are undefined"), "\(r.output)")
    }
}
