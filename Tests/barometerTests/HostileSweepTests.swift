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
        for (flag, value) in [("--scale", "-1"), ("--fay-rho", "-0.5")] {
            let r = Barometer.execute(["estimate", EstimateTests.jk1, "--weights", "pw", "--repweights", "^rw[0-9]+$",
                                       "--rep-type", flag == "--fay-rho" ? "fay" : "jk1", flag, value, "--mean", "api00"])
            #expect(r.exitCode == 2 && r.errors.contains(flag) && !r.errors.contains("Missing value"), "\(flag): \(r.errors)")
        }
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

    /// 34,000 bootstrap replicates (within the flag's 2…100,000) crashed with exit 139: one stack
    /// frame per replicate column pinned. A 40,000-column replicate file likewise.
    @Test func tensOfThousandsOfReplicatesDoNotCrash() throws {
        let r = Barometer.execute(["estimate", EstimateTests.strat, "--weights", "pw", "--to-replicates", "bootstrap",
                                   "--bootstrap-replicates", "34000", "--seed", "1", "--mean", "api00", "--format", "json"])
        #expect(r.exitCode == 0 && r.output.contains("\"replicates\": 34000"), "\(r.errors)")
        let names = (0..<40_000).map { "r\($0)" }
        var text = "w,y," + names.joined(separator: ",") + "\n"
        for i in 0..<4 { text += "1,\(i)," + names.indices.map { ($0 + i) % 2 == 0 ? "0.5" : "1.5" }.joined(separator: ",") + "\n" }
        let wide = Barometer.execute(["estimate", try Self.file("wide.csv", text), "--weights", "w", "--repweights", "^r",
                                      "--rep-type", "bootstrap", "--mean", "y"])
        #expect(wide.exitCode == 0, "\(wide.errors)")
    }

    /// A --by or --proportion column with a level per row asked for a k × k covariance (200,000
    /// levels: 320 GB, abort 134; 30,000: 7.6 GB and no end); 100,000 bootstrap replicates of
    /// 30,000 rows drew 3·10⁹ factors for minutes. Both are refused up front.
    @Test func identifierDomainsAndHugeReplicateSetsAreRefused() throws {
        let rows = (0..<6_000).map { "\($0),\($0 % 7),1.5" }.joined(separator: "\n")
        let path = try Self.file("ids.csv", "id,y,w\n" + rows + "\n")
        let by = Barometer.execute(["estimate", path, "--weights", "w", "--mean", "y", "--by", "id"])
        #expect(by.exitCode == 1 && by.errors.contains("6000 estimates in one request (6000 domains of 'id'), more than 5000"), "\(by.errors)")
        let proportion = Barometer.execute(["estimate", path, "--weights", "w", "--proportion", "id"])
        #expect(proportion.exitCode == 1 && proportion.errors.contains("6000 estimates in one request"), "\(proportion.errors)")
        let boot = Barometer.execute(["estimate", path, "--weights", "w", "--mean", "y", "--to-replicates", "bootstrap",
                                      "--bootstrap-replicates", "100000"])
        #expect(boot.exitCode == 1 && boot.errors.contains("100000 replicates of 6000 rows") && boot.errors.contains("use fewer replicates"),
                "\(boot.errors)")
    }

    /// `--cluster ''` gave a simple random sample with exit 0, `--cluster 'dnum,'` one stage,
    /// `--mean ''` no mean: usage errors now.
    @Test func emptyDesignAndStatisticNamesAreUsageErrors() {
        for extra in [["--cluster", ""], ["--cluster", "dnum,"], ["--fpc", ""], ["--strata", ""], ["--by", ""],
                      ["--mean", ""], ["--versus", ""], ["--rake", ""]] {
            let r = Barometer.execute(["estimate", EstimateTests.strat, "--weights", "pw", "--mean", "api00"] + extra)
            #expect(r.exitCode == 2 && r.errors.contains(extra[0]), "\(extra): \(r.errors)")
        }
    }

    /// A total under weights of 1e300 (its variance ~1e600) and a mean under weights of 1e-320
    /// gave blank SEs with exit 0. Now the square's range is named. (The mean under 1e300 weights
    /// is computed: SE 0.8819 = √(Σ(y−ȳ)²/(n(n−1))) for y = 1, 2, 4, by hand.)
    @Test func weightsThatSquareOutOfRangeAreAnError() throws {
        for (w, statistic) in [("1e300", "--total"), ("1e-320", "--mean")] {
            let path = try Self.file("w.csv", "w,y\n\(w),1\n\(w),2\n\(w),4\n")
            let r = Barometer.execute(["estimate", path, "--weights", "w", statistic, "y"])
            #expect(r.exitCode == 1 && r.errors.contains("standard errors cannot be computed in double precision"), "\(w): \(r.errors)")
        }
        let fine = Barometer.execute(["estimate", try Self.file("w.csv", "w,y\n1e300,1\n1e300,2\n1e300,4\n"), "--weights", "w", "--mean", "y"])
        #expect(fine.exitCode == 0 && fine.output.contains("0.8819"), "\(fine.output)")
    }

    /// A level name holding an ESC sequence or a right-to-left override was written raw to the
    /// terminal (ESC[31m turned the rest red; U+202E reversed the rest of the line): replaced by
    /// U+FFFD in text and Markdown tables; JSON keeps the data as it is (escaped).
    @Test func controlCharactersInLevelsAreNotWrittenRaw() throws {
        let path = try Self.file("ctl.csv", "w,g\n1,\"a\u{1B}[31mRED\"\n1,b\n2,\"c\u{202E}evil\"\n")
        for format in ["text", "markdown"] {
            let r = Barometer.execute(["estimate", path, "--weights", "w", "--proportion", "g", "--format", format])
            #expect(r.exitCode == 0 && !r.output.contains("\u{1B}") && !r.output.contains("\u{202E}"), "\(format)")
            #expect(r.output.contains("31mRED") && r.output.contains("c\u{FFFD}evil"), "\(format): \(r.output)")
        }
        let json = Barometer.execute(["estimate", path, "--weights", "w", "--proportion", "g", "--format", "json"])
        #expect(json.output.contains("\\u001b[31mRED") || json.output.contains("\\u001B[31mRED"), "\(json.output)")
    }
}

