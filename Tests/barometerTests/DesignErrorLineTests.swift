import Foundation
import Testing
@testable import barometer
import Survey

/// A missing or invalid weight and a missing design value are bad input at a place in the file:
/// the error names the file, the line the row starts on, and the column, in memory and streamed
/// alike. Lines counted by hand: the header is line 1; a blank line and a quoted line break each
/// add a line before the bad row.
@Suite struct DesignErrorLineTests {
    static func file(_ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("design-line-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("d.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("a missing weight after a blank line and a quoted line break: line 6, column w, data row 3",
          arguments: [false, true])
    func missingWeight(stream: Bool) throws {
        // Line 1 header, 2 row 1, 3 blank, 4-5 row 2 (a quoted break in `note`), 6 row 3.
        let path = try Self.file("w,y,psu,note\n1,2,1,a\n\n2,3,2,\"two\nlines\"\n,4,3,c\n1,5,4,d\n")
        let r = Barometer.execute(["estimate", path, "--weights", "w", "--mean", "y", "--cluster", "psu"] + (stream ? ["--stream"] : []))
        #expect(r.exitCode == 1 && r.output.isEmpty)
        #expect(r.errors.contains("d.csv:6: column w: weight 'w' is missing at data row 3"), "\(r.errors)")
    }

    @Test("a missing cluster id: its line and column, in memory and streamed", arguments: [false, true])
    func missingCluster(stream: Bool) throws {
        let path = try Self.file("w,y,psu,st\n1,2,1,a\n2,3,2,a\n\n3,4,3,b\n1,5,,b\n2,2,5,b\n")
        let r = Barometer.execute(["estimate", path, "--weights", "w", "--mean", "y", "--cluster", "psu", "--strata", "st"]
                                  + (stream ? ["--stream"] : []))
        #expect(r.exitCode == 1 && r.output.isEmpty)
        #expect(r.errors.contains("d.csv:6: column psu: design variable 'psu' is missing at data row 4"), "\(r.errors)")
    }

    @Test("a selection probability above 1: its line, and the probability rule")
    func probabilityAboveOne() throws {
        let path = try Self.file("p,y\n0.5,2\n1.5,3\n")
        let r = Barometer.execute(["estimate", path, "--probs", "p", "--mean", "y"])
        #expect(r.exitCode == 1)
        #expect(r.errors.contains("d.csv:3: column p: weight 'p' is 1.5 at data row 2: a selection probability must be in (0, 1]"),
                "\(r.errors)")
    }

    /// A sweep: a missing replicate weight was "replicate 3 has a missing or infinite value at row
    /// 6", naming neither file nor column, where a missing full-sample weight names both.
    @Test func missingReplicateWeightNamesFileLineAndColumn() throws {
        var csv = "w,rw1,rw2,rw3,y\n"
        for i in 0..<8 { csv += "1,1.1,0.9,\(i == 5 ? "" : "1.2"),\(Double(i) / 10)\n" }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rw-\(UUID().uuidString).csv").path
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = Barometer.execute(["estimate", path, "--weights", "w", "--repweights", "^rw", "--rep-type", "other", "--mean", "y"])
        // Data row 6 (0-based 5) is file line 7.
        #expect(r.exitCode == 1)
        #expect(r.errors.contains("\(path):7: column rw3: replicate weight 'rw3' is missing or infinite at data row 6"), "\(r.errors)")
    }
}
