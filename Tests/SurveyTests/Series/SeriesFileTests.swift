import Foundation
import Testing
import Survey
@testable import SurveySeries

@Suite struct SeriesFileTests {
    static let sample = SeriesFile(
        observations: [
            Observation(
                dataset: "demo", country: "KZ", target: "Russia", item: "favorability", wave: "2018-autumn",
                date: "2018-11-20", measure: "favorable", estimate: 0.8, se: 0.0125, ciLower: 0.7755,
                ciUpper: 0.8245, n: 1500, deff: 1.25, flags: ["srs-assumed", "mode-break"], sourceID: "s1"),
            Observation(
                dataset: "demo", country: "KZ", target: "Russia", item: "favorability", wave: "2020-autumn",
                date: "2020-10-28", measure: "net", estimate: -0.05, sourceID: "s2"),
        ],
        sources: [
            SourceReference(id: "s1", citation: "Survey A, wave 4, \"quoted\", with comma", url: "https://example.org/a"),
            SourceReference(id: "s2", citation: "Survey B"),
        ])

    /// Writing then reading gives back the same observations and sources (values chosen to be
    /// exact at 6 decimals).
    @Test func roundTrip() throws {
        let text = try Self.sample.csvText()
        #expect(text.hasPrefix("dataset,country,target,item,wave,date,measure,estimate,se,ci_lower,ci_upper,n,deff,flags,source_id,citation,url\n"))
        #expect(text.contains(",srs-assumed;mode-break,s1,"))
        let back = try SeriesFile.parse(text, file: "x.csv")
        #expect(back == Self.sample)
    }

    @Test func atomicWriteAndRead() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("seriesfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.csv").path
        try Self.sample.write(to: path)
        try Self.sample.write(to: path)  // replacing an existing file
        #expect(try SeriesFile.read(path: path) == Self.sample)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(leftovers == ["s.csv"])
    }

    @Test func numberFormatting() {
        #expect(SeriesFile.format(0.516) == "0.516")
        #expect(SeriesFile.format(1) == "1")
        #expect(SeriesFile.format(-0.0000001) == "0")
        #expect(SeriesFile.format(0.12345678) == "0.123457")
    }

    @Test func badNumberNamesLineAndColumn() {
        let text = SeriesFile.columns.joined(separator: ",") + "\n"
            + "d,KZ,Russia,fav,w,2018,favorable,abc,,,,,,,s,c,\n"
        #expect(throws: DataError("'abc' is not a number", file: "f.csv", line: 2, column: "estimate")) {
            try SeriesFile.parse(text, file: "f.csv")
        }
    }

    @Test func missingColumnListsHeader() {
        #expect(throws: DataError.self) { try SeriesFile.parse("dataset,country\nx,y\n", file: "f.csv") }
    }

    @Test func inconsistentCitationIsAnError() {
        let text = SeriesFile.columns.joined(separator: ",") + "\n"
            + "d,KZ,Russia,fav,w1,2018,favorable,0.5,,,,,,,s,one,\n"
            + "d,KZ,Russia,fav,w2,2019,favorable,0.5,,,,,,,s,two,\n"
        #expect(throws: DataError.self) { try SeriesFile.parse(text, file: "f.csv") }
    }

    @Test func csvQuotingAndMultilineFields() throws {
        let records = try CSVRecords.parse("a,\"b,\"\"c\"\"\nd\"\r\n\n1,2\n", file: nil)
        #expect(records.map(\.fields) == [["a", "b,\"c\"\nd"], ["1", "2"]])
        #expect(records.map(\.line) == [1, 4])
        #expect(throws: DataError.self) { try CSVRecords.parse("a,\"b\n", file: nil) }
    }
}
