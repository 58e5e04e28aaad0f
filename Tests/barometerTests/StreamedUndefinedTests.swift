import Foundation
import Testing
@testable import barometer
import Survey

/// A ratio whose denominator totals 0 in one domain: in memory that domain's ratio is undefined
/// (JSON null, with a note, as R gives Inf or NaN) and the others are estimated; `--stream` failed
/// the whole request with "no rows with both a value and a non-zero weight" (and so did a file
/// streamed automatically for its size). Both paths agree now.
/// (SYNTHETIC data: 400 rows, 8 strata of 5 PSUs, domain D2 with x = 0 on every row.)
@Suite struct StreamedUndefinedTests {
    @Test(arguments: [["--strata", "st", "--cluster", "psu"], ["--repweights", "^r[0-9]", "--rep-type", "jk1"]])
    func zeroDenominatorDomainIsUndefinedInBothPaths(design: [String]) throws {
        var text = "st,psu,w,y,x,dom," + (1...8).map { "r\($0)" }.joined(separator: ",") + "\n"
        for i in 0..<400 {
            let psu = i % 40, dom = "D\(i % 4)", w = 1 + Double(i % 9) * 0.5
            let x = dom == "D2" ? 0 : 1 + Double(i % 5)
            let reps = (0..<8).map { $0 == psu % 8 ? "0" : "\(w * 8 / 7)" }.joined(separator: ",")
            text += "\(psu / 5),\(psu),\(w),\(Double(i % 13)),\(x),\(dom),\(reps)\n"
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("zeroden-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let base = ["estimate", path, "--weights", "w"] + design + ["--ratio", "y/x", "--by", "dom", "--format", "json"]
        func rows(_ extra: [String]) throws -> [String: [String: Any]] {
            let r = Barometer.execute(base + extra)
            #expect(r.exitCode == 0, "\(extra): \(r.errors)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
            let list = try #require(json["estimates"] as? [[String: Any]])
            return Dictionary(uniqueKeysWithValues: list.compactMap { e in ((e["domain"] as? [String: Any])?["value"] as? String).map { ($0, e) } })
        }
        let memory = try rows([]), streamed = try rows(["--stream"])
        #expect(memory.count == 4 && streamed.count == 4)
        #expect(memory["D2"]?["estimate"] is NSNull && streamed["D2"]?["estimate"] is NSNull)
        for d in ["D0", "D1", "D3"] {
            let a = memory[d]?["estimate"] as? Double ?? .nan, b = streamed[d]?["estimate"] as? Double ?? .nan
            let sa = memory[d]?["se"] as? Double ?? .nan, sb = streamed[d]?["se"] as? Double ?? .nan
            #expect(abs(a - b) <= 1e-12 * abs(a) && abs(sa - sb) <= 1e-10 * sa, "\(d): \(a) \(b) \(sa) \(sb)")
        }
    }
}

/// `--stream` took every `.csv` as comma-separated: a semicolon file (common where the decimal
/// mark is a comma) failed with "no column named 'w'" though the whole-file reader reads it; and a
/// bad `--repweights` pattern gave a raw Foundation error and exit 1 instead of a usage error (2).
@Suite struct StreamedInputTests {
    @Test func semicolonFileStreamsAsItReads() throws {
        var text = "st;psu;w;y;dom\n"
        for i in 0..<200 { text += "\(i % 4);\(i % 40);\(1 + Double(i % 5) * 0.5);\(Double(i % 17));D\(i % 3)\n" }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("semi-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let base = ["estimate", path, "--weights", "w", "--strata", "st", "--cluster", "psu", "--mean", "y", "--by", "dom", "--format", "csv"]
        let memory = Barometer.execute(base), streamed = Barometer.execute(base + ["--stream"])
        #expect(memory.exitCode == 0 && streamed.exitCode == 0, "\(streamed.errors)")
        // The same table, numbers to rounding (the paths sum in different orders).
        let a = memory.output.split(whereSeparator: \.isNewline), b = streamed.output.split(whereSeparator: \.isNewline)
        #expect(a.count == 4 && b.count == 4 && a.first == b.first)
        for (x, y) in zip(a.dropFirst(), b.dropFirst()) {
            for (u, v) in zip(x.split(separator: ",", omittingEmptySubsequences: false), y.split(separator: ",", omittingEmptySubsequences: false)) {
                if let p = Double(u), let q = Double(v) { #expect(abs(p - q) <= 1e-12 * max(1, abs(p)), "\(x) | \(y)") } else { #expect(u == v) }
            }
        }
    }

    /// `--na-rm` is not streamed: refused up front (exit 2), not when a missing value turns up.
    @Test func naRemoveIsRefusedUpFront() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("na-\(UUID().uuidString).csv").path
        try "w,y,st,psu\n1,2,1,1\n2,3,1,2\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = Barometer.execute(["estimate", path, "--weights", "w", "--strata", "st", "--cluster", "psu", "--mean", "y", "--na-rm", "--stream"])
        #expect(r.exitCode == 2, "\(r.errors)")
        #expect(r.errors.contains("not --na-rm"))
    }

    @Test func badReplicatePatternIsAUsageError() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rw-\(UUID().uuidString).csv").path
        try "w,y,r1,r2\n1,2,1,1\n2,3,2,0\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = Barometer.execute(["estimate", path, "--weights", "w", "--repweights", "([", "--rep-type", "jk1", "--mean", "y", "--stream"])
        #expect(r.exitCode == 2, "\(r.errors)")
        #expect(r.errors.contains("not a valid regular expression"))
    }
}
