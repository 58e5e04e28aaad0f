import Foundation
import Testing
@testable import barometer

/// Cases from a sweep of small hostile inputs over the commands other than `estimate`, each
/// behaving before as the comment says: now a located error, a clear message or a note.
@Suite struct HostileSweepTests {
    static func file(_ name: String, _ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// All weights zero: was "Rao–Scott test failed: LAPACK dgeqrf failed (info = -4)".
    @Test func crosstabWithZeroWeightsSaysSo() throws {
        let path = try Self.file("w0.csv", "s,g,w\nA,p,0\nB,q,0\nA,q,0\nB,p,0\n")
        let r = Barometer.execute(["crosstab", path, "--row", "s", "--col", "g", "--weights", "w"])
        #expect(r.exitCode == 1 && r.errors.contains("every sampling weight is zero") && !r.errors.contains("LAPACK"), "\(r.errors)")
    }

    /// x always with u, y always with v: R's svychisq gives F = 3.2452e+32 from a design effect of
    /// 1.2e-32 (checked with R survey 4.1.1); the numbers stay R's, and a note says they mean nothing.
    @Test func crosstabRoundingLevelDesignEffectIsNoted() throws {
        let path = try Self.file("diag.csv", "a,b\nx,u\ny,v\nx,u\ny,v\n")
        let r = Barometer.execute(["crosstab", path, "--row", "a", "--col", "b", "--width", "200"])
        #expect(r.exitCode == 0 && r.output.contains("is zero up to rounding") && r.output.contains("not meaningful"), "\(r.output)")
        let ordinary = Barometer.execute(["crosstab", EstimateTests.strat, "--row", "stype", "--col", "awards", "--weights", "pw",
                                          "--width", "200"])
        #expect(ordinary.exitCode == 0 && !ordinary.output.contains("zero up to rounding"))
    }

    /// A weight of -0 printed "min -0, max/min -inf"; a zero weight "max/min inf".
    @Test func rakeReportHasNoInfiniteRatio() throws {
        let data = try Self.file("d.csv", "w,s\n1,A\n-0,B\n1,A\n1,B\n1,A\n1,B\n")
        let margins = try Self.file("m.csv", "variable,level,total\ns,A,60\ns,B,40\n")
        let out = URL(fileURLWithPath: data).deletingLastPathComponent().appendingPathComponent("o.csv").path
        let r = Barometer.execute(["rake", data, "--weights", "w", "--margins", margins, "--out", out])
        #expect(r.exitCode == 0, "\(r.errors)")
        #expect(r.output.contains("min 0, max 1, max/min — (a zero weight)") && !r.output.contains("inf") && !r.output.contains("min -0"),
                "\(r.output)")
    }

    /// A folder, /dev/null or a missing file as --series: was "NSCocoaErrorDomain error 256",
    /// "You don't have permission" and "The operation could not be completed".
    @Test func seriesFileReadErrorsAreClear() {
        let folder = FileManager.default.temporaryDirectory.path
        #expect(Barometer.execute(["table", "--series", folder]).errors.contains("\(folder): is a directory, expected a data file"))
        #expect(Barometer.execute(["table", "--series", "/dev/null"]).errors.contains("/dev/null: series file is empty"))
        let missing = Barometer.execute(["table", "--series", "/no/such/series.csv"])
        #expect(missing.exitCode == 1 && missing.errors.contains("cannot open file: No such file or directory"), "\(missing.errors)")
    }

    /// `--out ""` said "cannot replace file: Is a directory" without a name; `report --out -`
    /// wrote a file named "-" (rake's `-` is standard output).
    @Test func emptyOutputNameAndDashOutput() throws {
        let r = Barometer.execute(["report", "--country", "KZ", "--out", ""])
        #expect(r.exitCode == 1 && r.errors.contains("the output file name is empty"), "\(r.errors)")
        let dash = Barometer.execute(["report", "--country", "KZ", "--out", "-"])
        #expect(dash.exitCode == 0 && dash.output.hasPrefix("<!DOCTYPE html>"), "\(dash.output.prefix(80))")
        #expect(!FileManager.default.fileExists(atPath: FileManager.default.currentDirectoryPath + "/-"))
    }

