#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// What the reader needs from a workbook's package parts: the sheets in tab order with their
/// XML part names, the date system, which cell styles are date or time formats, and the shared
/// strings.
struct XLSXWorkbook {
    struct Sheet {
        var name: String
        /// Zip entry of the sheet XML, e.g. `xl/worksheets/sheet1.xml`.
        var part: String
    }

    var sheets: [Sheet]
    var date1904: Bool
    /// Per cell-style index (`s` attribute): 0 = not a date, 1 = date (or date-time), 2 = time only.
    var dateStyles: [UInt8]

    private static let sheetTag = Array("<sheet ".utf8)
    private static let relationshipTag = Array("<Relationship ".utf8)
    private static let numFmtTag = Array("<numFmt ".utf8)
    private static let cellXfsTag = Array("<cellXfs".utf8)
    private static let cellXfsClose = Array("</cellXfs>".utf8)
    private static let xfTag = Array("<xf ".utf8)

    /// Parses `xl/workbook.xml`, its relationships and `xl/styles.xml` (optional).
    init(workbook: Data, relationships: Data?, styles: Data?, file: String?) throws(DataError) {
        var relTargets: [String: String] = [:]
        if let relationships {
            try XMLBytes.with(relationships, part: "xl/_rels/workbook.xml.rels", file: file) { x throws(DataError) in
                var i = 0
                while let at = x.find(Self.relationshipTag, from: i) {
                    let end = try x.tagEnd(at)
                    if let id = try x.attributeText(Array(" Id=".utf8), in: at, end),
                        let target = try x.attributeText(Array(" Target=".utf8), in: at, end) {
                        relTargets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
                    }
                    i = end
                }
            }
        }
        var sheets: [Sheet] = []
        var date1904 = false
        try XMLBytes.with(workbook, part: "xl/workbook.xml", file: file) { x throws(DataError) in
            if let at = x.find(Array("<workbookPr".utf8), from: 0) {
                let end = try x.tagEnd(at)
                let v = try x.attributeText(Array(" date1904=".utf8), in: at, end)
                date1904 = v == "1" || v == "true"
            }
            var i = 0
            while let at = x.find(Self.sheetTag, from: i) {
                let end = try x.tagEnd(at)
                guard let name = try x.attributeText(Array(" name=".utf8), in: at, end) else {
                    throw x.malformed("<sheet> without a name", at: at)
                }
                let id = try x.attributeText(Array(" r:id=".utf8), in: at, end)
                let part = id.flatMap { relTargets[$0] } ?? "xl/worksheets/sheet\(sheets.count + 1).xml"
                sheets.append(Sheet(name: name, part: part))
                i = end
            }
        }
        self.sheets = sheets
        self.date1904 = date1904
        self.dateStyles = []
        if let styles { self.dateStyles = try Self.dateStyles(styles, file: file) }
    }

    /// Built-in number formats that are dates (14-17, 22, 27-36, 50-58) or times (18-21, 45-47).
    static func builtInKind(_ id: Int) -> UInt8 {
        switch id {
        case 14...17, 22, 27...36, 50...58: return 1
        case 18...21, 45...47: return 2
        default: return 0
        }
    }

    /// Whether a custom format code shows a date (1), a time only (2) or neither (0): quoted
    /// literals, escaped characters and `[...]` sections (colours, locales) are ignored, except
    /// elapsed-time `[h]`/`[mm]`/`[ss]`.
    static func customKind(_ code: String) -> UInt8 {
        var hasDate = false, hasTime = false
        var inQuote = false, inBracket = false, escaped = false
        var bracket = ""
        for ch in code.lowercased() {
            if escaped { escaped = false; continue }
            if inQuote { if ch == "\"" { inQuote = false }; continue }
            if inBracket {
                if ch == "]" {
                    inBracket = false
                    if ["h", "hh", "m", "mm", "s", "ss"].contains(bracket) { hasTime = true }
                } else {
                    bracket.append(ch)
                }
                continue
            }
            switch ch {
            case "\"": inQuote = true
            case "\\", "_", "*": escaped = true
            case "[": inBracket = true; bracket = ""
            case "y", "d": hasDate = true
            case "m": hasDate = true  // month or minute: either way a date/time format
            case "h", "s": hasTime = true
            default: break
            }
        }
        if code.lowercased() == "general" { return 0 }
        return hasDate ? 1 : (hasTime ? 2 : 0)
    }

    private static func dateStyles(_ styles: Data, file: String?) throws(DataError) -> [UInt8] {
        try XMLBytes.with(styles, part: "xl/styles.xml", file: file) { x throws(DataError) -> [UInt8] in
            var custom: [Int: UInt8] = [:]
            var i = 0
            while let at = x.find(Self.numFmtTag, from: i) {
                let end = try x.tagEnd(at)
                if let id = x.attribute(Array(" numFmtId=".utf8), in: at, end).flatMap(x.integer),
                    let code = try x.attributeText(Array(" formatCode=".utf8), in: at, end) {
                    custom[id] = customKind(code)
                }
                i = end
            }
            guard let open = x.find(Self.cellXfsTag, from: 0) else { return [] }
            guard let close = x.find(Self.cellXfsClose, from: open) else { throw x.malformed("<cellXfs> without </cellXfs>", at: open) }
            var kinds: [UInt8] = []
            i = open
            while let at = x.find(Self.xfTag, from: i, limit: close) {
                let end = try x.tagEnd(at)
                let id = x.attribute(Array(" numFmtId=".utf8), in: at, end).flatMap(x.integer) ?? 0
                kinds.append(custom[id] ?? builtInKind(id))
                i = end
            }
            return kinds
        }
    }

    /// Parses `xl/sharedStrings.xml`: one string per `<si>`, rich-text runs concatenated.
    static func sharedStrings(_ data: Data, file: String?) throws(DataError) -> [String] {
        let open = Array("<si".utf8), close = Array("</si>".utf8)
        return try XMLBytes.with(data, part: "xl/sharedStrings.xml", file: file) { x throws(DataError) -> [String] in
            var strings: [String] = []
            var i = 0
            while let at = x.find(open, from: i) {
                guard XMLBytes.endsName(x[at + 3]) else { i = at + 3; continue }
                let tagEnd = try x.tagEnd(at)
                if x[tagEnd - 1] == 0x2F {  // <si/>
                    strings.append("")
                    i = tagEnd + 1
                    continue
                }
                guard let stop = x.find(close, from: tagEnd) else { throw x.malformed("<si> without </si>", at: at) }
                strings.append(try x.runText(tagEnd + 1, stop))
                i = stop + close.count
            }
            return strings
        }
    }
}
