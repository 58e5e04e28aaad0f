import Foundation
import Testing
import Survey

/// CAB wave 1 Kazakhstan comes as a CSV re-export by R of CAB's Excel download
/// (`CAB_2017_KZ.csv`, PROVENANCE.md last section). Its quirks, each on a small SYNTHETIC CSV
/// written by the test in that layout (no CAB respondent row is used): numbers written as text,
/// `NA` for the Excel exports' `#NULL!`, wave and country recognised from the contents, and a
/// sampling point in two strata.
@Suite struct CABWave1CSVTests {
    /// SYNTHETIC rows in wave 1's layout: (Day, Region_M, GeoCode, SamPt, totwt, HrsWorkGrp, Age,
    /// OpinionChina). Sampling point 108 is in Central × Urban (rows 3-4) and Central × Rural
    /// (row 5), as in the real file. Numbers partly quoted with R's 17 decimals.
    static let rows: [String] = [
        #"1,"CAB OTS W1","Kazakhstan","June",11,2017,"Urban",1,"Central","31-40 Hours",48,"Very Favorable",1"#,
        #"2,"CAB OTS W1","Kazakhstan","June","12.00000000000000000","2017.00000000000000000","Urban","1.00000000000000000","Central",NA,NA,"Somewhat Unfavorable","1.00000000000000000""#,
        #"3,"CAB OTS W1","Kazakhstan","June",20,2017,"Urban",108,"Central","1-10 Hours",30,"Somewhat Favorable",1"#,
        #"4,"CAB OTS W1","Kazakhstan","July",1,2017,"Urban","108.00000000000000000","Central",NA,61,"Somewhat Favorable",1"#,
        #"5,"CAB OTS W1","Kazakhstan","July",12,2017,"Rural",108,"Central","31-40 Hours",25,"Very Unfavorable","2.00000000000000000""#,
        #"6,"CAB OTS W1","Kazakhstan","June",23,2017,"Rural",2,"Central",NA,33,"Somewhat Favorable",1"#,
        #"7,"CAB OTS W1","Kazakhstan","June",24,2017,"Rural",2,"Central","1-10 Hours",70,"Don't Know (vol.)",1"#,
    ]

    static let header = #""IDNO","Wave","Country","Month","Day","Year","GeoCode","SamPt","Region_M","HrsWorkGrp","Age","OpinionChina","totwt""#

    /// The SYNTHETIC CSV (Russia and the US copy China's answers), written to a temporary file
    /// and read as the CLI reads it (format by content).
    static func file(rows: [String] = rows, wave: String = "CAB OTS W1", codebook: CABCodebook? = nil) throws -> CABFile {
        let head = header + #","OpinionRussia","OpinionUSA""#
        let body = rows.map { r -> String in
            let fields = r.split(separator: ",", omittingEmptySubsequences: false)
            return r.replacingOccurrences(of: "CAB OTS W1", with: wave) + "," + fields[11] + "," + fields[11]
        }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("barometer-synthetic-w1-\(getpid())-\(UUID().uuidString).csv")
        try ([head] + body).joined(separator: "\n").appending("\n").write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let table = try TableReader.read(path: url.path)
        return try CABFile(table: table, path: url.path, codebook: try codebook ?? CABCodebook.builtIn())
    }

    /// `Wave` = "CAB OTS W1" and `Country` = "Kazakhstan" in every row → wave 1 (`2017-summer`,
    /// face to face, weight totwt), KZ; fieldwork dates from Year/Month/Day: 11 June – 12 July
    /// 2017, median of the 7 dates (Jun 11, 12, 20, 23, 24, Jul 1, 12) = 23 June.
    @Test func recognisesWaveAndCountryFromContents() throws {
        let file = try Self.file()
        #expect(file.wave.number == 1 && file.wave.label == "2017-summer" && file.country == "KZ")
        #expect(file.wave.mode == "face to face" && file.wave.weight == "totwt")
        #expect(file.firstInterview == "2017-06-11" && file.lastInterview == "2017-07-12" && file.midpoint == "2017-06-23")
        #expect(CABImporter.source(for: file).id == "cab-w1-KZ")
        #expect(CABImporter.source(for: file).citation.contains("wave 1 (summer 2017), Kazakhstan. Data deposit: Central Asia Barometer Survey Waves 1-9"))
    }

    /// A wave label no codebook wave has ("CAB OTS W2") is an error that names what was found.
    @Test func unknownWaveTextIsAnError() throws {
        let error = #expect(throws: DataError.self) { try Self.file(wave: "CAB OTS W2") }
        #expect(error?.message.contains("Wave = CAB OTS W2") == true, "\(String(describing: error))")
        #expect(error?.message.contains("wave 1 (Wave=CAB OTS W1)") == true, "\(String(describing: error))")
    }

