import Foundation
import Survey
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

    /// A sweep: labels joined with " × " merged ("p × q", "r") and ("p", "q × r") into one stratum
    /// (3 strata, SE 0.3325, df 5). R, run here on this file:
    /// `svydesign(ids=~psu, strata=~interaction(A, B, drop=TRUE), weights=~w, data=d)`, `svymean(~y, d)`
    /// = 3.93000000000000016, SE 0.17465348630295871, degf 4 (4 strata, 8 PSUs); streamed too,
    /// whole and in chunks of about two rows.
    @Test("strata whose values hold ' × ' stay apart (R: 4 strata, SE 0.17465348630295871), in memory and streamed")
    func labelsThatReadAlikeStayApart() throws {
        let csv = """
            A,B,psu,w,y
            p × q,r,1,1.5,3.1
            p × q,r,1,2.0,4.7
            p × q,r,2,1.0,2.2
            p × q,r,2,2.5,5.9
            p,q × r,3,1.2,1.4
            p,q × r,3,0.8,2.6
            p,q × r,4,1.9,3.3
            p,q × r,4,1.1,0.9
            s,t,5,2.2,6.1
            s,t,5,1.3,4.4
            s,t,6,0.7,5.0
            s,t,6,1.6,7.2
            s,u,7,1.4,2.8
            s,u,7,2.1,3.9
            s,u,8,0.9,1.7
            s,u,8,1.8,2.5

            """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("collide-\(UUID().uuidString).csv").path
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        for stream in [[], ["--stream"]] {
            let r = Barometer.execute(["estimate", path, "--weights", "w", "--strata", "A:B", "--cluster", "psu", "--mean", "y",
                                       "--format", "json"] + stream)
            #expect(r.exitCode == 0, "\(r.errors)")
            let j = try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
            let design = try #require(j["design"] as? [String: Any])
            let e = try #require((j["estimates"] as? [[String: Any]])?.first)
            #expect(design["strata"] as? Int == 4 && design["degf"] as? Int == 4, "\(stream): \(design)")
            #expect(abs((e["se"] as? Double ?? 0) - 0.17465348630295871) < 1e-12, "\(stream)")
        }
        // Streamed in chunks of about two rows: each chunk meets some combinations, and must
        // label them as the others do.
        var estimator = try StreamingEstimator(request: StreamingRequest(means: ["y"]),
                                               design: .taylor(weights: "w", strata: "A:B", cluster: "psu", nested: false))
        try StreamingCSV(path: path, chunkBytes: 40, threads: 1).forEachChunk { chunk, before in
            try estimator.add(chunk, rowsBefore: before)
        }
        let small = try estimator.estimate()
        #expect(abs(small.estimate.standardErrors[0] - 0.17465348630295871) < 1e-12)
        let table = try CSVReader().read(path: path)
        let crossed = try table.column(crossing: "A:B")
        guard case .categorical(_, let levels) = crossed.values else { Issue.record("not categorical"); return }
        #expect(levels == ["\"p × q\" × r", "p × \"q × r\"", "s × t", "s × u"])
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
