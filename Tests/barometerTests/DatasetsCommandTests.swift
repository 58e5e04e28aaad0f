import Foundation
import Testing
@testable import barometer

/// CLI tests of `datasets`, `table`, `import cab` and `overview` (exit codes per DESIGN.md §3).
@Suite struct DatasetsCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static func fixture(_ name: String) -> String { root.appendingPathComponent("Tests/Fixtures/xlsx/\(name)").path }

    @Test func datasetsListsBuiltIns() {
        let r = Barometer.execute(["datasets"])
        #expect(r.exitCode == 0, "\(r.errors)")
        #expect(r.output.contains("gallup") && r.output.contains("cab"))
    }

    @Test func unknownCountryListsValidOnes() {
        let r = Barometer.execute(["table", "--country", "Mongolia"])
        #expect(r.exitCode == 2)   // bad usage (DESIGN.md: 2), not bad data
        #expect(r.errors.contains("unknown country 'Mongolia'") && r.errors.contains("KZ (Kazakhstan)"))
    }

    @Test func unknownTargetListsValidOnes() {
        let r = Barometer.execute(["table", "--country", "KZ", "--target", "India"])
        #expect(r.exitCode == 2)
        #expect(r.errors.contains("unknown target 'India'") && r.errors.contains("Russia"))
    }

    /// Published Gallup figure: KZ approval of US leadership in 2014 was 9% (Gallup Analytics
    /// extract line `"275","Kazakhstan","2014",0.09,…` in ../shared/data/published/figures.csv).
    @Test func tableJSONFollowsTheContract() {
        let r = Barometer.execute(["table", "--dataset", "gallup", "--country", "Kazakhstan", "--target", "US", "--format", "json"])
        #expect(r.exitCode == 0, "\(r.errors)")
        #expect(r.output.hasPrefix("{\"rows\": ["))
        #expect(r.output.contains("\"wave\": \"2014\", \"date\": \"2014\", \"measure\": \"approve\", \"estimate\": 0.09, \"se\": null"))
        #expect(r.output.contains("\"sources\": ["))
    }

    @Test func importSyntheticCABFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("s.csv").path
        let r = Barometer.execute(["import", "cab", Self.fixture("cab-synthetic-w8.xlsx"), "--out", out])
        #expect(r.exitCode == 0, "\(r.errors)")
        let table = Barometer.execute(["table", "--series", out, "--target", "China", "--measure", "favorable,net"])
        #expect(table.exitCode == 0, "\(table.errors)")
        #expect(table.output.contains("50.0 ["))  // favorable = 4/8, hand-computed in CABImporterTests
        let russia = Barometer.execute(["table", "--series", out, "--target", "Russia"])
        #expect(russia.output.contains("not asked"))
    }

    @Test(arguments: ["corrupt-zip.xlsx", "truncated-xml.xlsx", "empty.xlsx", "cab-unknown-wave.xlsx", "cab-bad-answer.xlsx"])
    func badInputIsExitOne(_ name: String) {
        let r = Barometer.execute(["import", "cab", Self.fixture(name), "--out", "/tmp/never-written.csv"])
        #expect(r.exitCode == 1, "\(name): \(r.errors)")
        #expect(r.errors.contains(name))
    }

    @Test func overviewFitsEightyColumns() throws {
        let r = Barometer.execute(["overview"])
        #expect(r.exitCode == 0, "\(r.errors)")
        let table = r.output.split(separator: "\n").filter { $0.hasPrefix("│") || $0.hasPrefix("┌") }
        #expect(!table.isEmpty)
        #expect(table.allSatisfy { $0.count <= 80 }, "\(table.map(\.count).max() ?? 0)")
        #expect(r.output.contains("Kazakhstan (KZ)"))
        // Russia favorable, R survey 4.1.1 (Tests/Fixtures/cab/r-survey-reference.csv): KZ 2017
        // 0.9194 (0.9032-0.9331), 2018 0.8304 (0.7976-0.8588), 2022 0.4707 (0.4387-0.5029); KG 2018
        // 0.9317 (0.9105-0.9482) — one decimal everywhere (issue 12: the four-wave KZ block splits
        // into column blocks instead of dropping to whole percents).
        let russia = r.output.split(separator: "\n").filter { $0.contains("Russia fav ") }
        #expect(russia.contains { $0.contains("91.9 [90.3, 93.3]") && $0.contains("83.0 [79.8, 85.9]") })
        #expect(russia.contains { $0.contains("47.1 [43.9, 50.3]") })
        #expect(russia.contains { $0.contains("93.2 [91.1, 94.8]") })
        #expect(r.output.contains("Tajikistan (TJ): favorability of China, Russia and the US was not asked"))
    }

    /// A country the data know but the selection holds no series for (Tajikistan, where CAB did not
    /// ask about China) was "unknown country 'TJ'" (a sweep); it is now said to have no series here.
    @Test func knownCountryWithoutSeriesIsNotUnknown() {
        let r = Barometer.execute(["compare", "--dataset", "cab", "--country", "TJ", "--target", "China", "--from", "2020", "--to", "2022"])
        #expect(r.exitCode == 2)   // a selector the data do not hold: bad usage
        #expect(r.errors.contains("no series for Tajikistan (TJ) in this selection") && !r.errors.contains("unknown country"), "\(r.errors)")
    }
}
