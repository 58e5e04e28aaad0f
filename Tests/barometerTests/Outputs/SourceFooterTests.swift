import Foundation
import Testing
@testable import barometer

/// Issue 12 item 3, "Short sources by default": citations sharing a deposit collapse into one
/// line; `--sources full` prints every citation; footers stay within three lines at 80 columns.
@Suite struct SourceFooterTests {
    /// The footer: the `Source:` line and its continuation lines.
    static func footer(_ text: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.lastIndex(where: { $0.hasPrefix("Source:") }) else { return [] }
        return Array(lines[start...].prefix { !$0.isEmpty }.enumerated().prefix { $0.offset == 0 || $0.element.hasPrefix("  ") }.map(\.element))
    }

    /// Why: "`compare`'s Source line is ~1,500 characters; a chart's source footer (the same DOI
    /// cited three times) is longer than the chart".
    @Test(arguments: [
        ["compare", "--dataset", "cab", "--country", "KZ,UZ,KG", "--target", "China,Russia", "--from", "2020", "--to", "2022"],
        ["table", "--dataset", "cab", "--country", "KZ", "--target", "China,Russia,US"],
        ["chart", "--dataset", "cab", "--country", "KZ", "--target", "China,Russia"],
    ]) func footerWithinThreeLines(args: [String]) throws {
        let r = OutputRun.run(args)
        #expect(r.exitCode == 0, "\(r.errors)")
        let footer = Self.footer(r.output)
        #expect(!footer.isEmpty)
        #expect(footer.count <= 3, "\(footer)")
        // One DOI, once: CAB waves 1–9 deposit, doi:10.48320/1AFC5235-EB1F-4A23-80B6-036515CE1916.
        #expect(footer.joined(separator: " ").components(separatedBy: "10.48320/").count == 2)
        #expect(footer[0].hasPrefix("Source: Central Asia Barometer, waves"))
    }

    /// `--sources full`: every citation (KZ waves 1, 4, 8, 12: four data files named).
    @Test func fullListsEveryCitation() {
        let r = OutputRun.run(["table", "--dataset", "cab", "--country", "KZ", "--target", "Russia", "--sources", "full"])
        for file in ["CAB_2017_KZ.csv", "CAB_2018_KZ.xlsx", "CAB_2020_KZ.xlsx", "CAB_2022_KZ.xlsx"] {
            #expect(r.output.contains(file), "\(file)")
        }
        let short = OutputRun.run(["table", "--dataset", "cab", "--country", "KZ", "--target", "Russia", "--width", "200"])
        #expect(short.output.contains("waves 1, 4, 8, 12 (CAB_2017_KZ.csv, …, CAB_2022_KZ.xlsx)"))
        #expect(!short.output.contains("CAB_2018_KZ.xlsx"))
    }
}
