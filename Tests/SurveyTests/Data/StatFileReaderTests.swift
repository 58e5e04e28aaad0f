import Foundation
import Testing
import Survey
@testable import SurveyData

/// SPSS/Stata files written by pyreadstat (ReadStat's writers) from the known inputs listed in
/// `Tests/Fixtures/statfiles/make.py`; every expectation below restates those inputs.
@Suite("SPSS and Stata files")
struct StatFileReaderTests {
    static func fixture(_ name: String) -> String {
        SharedData.packageRoot.appendingPathComponent("Tests/Fixtures/statfiles/\(name)").path
    }

    /// NaN-aware equality for numeric columns.
    func same(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }

    static let favLabels: [Double: String] = [1: "Very favorable", 2: "Somewhat favorable", 3: "Somewhat unfavorable",
                                              4: "Very unfavorable", 99: "Refused"]

    @Test("sav, zsav and dta: values, variable labels, value labels, missing", arguments: ["survey.sav", "survey.zsav", "survey.dta"])
    func labelledFiles(_ name: String) throws {
        let t = try TableReader.read(path: Self.fixture(name))
        #expect(t.columnNames == ["id", "fav", "region", "weight", "age"])
        #expect(t.rowCount == 6)
        #expect(try t.numeric("id") == [1, 2, 3, 4, 5, 6])
        #expect(try t.numeric("weight") == [1.5, 0.75, 2, 1.25, 1, 0.5])
        #expect(same(try t.numeric("age"), [34, 51, .nan, 29, 62, 45]))
        // 99 is user-defined missing in the SPSS files; Stata has no such declaration.
        let fav99: Double = name.hasSuffix("dta") ? 99 : .nan
        #expect(same(try t.numeric("fav"), [1, 2, 3, 4, fav99, .nan]))
        let fav = try t.column(named: "fav")
        #expect(fav.label == "Favorability of the EU")
        #expect(fav.valueLabels == Self.favLabels)
        #expect(fav.text(at: 0) == "Very favorable")
        #expect(try t.column(named: "age").label == "Age in years")
        let region = try t.column(named: "region")
        #expect(region.values == .categorical(codes: [0, 1, 0, 2, -1, 3], levels: ["North", "South", "East", "West"]))
        #expect(region.label == "Region")
    }

    @Test("labelled(): codes read as their label texts")
    func labelledView() throws {
        let fav = try TableReader.read(path: Self.fixture("survey.dta")).column(named: "fav").labelled()
        // Levels in code order 1, 2, 3, 4, 99; row 6 is missing.
        #expect(fav.values == .categorical(codes: [0, 1, 2, 3, 4, -1],
                                           levels: ["Very favorable", "Somewhat favorable", "Somewhat unfavorable",
                                                    "Very unfavorable", "Refused"]))
        #expect(fav.text(at: 0) == "Very favorable")
        #expect(fav.label == "Favorability of the EU")
        // Unlabelled values follow as numbers; columns without labels are unchanged.
        let partial = Column(name: "q", values: .numeric([2, 7, .nan, 1]), valueLabels: [1: "Yes", 2: "No"]).labelled()
        #expect(partial.values == .categorical(codes: [1, 2, -1, 0], levels: ["Yes", "No", "7"]))
        let plain = Column(name: "x", values: .numeric([1, 2]))
        #expect(plain.labelled() == plain)
    }

    @Test("por: upper-case names, values and missing (pyreadstat writes no labels to .por)")
    func portable() throws {
        let t = try TableReader.read(path: Self.fixture("survey.por"))
        #expect(t.columnNames == ["ID", "FAV", "REGION", "WEIGHT", "AGE"])
        #expect(try t.numeric("WEIGHT") == [1.5, 0.75, 2, 1.25, 1, 0.5])
        #expect(same(try t.numeric("AGE"), [34, 51, .nan, 29, 62, 45]))
        #expect(same(try t.numeric("FAV"), [1, 2, 3, 4, 99, .nan]))
        #expect(try t.column(named: "REGION").text(at: 1) == "South")
    }

    @Test("formats are detected from content, not the extension")
    func detection() throws {
        #expect(try TableReader.detectFormat(path: Self.fixture("survey.sav")) == .statistics(.spss))
        #expect(try TableReader.detectFormat(path: Self.fixture("survey.zsav")) == .statistics(.spss))
        #expect(try TableReader.detectFormat(path: Self.fixture("survey.por")) == .statistics(.spssPortable))
        #expect(try TableReader.detectFormat(path: Self.fixture("survey.dta")) == .statistics(.stata))
        // A .sav saved under a .csv name is still read as SPSS.
        let disguised = FileManager.default.temporaryDirectory.appendingPathComponent("barometer-disguised-\(getpid()).csv")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Self.fixture("survey.sav")), to: disguised)
        defer { try? FileManager.default.removeItem(at: disguised) }
        #expect(try TableReader.read(path: disguised.path).columnNames.first == "id")
        // Older Stata (release 114, little-endian, filetype 1) and text heads.
        #expect(TableReader.detectFormat(head: [114, 2, 1, 0]) == .statistics(.stata))
        #expect(TableReader.detectFormat(head: Array("a;b;c\n1;2;3\n".utf8)) == .text(.semicolon))
        #expect(TableReader.detectFormat(head: Array("a\tb\n".utf8)) == .text(.tab))
        #expect(TableReader.detectFormat(head: Array("\"x,y\";b;c\n".utf8)) == .text(.semicolon))
        #expect(TableReader.detectFormat(head: Array("# comment\n1 2\n".utf8)) == .text(.whitespace))
        #expect(TableReader.detectFormat(head: Array("a,b\n".utf8)) == .text(.comma))
        #expect(TableReader.detectFormat(head: [0x50, 0x4B, 0x03, 0x04, 0]) == .xlsx)
    }
}
