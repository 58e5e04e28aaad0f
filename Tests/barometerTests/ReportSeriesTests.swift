import Foundation
import Testing
@testable import barometer

/// `report --series FILE`: the report of the user's own series (as `import cab` writes them from
/// their microdata), which a sweep found impossible; and `import cab --dataset SYNTHETIC`, whose
/// rows were cited as CAB wave 8 with CAB's DOI, so such a report showed synthetic figures as
/// Central Asia Barometer's. Input: the seeded SYNTHETIC files of notebooks-md/data/.
@Suite struct ReportSeriesTests {
    static let data = ReportCommandTests.root.appendingPathComponent("notebooks-md/data")

    /// Imports the three synthetic KZ files with `extra` flags into `dir`/s.csv.
    static func imported(into dir: URL, _ extra: [String] = []) throws -> String {
        let out = dir.appendingPathComponent("s.csv").path
        let files = ["2018", "2020", "2022"].map { data.appendingPathComponent("synthetic-cab-\($0)-KZ.csv").path }
        let r = Barometer.execute(["import", "cab"] + files + ["--dataset", "SYNTHETIC", "--out", out] + extra)
        #expect(r.exitCode == 0, "\(r.errors)")
        return out
    }

    @Test("--dataset SYNTHETIC without --citation: cited as SYNTHETIC, not as CAB, no DOI")
    func syntheticDatasetIsNeverCitedAsCAB() throws {
        try ReportCommandTests.inTemporaryFolder { dir in
            let text = try String(contentsOfFile: try Self.imported(into: dir), encoding: .utf8)
            #expect(!text.contains("doi") && !text.contains("Central Asia Barometer Survey"), "\(text.prefix(600))")
            #expect(text.contains("SYNTHETIC data in CAB layout, not Central Asia Barometer data."))
        }
    }

    @Test("report --series: the file's figure for the country, its values, its SYNTHETIC source, commands that reproduce it")
    func reportOfOwnSeries() throws {
        try ReportCommandTests.inTemporaryFolder { dir in
            let series = try Self.imported(into: dir)
            let out = dir.appendingPathComponent("kz.html").path
            let r = Barometer.execute(["report", "--series", series, "--country", "KZ", "--out", out])
            #expect(r.exitCode == 0, "\(r.errors)")
            let html = try String(contentsOfFile: out, encoding: .utf8)
            #expect(html.contains("<h1>Kazakhstan: favorable views (s.csv)</h1>"))
            #expect(html.contains("SYNTHETIC data in CAB layout") && !html.contains("doi.org"))
            // Its method speaks of the files, not of Central Asia Barometer or Gallup.
            #expect(!html.contains("Central Asia Barometer (CAB) figures") && !html.contains("Gallup"))
            // The values behind the figure are the file's favorable shares (as percentages, one decimal).
            let rows = try String(contentsOfFile: series, encoding: .utf8).split(separator: "\n").dropFirst()
                .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
                .filter { $0[6] == "favorable" && $0[2] == "China" }
            #expect(rows.count == 3)
            for row in rows {
                let percent = String(format: "%.1f", (Double(row[7]) ?? .nan) * 100)
                #expect(html.contains(percent), "\(row[4]): \(percent)")
            }
            // The printed chart command draws the report's figure.
            let command = try #require(html.components(separatedBy: "<code>").first { $0.hasPrefix("barometer chart ") })
            var words = command.prefix { $0 != "<" && $0 != "\n" }.split(separator: " ").dropFirst().map(String.init)
            #expect(words.contains("--series") && words.contains(series))
            let name = words.removeLast()
            let svg = dir.appendingPathComponent(name).path
            #expect(Barometer.execute(words + [svg]).exitCode == 0)
            let inline = try String(contentsOfFile: svg, encoding: .utf8).split(separator: "\n")
                .filter { !$0.hasPrefix("<?xml") }.joined(separator: "\n")
            #expect(html.contains(inline))
        }
    }

    @Test("report --series: a country or measure the file lacks is bad usage (exit 2) listing what it has; --measure needs --series")
    func selectorsTheFileLacks() throws {
        try ReportCommandTests.inTemporaryFolder { dir in
            let series = try Self.imported(into: dir)
            let uz = Barometer.execute(["report", "--series", series, "--country", "UZ", "--out", "-"])
            #expect(uz.exitCode == 2 && uz.errors.contains("KZ (Kazakhstan)"), "\(uz.errors)")
            let approve = Barometer.execute(["report", "--series", series, "--country", "KZ", "--measure", "approve", "--out", "-"])
            #expect(approve.exitCode == 2 && approve.errors.contains("favorable"), "\(approve.errors)")
            #expect(Barometer.execute(["report", "--country", "KZ", "--measure", "net", "--out", "-"]).exitCode == 2)
            let region = Barometer.execute(["report", "--series", series, "--region", "--out", "-"])
            #expect(region.exitCode == 0 && region.output.contains("Favorable views by country (s.csv)"), "\(region.errors)")
        }
    }
}
