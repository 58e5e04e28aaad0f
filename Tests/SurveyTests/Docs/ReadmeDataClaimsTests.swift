import Foundation
import Testing
import Survey
@testable import SurveySeries

/// README "Built-in data": the counts it states are the committed files' (the shared-data tests
/// check those files against their sources: `PublishedFiguresTests`, `CABMicrodataTests`).
@Suite struct ReadmeDataClaimsTests {
    static func readme() throws -> String {
        try String(contentsOf: GeneratedBlock.url("README.md"), encoding: .utf8)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// "all 198 published figures": data rows of datasets/published/figures.csv (RFC 4180 records).
    @Test func publishedFigureCount() throws {
        let readme = try Self.readme()
        let stated = try #require(readme.firstMatch(of: /all (\d+) published figures/).flatMap { Int($0.1) })
        let text = try String(contentsOf: GeneratedBlock.url("datasets/published/figures.csv"), encoding: .utf8)
        let records = try CSVRecords.parse(text, file: "figures.csv")
        #expect(records.count - 1 == stated, "README: \(stated); datasets/published/figures.csv: \(records.count - 1)")
    }

    /// "from the 15 respondent-level CAB files": the inventory the microdata test reads, which
    /// must all exist in ../shared when CI runs (`CABMicrodataTests`).
    @Test func cabFileCount() throws {
        let readme = try Self.readme()
        let stated = try #require(readme.firstMatch(of: /from the (\d+) respondent-level\s+CAB files/).flatMap { Int($0.1) })
        #expect(CABMicrodataTests.inventory.count == stated)
    }
}
