import Foundation
import Testing
@testable import barometer

/// `--strata A:B`: strata crossed from two columns, as CAB waves 1 and 4 need (region × settlement
/// type; a user-journey sweep could not give that design to `estimate`). R reference, run here:
/// `svydesign(ids=~1, strata=~interaction(stype, sch.wide), weights=~pw, data=apistrat)`,
/// `svymean(~api00, d)` = 662.2873631593207620, SE 9.4185482005293579, degf 194 (200 rows, 6
/// strata); with `ids=~dnum, nest=TRUE`: SE 10.932874765911698, degf 164. (R's own
/// `strata=~stype+sch.wide` is not this: a one-stage design uses only `stype`, SE 9.5361.)
@Suite struct CrossedStrataTests {
    static let strat = ExamplesRunTests.root.appendingPathComponent("examples/apistrat.csv").path

    static func mean(_ extra: [String]) throws -> (estimate: Double, se: Double, df: Int) {
        let r = Barometer.execute(["estimate", strat, "--weights", "pw", "--mean", "api00", "--format", "json"] + extra)
        #expect(r.exitCode == 0, "\(r.errors)")
        let j = try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
        let e = try #require((j["estimates"] as? [[String: Any]])?.first)
        let design = try #require(j["design"] as? [String: Any])
        return (try #require(e["estimate"] as? Double), try #require(e["se"] as? Double), try #require(design["degf"] as? Int))
    }

    @Test("--strata stype:sch.wide = R's interaction strata, in memory and streamed; with clusters nested too")
    func matchesR() throws {
        for stream in [[], ["--stream", "--cluster", "snum"]] {
            // Streaming needs a cluster column; each school (snum) its own PSU is R's ids=~1.
            let m = try Self.mean(["--strata", "stype:sch.wide"] + stream)
            #expect(abs(m.estimate - 662.2873631593207620) < 1e-9)
            #expect(abs(m.se - 9.4185482005293579) < 1e-10, "\(stream): \(m.se)")
            #expect(m.df == 194)
        }
        let nested = try Self.mean(["--strata", "stype:sch.wide", "--cluster", "dnum", "--nest"])
        #expect(abs(nested.se - 10.932874765911698) < 1e-10 && nested.df == 164, "\(nested)")
    }

    @Test("an unknown part names it; an empty part is an error; a row missing a part is a missing stratum")
    func badParts() throws {
        let unknown = Barometer.execute(["estimate", Self.strat, "--weights", "pw", "--mean", "api00", "--strata", "stype:schwide"])
        #expect(unknown.exitCode == 1 && unknown.errors.contains("no column named 'schwide'"), "\(unknown.errors)")
        let empty = Barometer.execute(["estimate", Self.strat, "--weights", "pw", "--mean", "api00", "--strata", "stype:"])
        #expect(empty.exitCode == 1 && empty.errors.contains("a name is empty"), "\(empty.errors)")
        let text = try String(contentsOfFile: Self.strat, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines[0].split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        let column = try #require(header.firstIndex(of: "sch.wide"))
        var cells = lines[5].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[column] = ""
        lines[5] = cells.joined(separator: ",")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("crossed-\(UUID().uuidString).csv").path
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let missing = Barometer.execute(["estimate", path, "--weights", "pw", "--mean", "api00", "--strata", "stype:sch.wide"])
        #expect(missing.exitCode == 1 && missing.errors.contains("missing") && missing.errors.contains(":6"), "\(missing.errors)")
    }
}
