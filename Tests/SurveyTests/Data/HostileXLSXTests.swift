import Foundation
import Testing
import Survey
@testable import SurveyData

/// Issue 11's hostile workbooks, generated here (small, deterministic): each must end in a
/// `DataError` (exit 1) or a correct table, quickly and without a large allocation. Before the
/// fix each one crashed (SIGILL), allocated gigabytes or ran for seconds to minutes.
@Suite struct HostileXLSXTests {
    static func read(_ bytes: [UInt8], limits: ReadLimits? = nil) throws -> Table {
        let path = try StoredZip.temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try XLSXReader.read(path: path, limits: limits)
    }

    static func message(_ bytes: [UInt8], limits: ReadLimits? = nil) -> String? {
        do {
            _ = try read(bytes, limits: limits)
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// A 799-byte workbook from the CI fuzz run (Tests/Fixtures/xlsx/endless-deflate.xlsx, the
    /// `xlsx` target's input less its mode byte) whose sheet's deflate stream never ends: the
    /// reader ran for ever (ZIPFoundation's inflate asked for bytes past the end of the file and
    /// got none). Now the entry's own bytes bound the inflate: an error, at once.
    @Test func deflateStreamThatNeverEndsIsCorrupt() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/xlsx/endless-deflate.xlsx").path
        let start = Date()
        #expect {
            _ = try XLSXReader.read(path: path)
        } throws: { error in
            "\(error)".contains("corrupt .xlsx workbook: xl/worksheets/sheet1.xml ends before its declared size")
        }
        #expect(Date().timeIntervalSince(start) < 5)
        // The spans, read by hand from the file's central directory and local headers (a separate
        // Python parse): workbook.xml's 69 bytes at 0 + 30 + 15 = 45; the sheet's local header at
        // 0xE9 gives a name of 536 bytes (fuzzed; the directory says 24), so its 89 bytes would
        // start at 799, the file's end; the fourth entry's header offset is past the file: unlisted.
        let spans = ZIPEntryData(path: path).spans
        #expect(spans["xl/workbook.xml"] == ZIPEntryData.Span(offset: 45, size: 69))
        #expect(spans["xl/worksheets/sheet1.xml"] == ZIPEntryData.Span(offset: 799, size: 89))
        #expect(spans.count == 3)
    }

