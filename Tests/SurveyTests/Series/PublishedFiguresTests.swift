import Foundation
import Testing
import Survey
@testable import SurveySeries

/// `datasets/published/` against the shared compilation `../shared/data/published/figures.csv`
/// (the published figures themselves are the reference; see ../shared/data/README.md).
@Suite struct PublishedFiguresTests {
    struct Loaded {
        var header: CSVHeader
        var rows: [CSVRecords.Record]
    }

    static func load(_ url: URL) throws -> Loaded {
        let records = try CSVRecords.parse(try String(contentsOf: url, encoding: .utf8), file: url.path)
        return Loaded(header: try CSVHeader(records[0].fields, required: [], file: url.path), rows: Array(records.dropFirst()))
    }

    static let published = SharedData.packageRoot.appendingPathComponent("datasets/published")

    // Skipped (reported as such) without the shared compilation beside the checkout.
    @Test(.enabled(if: SharedData.file("data/published/figures.csv") != nil,
                   "skipped: ../shared/data/published/figures.csv is absent"))
    func everySharedRowIsPresentAndUnchanged() throws {
        let shared = try #require(SharedData.file("data/published/figures.csv"))
        let input = try Self.load(shared)
        let figures = try Self.load(Self.published.appendingPathComponent("figures.csv"))
        let sources = try Self.load(Self.published.appendingPathComponent("sources.csv"))
        var sourceByID: [String: CSVRecords.Record] = [:]
        for s in sources.rows { sourceByID[sources.header.field("id", in: s)] = s }
        #expect(input.rows.count == 198)
        #expect(figures.rows.count == input.rows.count)
        let pairs = ["country": "country_name", "wave": "wave", "fieldwork": "fieldwork", "target": "target",
                     "question": "question", "category": "category", "percent": "percent", "n": "n",
                     "status": "status_detail"]
        for (i, row) in input.rows.enumerated() {
            guard let out = figures.rows.first(where: { figures.header.field("row", in: $0) == String(i + 1) }) else {
                Issue.record("input row \(i + 1) is missing")
                continue
            }
            for (from, to) in pairs {
                #expect(input.header.field(from, in: row) == figures.header.field(to, in: out), "row \(i + 1) \(from)")
            }
            let source = sourceByID[figures.header.field("source_id", in: out)]
            #expect(source.map { sources.header.field("url", in: $0) } == input.header.field("source", in: row))
            #expect(source.map { sources.header.field("quote", in: $0) } == input.header.field("quote", in: row))
            #expect(source.map { sources.header.field("title", in: $0) } == input.header.field("source_title", in: row))
        }
        // Each (URL, quote) pair has its own source id.
        let distinctPairs = Set(input.rows.map { input.header.field("source", in: $0) + "\u{0}" + input.header.field("quote", in: $0) })
        #expect(sources.rows.count == distinctPairs.count)
    }

    /// README "Status vocabulary" table: 13 primary, 37 + 14 + 110 secondary, 11 predecessor,
    /// 13 other survey.
    @Test func statusVocabularyCounts() throws {
        let figures = try Self.load(Self.published.appendingPathComponent("figures.csv"))
        let counts = Dictionary(grouping: figures.rows, by: { figures.header.field("status", in: $0) }).mapValues(\.count)
        #expect(counts == ["primary": 13, "secondary": 161, "predecessor": 11, "other survey": 13])
    }

    /// README "Known problems": TJ China 2010 (Asia-Plus 47 vs extract 71; input rows 48 and 169)
    /// and KG US 2009 (Jamestown 36 vs Gallup 34 and extract 34; rows 37, 54, 101) are conflicts.
    @Test func knownConflictsAreFlagged() throws {
        let figures = try Self.load(Self.published.appendingPathComponent("figures.csv"))
        let flagged = figures.rows.filter { figures.header.field("flags", in: $0).split(separator: ";").contains("conflict") }
            .map { figures.header.field("row", in: $0) }
        #expect(Set(flagged) == ["37", "48", "54", "101", "169"])
    }

    /// Series from published figures: no n is published, so no SE is invented; the KG US 2009
    /// approval is Gallup's own 34 (README: "Prefer 34").
    @Test func publishedSeriesInventNothing() throws {
        let catalog = try SeriesCatalog.builtIn()
        let gallup = try catalog.dataset(named: "gallup")
        for o in gallup.observations {
            #expect(o.se == nil && o.n == nil && o.ciLower == nil)
            #expect(o.flags.contains("n-unknown"))
        }
        let kg = gallup.observations.first { $0.country == "KG" && $0.target == "United States" && $0.wave == "2009" && $0.measure == "approve" }
        #expect(kg?.estimate == 0.34)
        #expect(kg?.flags.contains("conflict") == true)
        #expect(kg?.sourceID == "gallup-1")
    }
}
