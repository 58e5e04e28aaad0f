import Foundation
import Testing
@testable import barometer

/// `barometer estimate --stream`: the same report as reading the file whole (values and SEs to
/// 1e-12 relative; design n and df exactly), and a usage error (exit 2) naming what it does not
/// cover rather than a different answer.
@Suite struct EstimateStreamingTests {
    static let small = EstimateTests.root.appendingPathComponent("Tests/Fixtures/streaming/small.csv").path

    static func estimates(_ args: [String]) throws -> (design: [String: Any], rows: [[String: Any]]) {
        let r = Barometer.execute(["estimate", small] + args + ["--format", "json"])
        #expect(r.exitCode == 0, "\(r.errors)")
        let j = try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
        return (try #require(j["design"] as? [String: Any]), try #require(j["estimates"] as? [[String: Any]]))
    }

    @Test("--stream prints the in-memory estimates (replicate ACS constants and Taylor), by domain",
          arguments: [["--weights", "w", "--repweights", "^rw[0-9]+$", "--rep-type", "other", "--scale", "0.05", "--mse"],
                      ["--weights", "w", "--strata", "stratum", "--cluster", "psu", "--nest"]])
    func streamEqualsWhole(design: [String]) throws {
        let stats = ["--mean", "inc,age", "--total", "inc", "--proportion", "sex", "--ratio", "inc/age", "--by", "dom"]
        let whole = try Self.estimates(design + stats), streamed = try Self.estimates(design + stats + ["--stream"])
        #expect(whole.design["n"] as? Int == streamed.design["n"] as? Int)
        #expect(whole.design["degf"] as? Int == streamed.design["degf"] as? Int)
        #expect(whole.rows.count == streamed.rows.count && whole.rows.count == 2 * 9 + 9 + 2 * 9 + 9)
        for (a, b) in zip(whole.rows, streamed.rows) {
            #expect(a["variable"] as? String == b["variable"] as? String && a["df"] as? Int == b["df"] as? Int)
            for key in ["estimate", "se", "ci_lower", "ci_upper"] {
                let x = try #require((a[key] as? NSNumber)?.doubleValue), y = try #require((b[key] as? NSNumber)?.doubleValue)
                #expect(abs(x - y) <= 1e-12 * max(abs(x), abs(y)), "\(key): \(x) vs \(y)")
            }
        }
    }

    @Test("--stream with a statistic it does not cover (quantiles: a second pass) is a usage error, exit 2")
    func uncoveredIsUsageError() {
        let r = Barometer.execute(["estimate", Self.small, "--weights", "w", "--strata", "stratum", "--cluster", "psu", "--nest",
                                   "--quantile", "inc:0.5", "--stream"])
        #expect(r.exitCode == 2)
        #expect(r.errors.contains("--quantile"))
    }

    @Test("--stream on a file with a non-numeric cell far down: exit 1, file:line: column and what was expected")
    func badCellIsDataError() throws {
        // Data row 1,500 (0-based) of 2,000 is file line 1,502; `y` holds "1,5" there (quoted).
        var text = "y,w,g\n"
        for i in 0..<2000 { text += (i == 1500 ? "\"1,5\"" : String(i % 10)) + ",2,\(i % 9)\n" }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stream-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("bad.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let r = Barometer.execute(["estimate", path, "--weights", "w", "--cluster", "g", "--mean", "y", "--stream"])
        #expect(r.exitCode == 1)
        #expect(r.errors.contains("\(path):1502: column y: non-numeric cell '1,5' in a column used as numeric"), "\(r.errors)")
        #expect(r.errors.contains("decimal comma") && r.output.isEmpty)
    }

    @Test("--stream with more replicate weights than the streaming path takes (4,097 on 3 rows): exit 2 at once; read whole it works")
    func tooManyReplicatesIsUsageError() throws {
        // Before, 20,000 replicate columns on a 4-row file ran for more than ten minutes (two 3.2 GB Gram matrices).
        let r = 4097
        var text = "w,y," + (1...r).map { "rw\($0)" }.joined(separator: ",") + "\n"
        for i in 0..<3 { text += "1,\(i)," + (1...r).map { ($0 + i) % 3 == 0 ? "0" : "1.5" }.joined(separator: ",") + "\n" }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stream-wide-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("wide.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let args = ["estimate", path, "--weights", "w", "--repweights", "^rw[0-9]+$", "--rep-type", "other", "--mean", "y"]
        let streamed = Barometer.execute(args + ["--stream"])
        #expect(streamed.exitCode == 2 && streamed.output.isEmpty)
        #expect(streamed.errors.contains("at most 4096 replicate weights") && streamed.errors.contains("matches 4097"), "\(streamed.errors)")
        let whole = Barometer.execute(args)
        #expect(whole.exitCode == 0, "\(whole.errors)")
        // Mean of y = (0 + 1 + 2) / 3 with equal weights.
        #expect(whole.output.contains("1.0000"))
    }

    @Test("hostile small files: --stream fails exactly when reading whole does, with the same message where both know the same",
          arguments: [
            ("w,y,rw1,rw2\n", "the data have no rows"),                                   // header only
            ("w,y,rw1,rw2\n0,1,1,1\n0,2,1,1\n", "every sampling weight is zero"),
            ("w,y,rw1,rw2\n1,1,1,1\n-1,2,1,1\n", "h.csv:3: column w: weight 'w' is -1 at data row 2"),
            ("w,y,rw1,rw2\n1,1,1,NA\n1,2,1,1\n", "replicate"),                           // a missing replicate weight
            ("w,y,rw1,rw2\n1,,1,1\n1,2,1,1\n", "'y'"),                                    // a missing value
          ])
    func hostileFilesFailAlike(text: String, message: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stream-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("h.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        for stats in [["--mean", "y"], ["--total", "y"], ["--proportion", "y"]] {
            let args = ["estimate", path, "--weights", "w", "--repweights", "^rw", "--rep-type", "bootstrap"] + stats
            let whole = Barometer.execute(args), streamed = Barometer.execute(args + ["--stream"])
            #expect(whole.exitCode == 1 && streamed.exitCode == 1, "\(stats): \(whole.errors) | \(streamed.errors)")
            #expect(whole.errors.contains(message) && streamed.errors.contains(message), "\(stats): \(whole.errors) | \(streamed.errors)")
            #expect(whole.output.isEmpty && streamed.output.isEmpty)
        }
    }

    @Test("files of 2 GiB or more stream automatically (unless BAROMETER_STREAM_BYTES says otherwise)")
    func automaticThreshold() {
        if ProcessInfo.processInfo.environment["BAROMETER_STREAM_BYTES"] == nil {
            #expect(Barometer.Estimate.automaticBytes == 2 * 1024 * 1024 * 1024)
        }
    }
}
