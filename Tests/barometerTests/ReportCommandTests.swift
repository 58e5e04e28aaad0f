import Foundation
import Testing
@testable import barometer

/// `barometer report`: one self-contained HTML file per country or for the region.
@Suite(.serialized) struct ReportCommandTests {
    static func inTemporaryFolder(_ body: (URL) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("barometer-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try body(dir)
    }

    /// The repository root (…/Tests/barometerTests/ReportCommandTests.swift → …).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Rows of datasets/cab/favorability.csv as dictionaries (a plain reader: no quoted commas
    /// before the citation column are used here).
    static func cabRows() throws -> [[String: String]] {
        let text = try String(contentsOf: root.appendingPathComponent("datasets/cab/favorability.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        return lines.dropFirst().map { line in
            let head = line.split(separator: ",", maxSplits: 15, omittingEmptySubsequences: false).map(String.init)
            var row: [String: String] = [:]
            for (k, v) in zip(header, head) { row[k] = v }
            // The citation is the one quoted field: everything between the first `,"` and `",`.
            if let a = line.range(of: ",\""), let b = line.range(of: "\",", options: .backwards) {
                row["citation"] = String(line[a.upperBound..<b.lowerBound]).replacingOccurrences(of: "\"\"", with: "\"")
            }
            return row
        }
    }

    @Test func usageErrorsExit2() {
        #expect(Barometer.execute(["report", "--out", "x.html"]).exitCode == 2)
        #expect(Barometer.execute(["report", "--country", "KZ", "--region", "--out", "x.html"]).exitCode == 2)
        #expect(Barometer.execute(["report", "--country", "Atlantis", "--out", "x.html"]).exitCode == 2)
        #expect(Barometer.execute(["report", "--country", "KZ"]).exitCode == 2)
        // A real country the built-in series do not cover, by name or by code: one rule, exit 2,
        // naming the five that are covered (France was exit 2 and FR exit 1).
        for other in ["France", "FR", "xx"] {
            let r = Barometer.execute(["report", "--country", other, "--out", "x.html"])
            #expect(r.exitCode == 2 && r.errors.contains("the built-in series cover") && r.errors.contains("UZ (Uzbekistan)"), "\(other): \(r.errors)")
        }
        #expect(Barometer.execute(["report", "--country", "kyrgyz republic", "--out", "-"]).exitCode == 0)
    }

    @Test func kazakhstanReport() throws {
        try Self.inTemporaryFolder { dir in
            let out = dir.appendingPathComponent("kz.html").path
            let r = Barometer.execute(["report", "--country", "KZ", "--out", out])
            #expect(r.exitCode == 0, "\(r.errors)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["kz.html"])  // atomic: no temp left
            let html = try String(contentsOfFile: out, encoding: .utf8)
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            // Self-contained: nothing to fetch.
            for external in ["<script", "<link", "<img", "<iframe", "src=", "@import", "url(", "href=\"http"] {
                #expect(!html.contains(external), "external resource: \(external)")
            }
            #expect(html.contains("@page { size: A4") && html.contains("@media print"))
            #expect(html.contains(">Kazakhstan: favorable views of China, Russia and the US</text>"))
            #expect(html.contains("<h2>Method in plain words</h2>"))
            #expect(!html.contains("<?xml"))  // inline SVG without its XML declaration
            // Every CAB Kazakhstan source, with its full citation (read from the dataset file).
            let kz = try Self.cabRows().filter { $0["country"] == "KZ" && $0["measure"] == "favorable" }
            #expect(!kz.isEmpty)
            for row in kz {
                let escaped = (row["citation"] ?? "?").replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "'", with: "&#39;")
                #expect(html.contains(escaped), "missing citation of \(row["source_id"] ?? "?")")
                // Its value as a percent with one decimal, e.g. 0.731229 → 73.1%.
                let value = (Double(row["estimate"] ?? "") ?? .nan) * 100
                #expect(html.contains(">\((value * 10).rounded() / 10)%<"), "missing \(value)% for \(row["date"] ?? "?")")
            }
        }
    }

    /// The commands printed under each figure reproduce it: run here, they write the same SVG
    /// as the one inlined in the report.
    @Test func commandsReproduceFigures() throws {
        try Self.inTemporaryFolder { dir in
            let out = dir.appendingPathComponent("kz.html").path
            #expect(Barometer.execute(["report", "--country", "KZ", "--out", out]).exitCode == 0)
            let html = try String(contentsOfFile: out, encoding: .utf8)
            let commands = html.split(separator: "\n").flatMap { $0.components(separatedBy: "<code>") }
                .filter { $0.hasPrefix("barometer chart ") }.map { String($0.prefix { $0 != "<" }) }
            #expect(commands.count == 2)
            for command in commands {
                // As printed, but the SVG goes to the temporary folder (no change of directory:
                // other suites run in parallel).
                var words = command.split(separator: " ").dropFirst().map(String.init)
                let name = words.removeLast()
                let target = dir.appendingPathComponent(name).path
                #expect(Barometer.execute(words + [target]).exitCode == 0, "\(command)")
                let svg = try String(contentsOfFile: target, encoding: .utf8)
                let inline = svg.split(separator: "\n").filter { !$0.hasPrefix("<?xml") }.joined(separator: "\n")
                #expect(html.contains(inline), "the figure of `\(command)` differs from the report's")
            }
        }
    }

    @Test func regionReportHasPanels() throws {
        try Self.inTemporaryFolder { dir in
            let out = dir.appendingPathComponent("region.html").path
            #expect(Barometer.execute(["report", "--region", "--out", out]).exitCode == 0)
            let html = try String(contentsOfFile: out, encoding: .utf8)
            let countries = Set(try Self.cabRows().filter { $0["measure"] == "favorable" && !($0["flags"] ?? "").contains("not-asked") }.compactMap { $0["country"] })
            let names = ["KG": "Kyrgyzstan", "KZ": "Kazakhstan", "TJ": "Tajikistan", "TM": "Turkmenistan", "UZ": "Uzbekistan"]
            for c in countries { #expect(html.contains("font-weight=\"bold\" fill=\"#222\">\(names[c] ?? c)</text>"), "no panel for \(c)") }
            #expect(html.contains("--facet country"))
        }
    }
}
