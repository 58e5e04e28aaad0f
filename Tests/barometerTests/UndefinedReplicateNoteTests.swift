import Foundation
import Testing
@testable import barometer

/// A replicate in which an estimate is undefined (0/0: an all-zero replicate column, or a domain
/// empty in that replicate) is left out of that estimate's variance, as R's `svrVar` does — but R
/// warns ("1 replicates gave NA results and were discarded") and barometer said nothing. Now a
/// note names the replicates, and says when one weighs no row at all. The file: 6 rows, 4
/// replicates, replicate 3 all zero. R `survey` 4.1.1: `svrepdesign(data = d, repweights =
/// "r[0-9]+", weights = ~w, type = "other", scale = 1, rscales = 1, combined.weights = TRUE)`;
/// `svymean(~y, r)` 3.75, SE 0.236502609932561; `svyby(~y, ~g, r, svymean)` SE a 1.13651514141549,
/// b 0.47628967220784 (each with that warning).
@Suite struct UndefinedReplicateNoteTests {
    static let text = "w,y,g,r1,r2,r3,r4\n1,2,a,0,1.5,0,1.5\n2,4,a,3,0,0,3\n1,3,b,1.5,1.5,0,0\n2,5,b,3,3,0,3\n1,1,a,1.5,1.5,0,1.5\n1,6,b,1.5,1.5,0,1.5\n"

    static func run(_ extra: [String]) throws -> (output: String, json: [[String: Any]]) {
        let path = try HostileSweepTests.file("zero-replicate.csv", text)
        let base = ["estimate", path, "--weights", "w", "--repweights", "^r[0-9]", "--rep-type", "other", "--mean", "y"] + extra
        let text = Barometer.execute(base)
        #expect(text.exitCode == 0, "\(text.errors)")
        let json = Barometer.execute(base + ["--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        return (text.output, object?["estimates"] as? [[String: Any]] ?? [])
    }

    @Test("whole sample, in memory and streamed: R's SE and a note naming replicate 3 as weighing no row",
          arguments: [[], ["--stream"]])
    func wholeSample(_ extra: [String]) throws {
        let (output, json) = try Self.run(extra)
        #expect(abs((json.first?["se"] as? Double ?? 0) - 0.236502609932561) < 1e-12)
        #expect(output.contains("1 estimate(s) are undefined in some replicates (replicate 3 of 4"))
        #expect(output.contains("Replicate 3 gives no estimate at all"))
    }

    @Test("by domain: R's per-domain SEs; the note without the all-zero guess (no whole-sample estimate)")
    func byDomain() throws {
        let (output, json) = try Self.run(["--by", "g"])
        let se = json.compactMap { $0["se"] as? Double }
        #expect(se.count == 2 && abs(se[0] - 1.13651514141549) < 1e-12 && abs(se[1] - 0.47628967220784) < 1e-12, "\(se)")
        #expect(output.contains("2 estimate(s) are undefined in some replicates (replicate 3 of 4"))
        #expect(!output.contains("gives no estimate at all"))
    }

    @Test("no note when every replicate gives every estimate")
    func quiet() throws {
        let path = try HostileSweepTests.file("fine.csv", Self.text.replacingOccurrences(of: ",0,1.5\n", with: ",1,1.5\n"))
        let r = Barometer.execute(["estimate", path, "--weights", "w", "--repweights", "^r[0-9]", "--rep-type", "other", "--mean", "y"])
        #expect(r.exitCode == 0 && !r.output.contains("undefined in some replicates"), "\(r.output)")
    }
}
