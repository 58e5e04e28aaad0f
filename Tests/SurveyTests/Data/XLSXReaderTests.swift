import Foundation
import Testing
import Survey
@testable import SurveyData

/// XLSX reader on SYNTHETIC fixtures made by `scripts/make-xlsx-fixtures.py`. The expected
/// values are the ones that script writes; for `inline.xlsx` they were also cross-checked with
/// openpyxl 3.1.5 (`load_workbook(...).active.iter_rows(values_only=True)`), which gives
/// (1.0, '#NULL!', "Don't Know (vol.)", 2018-11-06), (2, 'Rich text', 'Not Asked',
/// 2019-01-01 12:00), (3, formula "a&b", 'été <ok>', None).
@Suite struct XLSXReaderTests {
    static func fixture(_ name: String) -> String {
        SharedData.packageRoot.appendingPathComponent("Tests/Fixtures/xlsx/\(name)").path
    }

    static func texts(_ c: Column) -> [String?] { (0..<c.count).map { c.text(at: $0) } }

    @Test func openpyxlWorkbookTypes() throws {
        let t = try XLSXReader.read(path: Self.fixture("types.xlsx"))
        #expect(t.columnNames == ["id", "answer", "weight", "flag", "when", "duration", "mixed", "blank"])
        #expect(t.rowCount == 4)
        #expect(try t.numeric("id") == [1, 2, 3, 4])
        #expect(try t.numeric("weight") == [0.5, 1.25, 2, 0.001])
        #expect(Self.texts(try t.column(named: "answer")) == ["Very Favorable", "None", nil, "Somewhat Favorable"])
        let flag = try t.column(named: "flag")
        #expect(Self.texts(flag) == ["TRUE", "FALSE", nil, "TRUE"])
        #expect(Self.texts(try t.column(named: "when")) == ["2020-10-12 14:44:00", "2020-02-29", nil, "1999-12-31 23:59:59"])
        #expect(Self.texts(try t.column(named: "duration")) == ["00:19:00", "01:02:03", nil, nil])
        #expect(Self.texts(try t.column(named: "mixed")) == ["3", "Don't Know (vol.)", "2.5", nil])
        let blank = try t.numeric("blank")
        #expect(blank.count == 4 && blank.allSatisfy(\.isNaN))
    }

    @Test func spssStyleInlineStringsErrorsAndEntities() throws {
        #expect(try XLSXReader.sheetNames(path: Self.fixture("inline.xlsx")) == ["Synthetic Sheet 1"])
        let t = try XLSXReader.read(path: Self.fixture("inline.xlsx"))
        #expect(t.columnNames == ["IDNO", "Occ", "Opinion", "Date"])
        #expect(try t.numeric("IDNO") == [1, 2, 3])
        #expect(Self.texts(try t.column(named: "Occ")) == [nil, "Rich text", "a&b"])
        #expect(Self.texts(try t.column(named: "Opinion")) == ["Don't Know (vol.)", "Not Asked", "été <ok>"])
        #expect(Self.texts(try t.column(named: "Date")) == ["2018-11-06", "2019-01-01 12:00:00", nil])
    }

    @Test func emptySheetIsAnError() {
        #expect(throws: DataError("sheet 'Empty' is empty: no header row of variable names", file: Self.fixture("empty.xlsx"))) {
            try XLSXReader.read(path: Self.fixture("empty.xlsx"))
        }
    }

    @Test(arguments: [
        ("corrupt-zip.xlsx", "not a readable ZIP archive"),
        ("truncated-xml.xlsx", "malformed XML in xl/worksheets/sheet1.xml"),
        ("not-workbook.xlsx", "no xl/workbook.xml"),
    ])
    func corruptFilesNameTheProblem(_ name: String, _ expected: String) {
        do {
            _ = try XLSXReader.read(path: Self.fixture(name))
            Issue.record("\(name) was read without error")
        } catch {
            #expect(error.description.contains(expected), "\(error)")
            #expect(error.file == Self.fixture(name))
        }
    }

    /// Format by content: a workbook named `.csv` (as CAB's files circulate) goes to the xlsx reader.
    @Test func tableReaderDetectsWorkbookByContent() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("book-\(UUID().uuidString).csv")
        try FileManager.default.copyItem(atPath: Self.fixture("inline.xlsx"), toPath: copy.path)
        defer { try? FileManager.default.removeItem(at: copy) }
        let t = try TableReader.read(path: copy.path)
        #expect(t.columnNames == ["IDNO", "Occ", "Opinion", "Date"])
    }

    @Test func unknownSheetListsSheets() {
        #expect(throws: DataError.self) { try XLSXReader.read(path: Self.fixture("inline.xlsx"), sheet: "Nope") }
    }

    /// Hand-checked serials: 43410 = 2018-11-06 and 1 = 1900-01-01 (Excel's 1900 system);
    /// 60 is the non-existent 1900-02-29; 61 = 1900-03-01; 1904 system: 0 = 1904-01-01.
    @Test func excelSerials() {
        #expect(ExcelDate.iso(serial: 43410, date1904: false, timeOnly: false) == "2018-11-06")
        #expect(ExcelDate.iso(serial: 1, date1904: false, timeOnly: false) == "1900-01-01")
        #expect(ExcelDate.iso(serial: 60, date1904: false, timeOnly: false) == nil)
        #expect(ExcelDate.iso(serial: 61, date1904: false, timeOnly: false) == "1900-03-01")
        #expect(ExcelDate.iso(serial: 0, date1904: true, timeOnly: false) == "1904-01-01")
        #expect(ExcelDate.iso(serial: 0.5, date1904: false, timeOnly: true) == "12:00:00")
    }

    @Test func cellReferences() {
        #expect(CellReference.letters(1) == "A")
        #expect(CellReference.letters(28) == "AB")
        #expect(CellReference.letters(188) == "GF")
        #expect(CellReference.name(sheet: "Sheet1", column: 3, row: 17) == "Sheet1!C17")
        #expect(CellReference.name(sheet: "CAB W4_KG", column: 1, row: 2) == "'CAB W4_KG'!A2")
    }
}
