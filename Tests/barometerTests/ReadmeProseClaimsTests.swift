import Foundation
import Testing
@testable import barometer
import Survey

/// README prose around the overview excerpt and the built-in data, checked on the live output and
/// the committed data file.
@Suite struct ReadmeProseClaimsTests {
    static let sparks = CharacterSet(charactersIn: "▁▂▃▄▅▆▇█")

    /// "at 80 columns every country's last wave shares a second block with its sparkline":
    /// Kyrgyzstan (three waves) is two tables at --width 80, the second holding 2022 and the
    /// sparkline glyphs (before session 23 the sparkline was dropped there), and one at 160.
    @Test func everyBlockKeepsItsSparklineAt80() throws {
        func kyrgyzBlock(_ width: Int) throws -> String {
            let r = Barometer.execute(["overview", "--width", "\(width)"])
            #expect(r.exitCode == 0)
            let start = try #require(r.output.range(of: "Kyrgyzstan (KG)"))
            let rest = r.output[start.upperBound...]
            let end = rest.range(of: "(KZ)")?.lowerBound ?? rest.endIndex
            return String(rest[..<end])
        }
        let narrow = try kyrgyzBlock(80), wide = try kyrgyzBlock(160)
        let tables = narrow.components(separatedBy: "\n\n┌")
        #expect(tables.count == 2, "\(narrow)")
        #expect(tables.last?.contains("2022 tel") == true && tables.last?.rangeOfCharacter(from: Self.sparks) != nil, "\(narrow)")
        #expect(tables.first?.rangeOfCharacter(from: Self.sparks) == nil)
        #expect(wide.components(separatedBy: "\n\n┌").count == 1 && wide.rangeOfCharacter(from: Self.sparks) != nil)
    }

    /// "The notes also flag the unverified item mapping of the 2020/2022 files and the
    /// undocumented weights."
    @Test func overviewNotesFlagMappingAndWeights() {
        let r = Barometer.execute(["overview"])
        #expect(r.exitCode == 0)
        let all = r.output + r.errors
        #expect(all.contains("unverified-item-mapping") && all.contains("undocumented-weight"), "\(all.suffix(1200))")
    }

    /// "Every row cites *Central Asia Barometer, Central Asia Barometer Survey, Discuss Data,
    /// doi:10.48320/…* and its source file": every data row of datasets/cab/favorability.csv.
    @Test func everyCABRowCitesTheDepositAndItsFile() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("datasets/cab/favorability.csv")
        let table = try CSVReader().read(path: url.path)
        #expect(table.rowCount > 400)
        let citation = try table.column(named: "citation")
        for row in 0..<table.rowCount {
            let text = citation.text(at: row) ?? ""
            #expect(text.hasPrefix("Central Asia Barometer, Central Asia Barometer Survey") && text.contains("Discuss Data")
                    && text.contains("doi:10.48320/1AFC5235-EB1F-4A23-80B6-036515CE1916") && text.contains("Computed by barometer from CAB_20"),
                    "row \(row + 2): \(text)")
        }
    }
}
