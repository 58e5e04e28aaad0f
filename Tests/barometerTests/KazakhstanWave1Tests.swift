import Foundation
import Testing
@testable import barometer

/// Kazakhstan's fourth CAB wave (wave 1, summer 2017, face to face) in the CLI: a four-column
/// overview block within 80 columns while the other countries keep three, and a 2017 → 2018
/// comparison in one mode (no break) whose numbers are the R survey reference's.
@Suite struct KazakhstanWave1Tests {
    /// Table lines (box drawing) of one country's overview block.
    static func block(_ output: String, title: String) -> [Substring] {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0 == title }) else { return [] }
        return Array(lines[(start + 1)...].prefix { !$0.isEmpty }.filter { "┌│├└".contains($0.first ?? " ") })
    }

    @Test func overviewShowsFourWavesForKazakhstanOnly() {
        let r = Barometer.execute(["overview"])
        #expect(r.exitCode == 0, "\(r.errors)")
        // At 120 columns every block is one table (4 waves × 20 + labels + sparkline = 104).
        let wide = Barometer.execute(["overview", "--width", "120"])
        let kz = Self.block(wide.output, title: "Kazakhstan (KZ)")
        let header = kz.dropFirst().first.map(String.init) ?? ""
        #expect(["2017 f2f", "2018 f2f", "2020 tel*", "2022 tel"].allSatisfy { header.contains($0) }, "\(header)")
        let kz80 = Self.block(r.output, title: "Kazakhstan (KZ)")
        #expect(!kz80.isEmpty && kz80.allSatisfy { $0.count <= 80 }, "\(kz80.map(\.count))")
        for (title, waves) in [("Kyrgyzstan (KG)", 3), ("Turkmenistan (TM)", 3), ("Uzbekistan (UZ)", 3)] {
            #expect(Self.block(r.output, title: title).allSatisfy { $0.count <= 80 })
            let b = Self.block(wide.output, title: title)
            let head = b.dropFirst().first.map(String.init) ?? ""
            #expect(!head.contains("2017") && head.contains("2018 f2f") && head.contains("2022 tel"), "\(title): \(head)")
            // Columns: label + waves + sparkline.
            #expect(head.filter { $0 == "│" }.count == waves + 3, "\(title): \(head)")
        }
        #expect(r.output.contains("Note: n asked: 2017 1500, 2018 1500, 2020 2000, 2022 1511."))
        #expect(r.output.contains("psu-in-two-strata"))
    }

    /// 2017 → 2018 in Kazakhstan is face to face at both ends: no mode-break flag; 2017 → 2020
    /// crosses the switch to telephone and is flagged. Expected change and SE from the R survey
    /// reference (Tests/Fixtures/cab/r-survey-reference.csv, favorable rows of CAB_2017_KZ.csv and
    /// CAB_2018_KZ.xlsx), independent samples: SE = √(SE₁² + SE₂²), CI ± 1.959964·SE.
    @Test func sameModeComparison2017To2018() throws {
        let reference = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Fixtures/cab/r-survey-reference.csv"), encoding: .utf8)
        func r(_ file: String, _ target: String) -> (p: Double, se: Double)? {
            for line in reference.split(separator: "\n") where line.hasPrefix("\"\(file)\",\"\(target)\",\"favorable\",") {
                let f = line.split(separator: ",")
                if let p = Double(f[3]), let se = Double(f[4]) { return (p, se) }
            }
            return nil
        }
        for target in ["China", "Russia", "United States"] {
            let base = ["compare", "--dataset", "cab", "--country", "KZ", "--target", target, "--measure", "favorable"]
            let run = Barometer.execute(base + ["--from", "2017", "--to", "2018", "--format", "json"])
            #expect(run.exitCode == 0, "\(run.errors)")
            #expect(!run.output.contains("mode-break"), "\(target): \(run.output)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
            let c = try #require((json["comparisons"] as? [[String: Any]])?.first)
            let a = try #require(r("CAB_2017_KZ.csv", target)), b = try #require(r("CAB_2018_KZ.xlsx", target))
            let se = (a.se * a.se + b.se * b.se).squareRoot()
            // The series file rounds to 6 decimals: 1e-6 on the difference, 1e-6 on its SE.
            #expect(abs((c["difference"] as? Double ?? .nan) - (b.p - a.p)) < 1e-6, "\(target)")
            #expect(abs((c["se"] as? Double ?? .nan) - se) < 1e-6, "\(target)")
            #expect(abs((c["ci_lower"] as? Double ?? .nan) - (b.p - a.p - 1.959964 * se)) < 1e-5, "\(target)")
            let crossing = Barometer.execute(base + ["--from", "2017", "--to", "2020"])
            #expect(crossing.output.contains("mode-break") || crossing.exitCode != 0, "\(target): 2017 → 2020 crosses the break")
        }
    }

    /// Charts and trends put the only break at the 2020 switch to telephone: 2017 and 2018 (both
    /// face to face) are one segment, drawn as one line.
    @Test func oneFaceToFaceSegment() {
        let chart = Barometer.execute(["chart", "--dataset", "cab", "--country", "KZ", "--target", "China",
                                       "--measure", "favorable", "--ascii", "--width", "78", "--height", "12"])
        #expect(chart.exitCode == 0, "\(chart.errors)")
        let breaks = chart.output.split(separator: "\n").filter { $0.hasPrefix("Series break") }
        #expect(breaks.count == 1 && breaks.first?.contains("2020-11") == true, "\(breaks)")
        let trend = Barometer.execute(["trend", "--dataset", "cab", "--country", "KZ", "--target", "China",
                                       "--measure", "favorable", "--model", "segmented", "--break", "2020"])
        #expect(trend.exitCode == 0, "\(trend.errors)")
        #expect(trend.output.contains("2017-summer") && trend.output.contains("4 waves"))
        #expect(trend.output.contains("flag mode-break: 2020-autumn"))
    }
}