    /// `--bounds -inf,2` (the help's own -inf) and `--rake-epsilon -1` read as a missing value
    /// ("Missing value for '--bounds <bounds>'"); now the value is taken and judged.
    @Test func negativeFlagValuesAreValues() {
        let r = Barometer.execute(["estimate", EstimateTests.strat, "--weights", "pw", "--strata", "stype", "--mean", "api00",
                                   "--rake-epsilon", "-1", "--rake", RakeCommandTests.margins])
        #expect(r.exitCode == 2 && r.errors.contains("--rake-epsilon must be in (0, 1) (got -1.0)"), "\(r.errors)")
        let bounds = Barometer.execute(["estimate", EstimateTests.strat, "--weights", "pw", "--strata", "stype", "--mean", "api00",
                                        "--calibrate", RakeCommandTests.margins, "--bounds", "-inf,2"])
        #expect(!bounds.errors.contains("Missing value"), "\(bounds.errors)")
    }

    /// A 100,000-digit number was echoed whole (10 MB of stderr for a 10-million-digit cell).
    @Test func longCellIsQuotedShort() throws {
        let path = try Self.file("long.csv", "y,x\n1,2\n" + String(repeating: "1", count: 100_000) + ",3\n4,5\n")
        let r = Barometer.execute(["regress", path, "--y", "y", "--x", "x"])
        #expect(r.exitCode == 1 && r.errors.contains("(100000 bytes)") && r.errors.utf8.count < 600, "\(r.errors.prefix(300))")
    }

    /// Lines ended by CR alone: "column name '0' appears twice in the header"; now named for what
    /// it is, on the in-memory, fast and streamed paths. A quoted CR inside a header name is no line end.
    @Test func carriageReturnLineEndsAreNamed() throws {
        let path = try Self.file("cr.csv", "y,x,w\r1,2,1\r3,4,1\r5,7,1\r")
        for args in [["regress", path, "--y", "y", "--x", "x"], ["estimate", path, "--weights", "w", "--mean", "y"],
                     ["crosstab", path, "--row", "y", "--col", "x"]] {
            let r = Barometer.execute(args)
            #expect(r.exitCode == 1 && r.errors.contains("line ends are a carriage return alone"), "\(args[0]): \(r.errors)")
        }
        let quoted = try Self.file("q.csv", "a,\"b\rc\",w\n1,2,1\n3,4,1\n")
        #expect(!Barometer.execute(["estimate", quoted, "--weights", "w", "--mean", "a"]).errors.contains("carriage return"))
    }

    /// `--country ""`, `--from ""` and `rake --new-weight ""` were taken (all countries; exit 1;
    /// an output column with no name): usage errors now.
    @Test func emptyValuesAreUsageErrors() throws {
        let table = Barometer.execute(["table", "--dataset", "cab", "--country", ""])
        #expect(table.exitCode == 2 && table.errors.contains("--country was given without a value"), "\(table.errors)")
        let compare = Barometer.execute(["compare", "--dataset", "cab", "--country", "KZ", "--target", "China", "--from", "", "--to", "2022"])
        #expect(compare.exitCode == 2 && compare.errors.contains("--from needs a wave"), "\(compare.errors)")
        let data = try Self.file("d.csv", "w,s\n1,A\n1,B\n")
        let margins = try Self.file("m.csv", "variable,level,total\ns,A,60\ns,B,40\n")
        let rake = Barometer.execute(["rake", data, "--weights", "w", "--margins", margins, "--new-weight", "",
                                      "--out", URL(fileURLWithPath: data).deletingLastPathComponent().appendingPathComponent("o.csv").path])
        #expect(rake.exitCode == 2 && rake.errors.contains("--new-weight needs a column name"), "\(rake.errors)")
    }
}
