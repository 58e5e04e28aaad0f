import Foundation
import Testing
@testable import barometer

/// `--title` on table/trend/compare/estimate/chart, and `import cab --dataset/--citation`, which
/// the microdata-workflow notebook uses so that SYNTHETIC files in CAB layout are never labelled
/// or cited as CAB. Input: the seeded synthetic files of notebooks-md/data/ (made by
/// scripts/make-synthetic-cab.py; no CAB rows).
@Suite struct TitleAndSyntheticImportTests {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("notebooks-md/data")

    @Test func syntheticImportIsNotCitedAsCAB() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("synthetic-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let files = ["2018", "2020", "2022"].map { Self.data.appendingPathComponent("synthetic-cab-\($0)-KZ.csv").path }
        let r = Barometer.execute(["import", "cab"] + files + ["--dataset", "SYNTHETIC", "--citation", "SYNTHETIC test data.", "--out", out])
        #expect(r.exitCode == 0, "\(r.errors)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(!text.contains("doi"), "a synthetic series must not carry CAB's DOI")
        #expect(!text.contains("Central Asia Barometer Survey"))
        let rows = text.split(separator: "\n").dropFirst()
        #expect(!rows.isEmpty && rows.allSatisfy { $0.hasPrefix("SYNTHETIC,") })

        let table = Barometer.execute(["table", "--series", out, "--target", "China", "--title", "SYNTHETIC: test title"])
        #expect(table.exitCode == 0, "\(table.errors)")
        #expect(table.output.hasPrefix("SYNTHETIC: test title\n"))
        for cmd in [["trend", "--series", out, "--target", "China", "--model", "linear", "--across-break"],
                    ["compare", "--series", out, "--target", "China", "--from", "2020", "--to", "2022"],
                    ["chart", "--series", out, "--target", "China", "--ascii", "--width", "60", "--height", "8"]] {
            let r = Barometer.execute(cmd + ["--title", "SYNTHETIC: titled"])
            #expect(r.exitCode == 0, "\(cmd[0]): \(r.errors)")
            #expect(r.output.contains("SYNTHETIC: titled"), "\(cmd[0]) ignores --title")
        }
        let estimate = Barometer.execute(["estimate", files[0], "--weights", "totwt", "--proportion", "OpinionChina",
                                          "--title", "SYNTHETIC: titled"])
        #expect(estimate.exitCode == 0, "\(estimate.errors)")
        #expect(estimate.output.hasPrefix("SYNTHETIC: titled\n"))
    }
}

extension TitleAndSyntheticImportTests {
    /// `import cab FILE --out FILE` replaced the microdata with the series (exit 0); now it is a
    /// usage error before anything is read, the file byte for byte as it was — under another
    /// spelling of the path too, and for --groups-out; `chart --svg` onto its --series likewise.
    @Test func importAndChartNeverWriteOverTheirInputs() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("victim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let victim = dir.appendingPathComponent("victim.csv").path
        try FileManager.default.copyItem(atPath: Self.data.appendingPathComponent("synthetic-cab-2018-KZ.csv").path, toPath: victim)
        let before = try Data(contentsOf: URL(fileURLWithPath: victim))
        let base = ["import", "cab", victim, "--dataset", "SYNTHETIC", "--citation", "SYNTHETIC test data."]
        for args in [base + ["--out", victim], base + ["--out", dir.path + "/./victim.csv"],
                     base + ["--out", dir.appendingPathComponent("s.csv").path, "--groups", "gender", "--groups-out", victim]] {
            let r = Barometer.execute(args)
            #expect(r.exitCode == 2 && r.errors.contains("is the input file; import never writes over its inputs"), "\(r.errors)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: victim)) == before)

        let series = dir.appendingPathComponent("s.csv").path
        #expect(Barometer.execute(base + ["--out", series]).exitCode == 0)
        let seriesBefore = try Data(contentsOf: URL(fileURLWithPath: series))
        let chart = Barometer.execute(["chart", "--series", series, "--target", "China", "--svg", series])
        #expect(chart.exitCode == 2 && chart.errors.contains("--svg '\(series)' is the --series file"), "\(chart.errors)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: series)) == seriesBefore)
    }
}

extension TitleAndSyntheticImportTests {
    /// An interview date that is no calendar date (31 November; and 1e300 as a year) was rolled
    /// over into the next month (or trapped) and the wave dated by it; now it is an error naming the
    /// file, line and column.
    @Test func impossibleInterviewDateIsAnError() throws {
        let original = try String(contentsOfFile: Self.data.appendingPathComponent("synthetic-cab-2018-KZ.csv").path, encoding: .utf8)
        let lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (replacement, expected) in [(",2018,November,31,", "2018 November 31 is not a calendar date"),
                                        (",1e300,November,10,", "is not a calendar date")] {
            var edited = lines
            edited[2] = edited[2].replacingOccurrences(of: ",2018,November,10,", with: replacement)
            #expect(edited[2] != lines[2])
            let path = dir.appendingPathComponent("bad.csv").path
            try edited.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
            let r = Barometer.execute(["import", "cab", path, "--dataset", "SYNTHETIC", "--citation", "SYNTHETIC test data.",
                                       "--out", dir.appendingPathComponent("s.csv").path])
            #expect(r.exitCode == 1 && r.errors.contains("bad.csv:3: column Day: ") && r.errors.contains(expected), "\(r.errors)")
        }
    }
}
