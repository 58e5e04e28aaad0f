import Foundation
import Testing
import Survey
@testable import SurveyData

/// The ZIP reader that replaced ZIPFoundation (`ZIPEntryData`, `ZIPInflate`): archives built
/// byte by byte (`StoredZip`), so each case is exactly the one described.
@Suite struct ZIPReaderTests {
    static let sheet = #"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>"#
        + #"<row r="2"><c r="A2"><v>7</v></c></row></sheetData></worksheet>"#

    /// A sheet whose sizes are given only in its ZIP64 extra field (the fixed fields say
    /// 0xFFFFFFFF, the extra field the true 8-byte sizes) reads as the plain archive does.
    @Test func zip64SizesAreRead() throws {
        let bytes = StoredZip.workbook(sheetXML: Self.sheet, declaredSheetSize: UInt64(Self.sheet.utf8.count))
        #expect(try HostileXLSXTests.read(bytes).numeric("x") == [7])
        let path = try StoredZip.temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let entry = try #require(ZIPEntryData(path: path).entries["xl/worksheets/sheet1.xml"])
        #expect(entry.uncompressedSize == UInt64(Self.sheet.utf8.count))
        #expect(entry.compressedSize == UInt64(Self.sheet.utf8.count))
        #expect(entry.crc32 == StoredZip.crc32(Array(Self.sheet.utf8)))
    }

    /// One byte of the sheet changed after its CRC-32 was written (`7` → `8`): the CRC check
    /// names the part, where the damaged number would otherwise have been read as data.
    @Test func damagedPartFailsItsChecksum() throws {
        var bytes = StoredZip.workbook(sheetXML: Self.sheet)
        let value = Array("<v>7</v>".utf8)
        let at = try #require((0...(bytes.count - value.count)).first { Array(bytes[$0..<($0 + value.count)]) == value })
        bytes[at + 3] = UInt8(ascii: "8")
        let m = HostileXLSXTests.message(bytes)
        #expect(m?.contains("corrupt .xlsx workbook: xl/worksheets/sheet1.xml fails its CRC-32 check") == true, "\(m ?? "no error")")
    }

    /// A part compressed with a method other than stored (0) or deflate (8) — here 12, bzip2 —
    /// is an error naming the method, not garbage XML.
    @Test func unsupportedMethodIsNamed() throws {
        var bytes = StoredZip.workbook(sheetXML: Self.sheet)
        let name = Array("xl/worksheets/sheet1.xml".utf8)
        // The last occurrence of the name is in the central directory, 46 bytes after its header.
        let at = try #require((0...(bytes.count - name.count)).last { Array(bytes[$0..<($0 + name.count)]) == name })
        bytes[at - 46 + 10] = 12
        let m = HostileXLSXTests.message(bytes)
        #expect(m?.contains("xl/worksheets/sheet1.xml uses compression method 12") == true, "\(m ?? "no error")")
    }

    /// Bytes that are not a ZIP archive at all (no end-of-central-directory record).
    @Test func notAnArchive() {
        let m = HostileXLSXTests.message(Array("PK\u{3}\u{4} but nothing else of a zip file".utf8))
        #expect(m?.contains("corrupt .xlsx workbook: not a readable ZIP archive") == true, "\(m ?? "no error")")
    }
}