    /// Numbers written as text (`"12.00000000000000000"`, `"108.00000000000000000"`,
    /// `"2.00000000000000000"`) are numbers: Day, Year, SamPt and totwt are numeric columns with
    /// the written values, and sampling point "108.000…" is the same PSU as 108.
    @Test func numbersWrittenAsTextAreNumbers() throws {
        let t = try Self.file().table
        #expect(try t.numeric("Day") == [11, 12, 20, 1, 12, 23, 24])
        #expect(try t.numeric("Year") == Array(repeating: 2017, count: 7))
        #expect(try t.numeric("SamPt") == [1, 1, 108, 108, 108, 2, 2])
        #expect(try t.numeric("totwt") == [1, 1, 1, 1, 2, 1, 1])
    }

    /// `NA` (R's write.csv for a missing value, the Excel exports' `#NULL!`) is missing, in a text
    /// column (HrsWorkGrp, rows 2, 4, 6) and a numeric one (Age, row 2), and is never a category.
    @Test func naIsMissing() throws {
        let t = try Self.file().table
        let hours = try t.column(named: "HrsWorkGrp")
        #expect((0..<7).filter { hours.isMissing($0) } == [1, 3, 5])
        #expect(!(0..<7).contains { hours.text(at: $0) == "NA" })
        let age = try t.numeric("Age")
        #expect(age[1].isNaN && age[0] == 48 && age[6] == 70)
    }

    /// `NA` in a favorability item is not an answer: an error naming the item and the empty cell.
    @Test func naInAnItemIsAnError() throws {
        var rows = Self.rows
        rows[2] = rows[2].replacingOccurrences(of: #""Somewhat Favorable""#, with: "NA")
        let file = try Self.file(rows: rows)
        let error = #expect(throws: DataError.self) { try CABImporter(codebook: try CABCodebook.builtIn()).observations(for: file) }
        #expect(error?.message.contains("'(empty cell)' (1 rows)") == true, "\(String(describing: error))")
        #expect(error?.column == "OpinionChina")
    }

    /// Sampling point 108 in two strata, PSUs nested in strata (codebook `nest`, R `nest = TRUE`):
    /// 108 is two PSUs. Hand calculation, favorable y = (1,0,1,1,0,1,0), w = (1,1,1,1,2,1,1),
    /// Σw = 8, p = 4/8 = 0.5. Linearised z_i = w_i(y_i − p)/8, PSU
    /// totals ×8: Urban {1: .5 − .5 = 0, 108: .5 + .5 = 1}, Rural {108: 2·(−.5) = −1, 2: .5 − .5 = 0}.
    /// Per stratum n_h/(n_h−1)·Σ(t − t̄)²: Urban 2·(.25 + .25) = 1, Rural 2·(.25 + .25) = 1;
    /// var = 2/64 = 0.03125, SE = 0.1767767; df = 4 PSUs − 2 strata = 2.
    /// R survey 4.1.1 on the same rows, svydesign(ids = ~SamPt, strata = ~interaction(Region_M, GeoCode),
    /// weights = ~totwt, nest = TRUE): svymean favorable 0.5, SE 0.1768, degf 2 (without nest: an error).
    @Test func samplingPointInTwoStrataIsTwoPSUs() throws {
        let file = try Self.file()
        let importer = CABImporter(codebook: try CABCodebook.builtIn())
        let (design, flags) = try importer.design(for: file)
        #expect(flags == ["psu-in-two-strata"])
        let obs = try importer.observations(for: file)
        let fav = try #require(obs.first { $0.target == "China" && $0.measure == "favorable" })
        #expect(abs(fav.estimate - 0.5) < 1e-12)
        #expect(abs((fav.se ?? 0) - 0.03125.squareRoot()) < 1e-12)
        #expect(fav.flags.contains("psu-in-two-strata") && !fav.flags.contains("lonely-psu-adjusted"))
        #expect(design.degreesOfFreedom == 2)
        #expect(SeriesFlag.explanations["psu-in-two-strata"]?.contains("nest = TRUE") == true)
    }

    /// Without the codebook's `nest`, the same file is an error naming the sampling point and both
    /// strata (never a silent merge of the two).
    @Test func samplingPointInTwoStrataWithoutNestingIsAnError() throws {
        var codebook = try CABCodebook.builtIn()
        codebook.waves[0].nested = false
        let file = try Self.file(codebook: codebook)
        let error = #expect(throws: DataError.self) { try CABImporter(codebook: codebook).design(for: file) }
        #expect(error?.message.contains("sampling point 108 appears in strata Central × Rural and Central × Urban") == true,
                "\(String(describing: error))")
        #expect(error?.column == "SamPt")
    }
}
