import Foundation
import Testing
@testable import barometer
import Survey

/// `barometer rake` end to end, in-process. Expected weights: R `survey::rake` on the api cluster
/// sample (`Tests/Fixtures/rsurvey-extra/calibration.R` → `calibration.json`, case `clus1_rake`).
@Suite struct RakeCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Tests/Fixtures")
    static let data = fixtures.appendingPathComponent("rsurvey/data/apiclus1.csv").path
    static let margins = fixtures.appendingPathComponent("rsurvey-extra/api_margins.csv").path

    static func withDirectory(_ body: (URL) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("barometer-rake-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try body(dir)
    }

    @Test func writesRakedWeightsMatchingR() throws {
        try Self.withDirectory { dir in
            let out = dir.appendingPathComponent("raked.csv").path
            let before = try Data(contentsOf: URL(fileURLWithPath: Self.data))
            let r = Barometer.execute([
                "rake", Self.data, "--weights", "pw", "--margins", Self.margins, "--out", out, "--rake-epsilon", "1e-13",
                "--format", "json",
            ])
            #expect(r.exitCode == 0, "\(r.errors)")
            #expect(r.output.contains("\"method\": \"rake\""))
            #expect(r.output.contains("\"weight_column\": \"pw_cal\""))
            #expect(try Data(contentsOf: URL(fileURLWithPath: Self.data)) == before)  // input untouched
            let written = try CSVReader().read(path: out)
            let w = try written.numeric("pw_cal")
            let json = try JSONSerialization.jsonObject(
                with: Data(contentsOf: Self.fixtures.appendingPathComponent("rsurvey-extra/calibration.json"))) as? [String: Any]
            let ref = try #require(((json?["cases"] as? [String: Any])?["clus1_rake"] as? [String: Any])?["weights"] as? [Double])
            #expect(w.count == ref.count)
            let worst = zip(w, ref).map { abs($0 - $1) / $1 }.max() ?? 1
            #expect(worst < 1e-9, "max relative error \(worst)")
            #expect(written.columnNames.count == 40)  // the 39 input columns + the new weight
            // Nothing but the output file is left in the directory (the temporary was renamed).
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["raked.csv"])
        }
    }

    @Test func textReportShowsIterationsAndMargins() throws {
        try Self.withDirectory { dir in
            let r = Barometer.execute([
                "rake", Self.data, "--weights", "pw", "--margins", Self.margins, "--out", dir.appendingPathComponent("o.csv").path,
                "--method", "poststratify",
            ])
            #expect(r.exitCode == 1)  // three variables: post-stratification needs one
            #expect(r.errors.contains("post-stratification needs the joint population counts of one variable"))
            let ok = Barometer.execute([
                "rake", Self.data, "--weights", "pw", "--margins", Self.margins, "--out", dir.appendingPathComponent("o.csv").path,
            ])
            #expect(ok.exitCode == 0, "\(ok.errors)")
            #expect(ok.output.contains("Raking: "))
            #expect(ok.output.contains("│ stype    │ E     │ 4421.00 │"))
        }
    }

    /// The note naming the written file had a stray parenthesis ("(sum 6194))."). The raked
    /// weights sum to the margins' population, 4421 + 755 + 1018 = 6194 (examples/margins-stype.csv).
    @Test func writtenNoteIsOneSentence() throws {
        try Self.withDirectory { dir in
            let out = dir.appendingPathComponent("r.csv").path
            let r = Barometer.execute(["rake", Self.root.appendingPathComponent("examples/apistrat.csv").path, "--weights", "pw",
                                       "--margins", Self.root.appendingPathComponent("examples/margins-stype.csv").path, "--out", out])
            #expect(r.exitCode == 0, "\(r.errors)")
            let note = (r.output + r.errors).split(whereSeparator: \.isWhitespace).joined(separator: " ")   // it wraps at 80
            #expect(note.contains("new weight column 'pw_cal' (sum 6194).") && !note.contains("))"), "\(note)")
        }
    }

    @Test func badMarginsAreDataErrors() throws {
        try Self.withDirectory { dir in
            let bad = dir.appendingPathComponent("m.csv")
            try "variable,level,total\nstype,E,4421\nstype,H,755\nstype,M,1018\nstype,X,5\n".write(to: bad, atomically: true, encoding: .utf8)
            let r = Barometer.execute([
                "rake", Self.data, "--weights", "pw", "--margins", bad.path, "--out", dir.appendingPathComponent("o.csv").path,
            ])
            #expect(r.exitCode == 1)
            #expect(r.errors.contains("margin level 'X' of variable 'stype' does not occur in the data"))
            try "variable,level,total\nstype,E,4421\nstype,H,755\nstype,M,1018\nawards,No,1\nawards,Yes,1\n"
                .write(to: bad, atomically: true, encoding: .utf8)
            let r2 = Barometer.execute([
                "rake", Self.data, "--weights", "pw", "--margins", bad.path, "--out", dir.appendingPathComponent("o.csv").path,
            ])
            #expect(r2.exitCode == 1)
            #expect(r2.errors.contains("do not sum to the same population total"))
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("o.csv").path))
        }
    }

    @Test func refusesToOverwriteTheInput() {
        let r = Barometer.execute(["rake", Self.data, "--margins", Self.margins, "--out", Self.data])
        #expect(r.exitCode == 2)
        #expect(r.errors.contains("is the data file; rake never writes over its inputs"))
    }
}

/// `estimate --rake/--poststratify`: SEs of a calibrated design against R (`calibration.json`).
@Suite struct EstimateCalibrationFlagTests {
    static func se(_ args: [String]) throws -> Double {
        let r = Barometer.execute(args + ["--format", "json"])
        #expect(r.exitCode == 0, "\(r.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
        let first = try #require((json["estimates"] as? [[String: Any]])?.first)
        return try #require(first["se"] as? Double)
    }

    static func reference(_ name: String) throws -> Double {
        let json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: RakeCommandTests.fixtures.appendingPathComponent("rsurvey-extra/calibration.json"))) as? [String: Any]
        let c = try #require((json?["cases"] as? [String: Any])?[name] as? [String: Any])
        return try #require(((c["svymean"] as? [String: Any])?["api00"] as? [String: Any])?["se"] as? Double)
    }

    @Test func rakeAndPostStratifyFlags() throws {
        let design = ["estimate", RakeCommandTests.data, "--weights", "pw", "--cluster", "dnum", "--fpc", "fpc", "--mean", "api00"]
        let raked = try Self.se(design + ["--rake", RakeCommandTests.margins, "--rake-epsilon", "1e-13"])
        let wantRaked = try Self.reference("clus1_rake")
        #expect(abs(raked - wantRaked) <= 1e-9 * wantRaked, "raked SE \(raked) vs R \(wantRaked)")
        let stype = RakeCommandTests.fixtures.appendingPathComponent("rsurvey-extra/api_margins_stype.csv").path
        let ps = try Self.se(design + ["--poststratify", stype])
        let wantPS = try Self.reference("clus1_poststratify")
        #expect(abs(ps - wantPS) <= 1e-9 * wantPS, "post-stratified SE \(ps) vs R \(wantPS)")
    }

    @Test func rakeControlsNeedRake() {
        let r = Barometer.execute(["estimate", RakeCommandTests.data, "--weights", "pw", "--mean", "api00", "--rake-maxit", "5"])
        #expect(r.exitCode == 2)
        #expect(r.errors.contains("--rake-epsilon and --rake-maxit apply to --rake"))
    }
}
