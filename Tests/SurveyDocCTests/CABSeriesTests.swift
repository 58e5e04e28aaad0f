import Foundation
import Testing

/// The article's import step on the SYNTHETIC CAB-wave-8-shaped workbook
/// (Tests/Fixtures/xlsx/cab-synthetic-w8.xlsx, written by scripts/make-xlsx-fixtures.py; never
/// real respondents), and its built-in series against the committed CSV it comes from.
@Suite struct CABSeriesTests {
    /// Hand calculation (as in CABImporterTests): weights (1,1,1,1,2,2), Σw = 8; China answers
    /// VF, SF, SU, VU, DK, VF → favorable (1+1+2)/8 = 0.5, unfavorable 2/8 = 0.25, net 0.25.
    @Test func importedSharesAreTheHandCalculation() throws {
        let obs = try importCABFile(at: DocCPaths.path("Tests/Fixtures/xlsx/cab-synthetic-w8.xlsx"))
        func share(_ measure: String) -> Double? {
            obs.first { $0.target == "China" && $0.measure == measure }?.estimate
        }
        #expect(share("favorable") == 0.5)
        #expect(share("unfavorable") == 0.25)
        #expect(share("net") == 0.25)
        #expect(obs.allSatisfy { $0.country == "KZ" })
    }

    /// The series equals the favorable rows of datasets/cab/favorability.csv for KZ · China,
    /// read here with a plain split of the file (its citation fields hold commas, so only the
    /// leading columns, which have none, are used).
    @Test func builtInSeriesIsTheCommittedData() throws {
        let (series, sources) = try builtInSeries(country: "KZ", target: "China", measure: "favorable")
        let csv = try String(contentsOfFile: DocCPaths.path("datasets/cab/favorability.csv"), encoding: .utf8)
        var rows: [[String]] = []
        for line in csv.split(separator: "\n").dropFirst() {
            let fields: [String] = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if fields[1] == "KZ" && fields[2] == "China" && fields[6] == "favorable" { rows.append(fields) }
        }
        #expect(rows.count == 4)   // waves 1 (2017), 4 (2018), 8 (2020), 12 (2022)
        let dates: [String] = rows.map { $0[5] }
        let estimates: [Double] = rows.map { Double($0[7]) ?? .nan }
        let ses: [Double] = rows.map { Double($0[8]) ?? .nan }
        #expect(series.observations.map(\.date) == dates)
        #expect(series.observations.map(\.estimate) == estimates)
        #expect(series.observations.map { $0.se ?? .nan } == ses)
        #expect(Set(series.observations.map(\.sourceID)).isSubset(of: Set(sources.map(\.id))))
    }
}
