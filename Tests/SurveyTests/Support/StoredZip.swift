import Foundation

/// Writes small ZIP archives byte by byte (stored entries, CRC-32), so tests can build hostile
/// workbooks exactly: an entry may declare a ZIP64 uncompressed size unrelated to its content.
enum StoredZip {
    struct Entry {
        var name: String
        var content: [UInt8]
        /// Uncompressed size to declare in a ZIP64 extra field instead of the real one.
        var declaredSize: UInt64? = nil
    }

    /// A minimal workbook: one sheet `S` with `sheetXML`, plus optional shared strings.
    static func workbook(sheetXML: String, sharedStrings: String? = nil, declaredSheetSize: UInt64? = nil) -> [UInt8] {
        var entries = [
            Entry(name: "xl/workbook.xml", content: Array(#"<workbook><sheets><sheet name="S" r:id="r1"/></sheets></workbook>"#.utf8)),
            Entry(name: "xl/_rels/workbook.xml.rels",
                  content: Array(#"<Relationships><Relationship Id="r1" Target="worksheets/sheet1.xml"/></Relationships>"#.utf8)),
            Entry(name: "xl/worksheets/sheet1.xml", content: Array(sheetXML.utf8), declaredSize: declaredSheetSize),
        ]
        if let sharedStrings { entries.append(Entry(name: "xl/sharedStrings.xml", content: Array(sharedStrings.utf8))) }
        return archive(entries)
    }

    /// The archive bytes: local headers and data, central directory, end record.
    static func archive(_ entries: [Entry]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for e in entries {
            let offset = UInt32(out.count)
            let crc = crc32(e.content)
            let name = Array(e.name.utf8)
            let zip64 = e.declaredSize != nil
            // ZIP64 extra: uncompressed then compressed size, 8 bytes each.
            var extra: [UInt8] = []
            if let declared = e.declaredSize {
                extra = le16(1) + le16(16) + le64(declared) + le64(UInt64(e.content.count))
            }
            let size32 = zip64 ? UInt32.max : UInt32(e.content.count)
            out += le32(0x0403_4b50) + le16(zip64 ? 45 : 20) + le16(0) + le16(0) + le16(0) + le16(0x21)
            out += le32(crc) + le32(size32) + le32(size32) + le16(UInt16(name.count)) + le16(UInt16(extra.count))
            out += name + extra + e.content
            central += le32(0x0201_4b50) + le16(zip64 ? 45 : 20) + le16(zip64 ? 45 : 20) + le16(0) + le16(0)
            central += le16(0) + le16(0x21) + le32(crc) + le32(size32) + le32(size32)
            central += le16(UInt16(name.count)) + le16(UInt16(extra.count)) + le16(0) + le16(0) + le16(0)
            central += le32(0) + le32(offset) + name + extra
        }
        let centralOffset = UInt32(out.count)
        out += central
        out += le32(0x0605_4b50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
        out += le32(UInt32(central.count)) + le32(centralOffset) + le16(0)
        return out
    }

    /// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as ZIP uses.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    static func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
    static func le64(_ v: UInt64) -> [UInt8] { (0..<8).map { UInt8((v >> (8 * $0)) & 0xFF) } }

    /// Writes `bytes` to a fresh temporary file and returns its path.
    static func temporaryFile(_ bytes: [UInt8], suffix: String = ".xlsx") throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)\(suffix)")
        try Data(bytes).write(to: url)
        return url.path
    }
}
