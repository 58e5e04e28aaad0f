import Foundation
import Testing
import Survey

/// `CABImporter` on SYNTHETIC files shaped like CAB wave 8 (scripts/make-xlsx-fixtures.py).
@Suite struct CABImporterTests {
    static func fixture(_ name: String) -> String {
        SharedData.packageRoot.appendingPathComponent("Tests/Fixtures/xlsx/\(name)").path
    }

    static func load(_ name: String) throws -> CABFile {
        let path = fixture(name)
        return try CABFile(table: try XLSXReader.read(path: path), path: path, codebook: try CABCodebook.builtIn())
    }

    /// Hand calculation, weights w = (1,1,1,1,2,2), Σw = 8, E1a = VF, SF, SU, VU, DK, VF:
    /// very favorable (1+2)/8 = 0.375, favorable 4/8 = 0.5, unfavorable 2/8 = 0.25, net 0.25.
    /// Weighted SRS with replacement (each respondent its own PSU, n = 6):
    /// var(favorable) = n/(n−1)·Σ(w_i(y_i − p))²/(Σw)² with w(y − p) = (.5, .5, −.5, −.5, −1, 1):
    /// 6/5 · 3/64 = 0.05625, SE = 0.2371708.
    /// Net: d_i = fav_i − unf_i − 0.25 = (.75, .75, −1.25, −1.25, −.25, .75), w·d = (.75, .75,
    /// −1.25, −1.25, −.5, 1.5): Σ² = .5625·2 + 1.5625·2 + .25 + 2.25 = 6.75; var = 6/5·6.75/64
    /// = 0.1265625, SE = 0.3557563.
    @Test func handCalculatedShares() throws {
        let file = try Self.load("cab-synthetic-w8.xlsx")
        #expect(file.wave.number == 8 && file.country == "KZ")
        #expect(file.firstInterview == "2020-10-10" && file.lastInterview == "2020-10-15")
        let obs = try CABImporter(codebook: try CABCodebook.builtIn()).observations(for: file)
        func find(_ target: String, _ measure: String) -> Observation? {
            obs.first { $0.target == target && $0.measure == measure }
        }
        #expect(abs((find("China", "very-favorable")?.estimate ?? 0) - 0.375) < 1e-12)
        let fav = try #require(find("China", "favorable"))
        #expect(abs(fav.estimate - 0.5) < 1e-12)
        #expect(abs((fav.se ?? 0) - 0.05625.squareRoot()) < 1e-9)
        #expect(fav.n == 6)
        let net = try #require(find("China", "net"))
        #expect(abs(net.estimate - 0.25) < 1e-12)
        #expect(abs((net.se ?? 0) - 0.1265625.squareRoot()) < 1e-9)
        // Wald CI with df = n − 1 = 5, t_{0.975,5} = 2.570582 (t table): 0.25 ± 2.570582·0.3557563
        // = (−0.664501, 1.164501); a net share cannot exceed 1, so the upper end is 1.
        #expect(abs((net.ciLower ?? 0) - (0.25 - 2.570582 * 0.1265625.squareRoot())) < 1e-6)
        #expect(net.ciUpper == 1)
        #expect(find("China", "refused")?.estimate == 0)
        #expect(find("China", "refused")?.flags.contains("zero-count") == true)
        for flag in ["mode-break", "unverified-item-mapping", "undocumented-weight", "srs-assumed"] {
            #expect(fav.flags.contains(flag), "\(flag)")
        }
        #expect(fav.sourceID == "cab-w8-KZ")
    }

    /// E1b is `Not Asked` in every row: recorded as not asked, never 0%.
    @Test func notAskedIsNotZero() throws {
        let file = try Self.load("cab-synthetic-w8.xlsx")
        let obs = try CABImporter(codebook: try CABCodebook.builtIn()).observations(for: file)
        let russia = obs.filter { $0.target == "Russia" }
        #expect(russia.count == 9)
        #expect(russia.allSatisfy { $0.estimate.isNaN && $0.se == nil && $0.flags.contains("not-asked") })
        let text = try SeriesFile(observations: russia, sources: [CABImporter.source(for: file)]).csvText()
        #expect(!text.contains(",0,"), "a not-asked row must not read as 0")
    }

    @Test func unknownWaveListsWhatWasFound() throws {
        let path = Self.fixture("cab-unknown-wave.xlsx")
        let table = try XLSXReader.read(path: path)
        let codebook = try CABCodebook.builtIn()
        let error = #expect(throws: DataError.self) { try CABFile(table: table, path: path, codebook: codebook) }
        #expect(error?.message.contains("MM3a = 9") == true, "\(String(describing: error))")
        #expect(error?.message.contains("wave 8 (MM3a=2)") == true, "\(String(describing: error))")
    }

    @Test func unknownAnswerTextIsAnError() throws {
        let file = try Self.load("cab-bad-answer.xlsx")
        let importer = CABImporter(codebook: try CABCodebook.builtIn())
        let error = #expect(throws: DataError.self) { try importer.observations(for: file) }
        #expect(error?.message.contains("'Maybe' (1 rows)") == true, "\(String(describing: error))")
        #expect(error?.column == "E1a")
    }

    /// CODEBOOK.md §3-§5 facts in datasets/cab/codebook.csv.
    @Test func codebookFacts() throws {
        let c = try CABCodebook.builtIn()
        #expect(c.waves.map(\.number) == [1, 4, 8, 12])
        // Wave 1 (PROVENANCE.md last section): wave 4's design and names, face to face, 11 June –
        // 12 July 2017, PSUs nested in strata (sampling point 108 in two strata).
        let w1 = c.waves[0]
        #expect(w1.strata == ["Region_M", "GeoCode"] && w1.cluster == "SamPt" && w1.weight == "totwt" && w1.nested)
        #expect(w1.mode == "face to face" && w1.fieldworkStart == "2017-06-11" && w1.fieldworkEnd == "2017-07-12")
        #expect(w1.recognise == ("Wave", "CAB OTS W1") && w1.countries == ["KZ"])
        #expect(w1.items.map(\.variable) == ["OpinionChina", "OpinionRussia", "OpinionUSA"])
        #expect(c.waves[1].strata == ["Region_M", "GeoCode"] && c.waves[1].cluster == "SamPt" && c.waves[1].weight == "totwt")
        #expect(!c.waves[1].nested && c.waves[1].mode == w1.mode)
        #expect(c.waves[2].cluster == nil && c.waves[2].weight == "FinalWgt1")
        #expect(c.waves[3].items.map(\.variable) == ["E1a", "E1b", "E1c"])
        #expect(c.waves[2].items.map(\.variable) == ["E1a", "E1b", "E1c"])
        #expect(c.waves[2...3].allSatisfy { $0.items.allSatisfy { $0.note.hasPrefix("unverified") } })  // waves 8 and 12
        #expect(c.answers["not asked"] == "not-asked")
        #expect(c.answers[CABCodebook.normalise("Don't\u{00A0}Know  (vol.) ")] == "dont-know")
        #expect(c.categories.count == 6)
    }
}