    /// The CRC-32 check value of "123456789" is 0xCBF43926 (the published check value of the
    /// ZIP/IEEE CRC), so the hand-built archives below are valid ZIPs.
    @Test func zipWriterCRCMatchesThePublishedCheckValue() {
        #expect(StoredZip.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func aWellFormedHandBuiltWorkbookReads() throws {
        let t = try Self.read(StoredZip.workbook(sheetXML:
            #"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>"#
            + #"<row r="2"><c r="A2"><v>7</v></c></row></sheetData></worksheet>"#))
        #expect(try t.numeric("x") == [7])
    }

    /// `ZZZZZZZZZZZZZZ1`: 14 letters overflowed `letters * 26` (26¹⁴ > 2⁶³) → SIGILL.
    @Test func cellReferenceWithFourteenLettersIsMalformed() {
        let sheet = #"<worksheet><sheetData><row r="1"><c r="ZZZZZZZZZZZZZZ1"><v>1</v></c></row></sheetData></worksheet>"#
        let m = Self.message(StoredZip.workbook(sheetXML: sheet))
        #expect(m?.contains("bad cell reference 'ZZZZZZZZZZZZZZ1'") == true, "\(m ?? "no error")")
        // The last real column, XFD (16384), is still accepted.
        let last = #"<worksheet><sheetData><row r="1"><c r="XFD1" t="inlineStr"><is><t>v</t></is></c></row>"#
            + #"<row r="2"><c r="XFD2"><v>3</v></c></row></sheetData></worksheet>"#
        #expect((try? Self.read(StoredZip.workbook(sheetXML: last)))?.columnNames == ["v"])
    }

    /// `<row r="1000000000">` in a 1 KB sheet asked for a column of 10⁹ cells (16 GB).
    @Test func rowNumberBeyondExcelsLastRowIsMalformed() {
        let sheet = #"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>"#
            + #"<row r="1000000000"><c r="A1000000000"><v>1</v></c></row></sheetData></worksheet>"#
        let m = Self.message(StoredZip.workbook(sheetXML: sheet))
        #expect(m?.contains("row number 1000000000 is beyond Excel's last row 1048576") == true, "\(m ?? "no error")")
    }

    /// `<c r="C2">` inside row 3 (and a 20-digit row part) was read silently as row 3; the row
    /// part must now match its row. A reference without digits, and a matching one, still read.
    @Test func cellReferenceContradictingItsRowIsMalformed() throws {
        func sheet(_ ref: String) -> [UInt8] {
            StoredZip.workbook(sheetXML: #"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>"#
                + #"<row r="2"><c r="A2"><v>1</v></c></row><row r="3"><c r=""# + ref + #""><v>2</v></c></row></sheetData></worksheet>"#)
        }
        #expect(Self.message(sheet("A2"))?.contains("cell reference 'A2' inside row 3: its row part does not match") == true)
        #expect(Self.message(sheet("A99999999999999999999"))?.contains("inside row 3") == true)
        #expect(try Self.read(sheet("A3")).numeric("x") == [1, 2])
        #expect(try Self.read(sheet("A")).numeric("x") == [1, 2])
    }

    /// Within Excel's limits, a few cells at row 1048576 across 300 columns would still need
    /// 300 × 1048576 cells (5 GB); the density bound refuses it while the file is tiny.
    @Test func farAwayCellsInManyColumnsAreRefused() {
        var header = "", far = ""
        for c in 1...300 {
            let col = CellReference.letters(c)
            header += #"<c r="\#(col)1" t="inlineStr"><is><t>v\#(c)</t></is></c>"#
            far += #"<c r="\#(col)1048576"><v>1</v></c>"#
        }
        let sheet = #"<worksheet><sheetData><row r="1">\#(header)</row><row r="1048576">\#(far)</row></sheetData></worksheet>"#
        let m = Self.message(StoredZip.workbook(sheetXML: sheet))
        #expect(m?.contains("lies so far from the other") == true, "\(m ?? "no error")")
    }

    /// One value far down one column is a legitimate (if odd) sheet: 300,000 rows, read.
    @Test func oneFarCellIsStillRead() throws {
        let sheet = #"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>"#
            + #"<row r="300000"><c r="A300000"><v>5</v></c></row></sheetData></worksheet>"#
        let t = try Self.read(StoredZip.workbook(sheetXML: sheet))
        #expect(t.rowCount == 299_999)
        #expect(try t.numeric("x").last == 5)
    }

    /// A ZIP64 entry declaring a 2⁶² byte sheet: the size was passed to `reserveCapacity` (SIGILL),
    /// and ZIPFoundation would then read empty chunks for ever. Now it is a corrupt-file error.
    @Test func zip64DeclaredHugeSizeIsAnError() {
        let sheet = #"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>"#
            + #"<row r="2"><c r="A2"><v>7</v></c></row></sheetData></worksheet>"#
        let m = Self.message(StoredZip.workbook(sheetXML: sheet, declaredSheetSize: 1 << 62))
        #expect(m?.contains("corrupt .xlsx workbook") == true, "\(m ?? "no error")")
    }

    /// A zip bomb: 24 MiB of zeros deflate to about 24 KB. With the limit at 8 MiB the reader
    /// stops after 8 MiB and says which part and how to raise the limit.
    @Test func decompressionLimitStopsAZipBomb() throws {
        let path = try ZipBomb.write(megabytes: 24)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? .max < 1 << 20)
        do {
            _ = try XLSXReader.read(path: path, limits: ReadLimits(maxDecompressedBytes: 8 << 20))
            Issue.record("a 24 MiB sheet passed an 8 MiB limit")
        } catch {
            #expect("\(error)".contains("xl/worksheets/sheet1.xml decompresses to more than 8388608 bytes"), "\(error)")
            #expect("\(error)".contains("BAROMETER_MAX_DECOMPRESSED"))
        }
    }

    /// 20 KB of sheet XML with no whitespace between tags (as Excel writes it), attributes,
    /// inline and shared strings; and the same with every space removed. Every search inside a
    /// tag is bounded by the tag, so both are linear (measured well under 0.1 s in a debug
    /// build; the bound asserted is 1 s).
    @Test func sheetsWithoutWhitespaceParseInLinearTime() throws {
        var rows = #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>y</t></is></c></row>"#
        var r = 2
        while rows.utf8.count < 20_000 {
            rows += #"<row r="\#(r)"><c r="A\#(r)" s="0"><v>\#(r)</v></c><c r="B\#(r)" t="inlineStr"><is><t>t\#(r % 7)</t></is></c></row>"#
            r += 1
        }
        let shared = "<sst><si><t>x</t></si></sst>"
        let clock = ContinuousClock()
        var table: Table?
        let tight = StoredZip.workbook(sheetXML: "<worksheet><sheetData>" + rows + "</sheetData></worksheet>", sharedStrings: shared)
        let elapsed = try clock.measure { table = try Self.read(tight) }
        #expect(elapsed < .seconds(1), "\(elapsed)")
        #expect(table?.rowCount == r - 2)
        #expect(try table?.numeric("x").first == 2)

        let spaceless = "<worksheet><sheetData>" + rows.replacingOccurrences(of: " ", with: "") + "</sheetData></worksheet>"
        #expect(!spaceless.contains(" "))
        let bare = StoredZip.workbook(sheetXML: spaceless, sharedStrings: shared)
        // Without spaces `<rowr="2">` is no <row> and `<cr="A2">` no cell: an empty sheet, said quickly.
        var message = ""
        let bareElapsed = clock.measure { message = Self.message(bare) ?? "" }
        #expect(bareElapsed < .seconds(1), "\(bareElapsed)")
        #expect(message.contains("is empty"), "\(message)")
    }

    @Test func limitFromEnvironment() throws {
        #expect(try ReadLimits.fromEnvironment([:]) == .standard)
        #expect(ReadLimits.standard.maxDecompressedBytes == 4 << 30)
        #expect(try ReadLimits.fromEnvironment(["BAROMETER_MAX_DECOMPRESSED": "512M"]).maxDecompressedBytes == 512 << 20)
        #expect(try ReadLimits.fromEnvironment(["BAROMETER_MAX_DECOMPRESSED": "8g"]).maxDecompressedBytes == 8 << 30)
        #expect(try ReadLimits.fromEnvironment(["BAROMETER_MAX_DECOMPRESSED": "1000"]).maxDecompressedBytes == 1000)
        for bad in ["", "0", "-5", "1.5G", "12T", "99999999999999999999"] {
            #expect(throws: DataError.self, "\(bad)") { try ReadLimits.fromEnvironment(["BAROMETER_MAX_DECOMPRESSED": bad]) }
        }
    }
}
