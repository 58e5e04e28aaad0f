import Foundation
import Testing
import Survey
@testable import SurveyData

/// docs/hostile-input.md's audit table, XLSX rows: each bound at its edge (the last value
/// accepted, the first refused), on small hand-built workbooks.
@Suite struct HostileXLSXBoundsTests {
    static func sheet(_ rows: String) -> [UInt8] {
        StoredZip.workbook(sheetXML: "<worksheet><sheetData>\(rows)</sheetData></worksheet>")
    }

    static let header = #"<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>"#

    /// Column XFD = 16,384 (Excel's last column) is read; XFE = 16,385 is a malformed reference.
    @Test func lastColumnIsXFD() throws {
        let ok = #"<row r="1"><c r="XFD1" t="inlineStr"><is><t>v</t></is></c></row><row r="2"><c r="XFD2"><v>1</v></c></row>"#
        #expect(try HostileXLSXTests.read(Self.sheet(ok)).columnNames == ["v"])
        let bad = #"<row r="1"><c r="XFE1" t="inlineStr"><is><t>v</t></is></c></row>"#
        #expect(HostileXLSXTests.message(Self.sheet(bad))?.contains("XFE1") == true)
    }

    /// Row 1,048,576 (Excel's last) is read: one column × 1,048,575 data rows is below the density
    /// bound 4,194,304 + 256 × 2. Row 1,048,577 is malformed; an 18-digit row number is parsed and
    /// refused as beyond the last row; a 19-digit one is refused unparsed (no overflow); a row
    /// number that does not increase is malformed.
    @Test func rowNumbersUpToExcelsLastRowIncreasing() throws {
        let last = Self.header + #"<row r="1048576"><c r="A1048576"><v>5</v></c></row>"#
        #expect(try HostileXLSXTests.read(Self.sheet(last)).rowCount == 1_048_575)
        let past = Self.header + #"<row r="1048577"><c r="A1048577"><v>5</v></c></row>"#
        #expect(HostileXLSXTests.message(Self.sheet(past))?.contains("beyond Excel's last row 1048576") == true)
        let eighteen = Self.header + #"<row r="999999999999999999"><c r="A2"><v>5</v></c></row>"#
        #expect(HostileXLSXTests.message(Self.sheet(eighteen))?.contains("row number 999999999999999999 is beyond") == true)
        let nineteen = Self.header + #"<row r="9999999999999999999"><c r="A2"><v>5</v></c></row>"#
        #expect(HostileXLSXTests.message(Self.sheet(nineteen))?.contains("bad or decreasing row number") == true)
        let decreasing = Self.header + #"<row r="3"><c r="A3"><v>5</v></c></row><row r="2"><c r="A2"><v>5</v></c></row>"#
        #expect(HostileXLSXTests.message(Self.sheet(decreasing))?.contains("bad or decreasing row number") == true)
    }

    /// Density bound 4,194,304 + 256 × filled cells. Named columns each with one value at row
    /// 1,048,576: 4 columns need 4 × 1,048,575 = 4,194,300 cells ≤ 4,194,304 + 256 × 8 (read);
    /// 5 columns need 5,242,875 > 4,194,304 + 256 × 10 = 4,196,864 (refused).
    @Test func densityBoundAtItsEdge() throws {
        func workbook(columns: Int) -> [UInt8] {
            var head = "", far = ""
            for c in 1...columns {
                let col = CellReference.letters(c)
                head += #"<c r="\#(col)1" t="inlineStr"><is><t>v\#(c)</t></is></c>"#
                far += #"<c r="\#(col)1048576"><v>1</v></c>"#
            }
            return Self.sheet(#"<row r="1">\#(head)</row><row r="1048576">\#(far)</row>"#)
        }
        let four = try HostileXLSXTests.read(workbook(columns: 4))
        #expect(four.columnNames.count == 4 && four.rowCount == 1_048_575)
        let m = HostileXLSXTests.message(workbook(columns: 5)) ?? "no error"
        #expect(m.contains("so far from the other") || m.contains("too sparse"), "\(m)")
    }

    /// `ReadLimits.parseSize`: a size whose multiplication overflows is refused, not wrapped.
    @Test func decompressionLimitMultiplicationOverflowIsRefused() throws {
        // 9,999,999,999 × 2³⁰ ≈ 1.07e19 > Int.max ≈ 9.22e18.
        #expect(throws: DataError.self) { try ReadLimits.fromEnvironment(["BAROMETER_MAX_DECOMPRESSED": "9999999999G"]) }
        // 8,589,934,591 × 2³⁰ = 2⁶³ − 2³⁰ still fits.
        #expect(try ReadLimits.fromEnvironment(["BAROMETER_MAX_DECOMPRESSED": "8589934591G"]).maxDecompressedBytes == 8_589_934_591 << 30)
    }

    /// Entities: `&#x41;` is "A"; a character reference that is no Unicode scalar (a surrogate)
    /// and an entity whose `;` is more than 13 bytes away are malformed.
    @Test func entitiesAreShortAndValid() throws {
        func head(_ text: String) -> [UInt8] {
            Self.sheet(#"<row r="1"><c r="A1" t="inlineStr"><is><t>\#(text)</t></is></c></row><row r="2"><c r="A2"><v>1</v></c></row>"#)
        }
        #expect(try HostileXLSXTests.read(head("&#x41;b")).columnNames == ["Ab"])
        #expect(HostileXLSXTests.message(head("&#xD800;")) != nil)
        #expect(HostileXLSXTests.message(head("&#00000000000065;")) != nil)
    }

    /// Shared-string index past the table is an error; a style index past the styles is no date
    /// (the number is kept).
    @Test func sharedStringAndStyleIndexesAreChecked() throws {
        let ss = Self.sheet(Self.header + #"<row r="2"><c r="A2" t="s"><v>5</v></c></row>"#)
        #expect(HostileXLSXTests.message(ss) != nil)
        let style = Self.sheet(Self.header + #"<row r="2"><c r="A2" s="99"><v>43831</v></c></row>"#)
        #expect(try HostileXLSXTests.read(style).numeric("x") == [43831])
    }

    /// Excel's last date, 9999-12-31, is serial 2,958,465 (Microsoft, "Excel specifications and
    /// limits"); from 2,958,466 on, and below 0 or not finite, no date is made.
    @Test func excelDateSerialRange() {
        #expect(ExcelDate.iso(serial: 2_958_465, date1904: false, timeOnly: false) == "9999-12-31")
        #expect(ExcelDate.iso(serial: 2_958_466, date1904: false, timeOnly: false) == nil)
        #expect(ExcelDate.iso(serial: -1, date1904: false, timeOnly: false) == nil)
        #expect(ExcelDate.iso(serial: .nan, date1904: false, timeOnly: false) == nil)
        // 1 January 2020 = serial 43,831: 2 days to 1900-01-01, then 120 × 365 + 29 leap days (1904–2016).
        #expect(ExcelDate.iso(serial: 43_831, date1904: false, timeOnly: false) == "2020-01-01")
    }
}
