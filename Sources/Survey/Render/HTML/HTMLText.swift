import SurveyText

/// Escaping for HTML text and attribute values, and a few element helpers, so every report and
/// rendered notebook builds its markup the same way.
package enum HTMLText {
    /// `text` with `& < > " '` escaped.
    /// Byte by byte: the five are ASCII, and no other scalar's UTF-8 holds an ASCII byte, so a
    /// `&` is escaped even where a combining mark follows it (walking Characters left `&` + U+0301
    /// as it was); a text without any of them is returned as it is (issue 17 item 4: the walk
    /// over Characters was a quarter of a `report`'s instructions).
    package static func escape(_ text: String) -> String {
        func special(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
        }
        guard text.utf8.contains(where: special) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out += "&amp;".utf8
            case UInt8(ascii: "<"): out += "&lt;".utf8
            case UInt8(ascii: ">"): out += "&gt;".utf8
            case UInt8(ascii: "\""): out += "&quot;".utf8
            case UInt8(ascii: "'"): out += "&#39;".utf8
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `<tag>escaped text</tag>`.
    static func element(_ tag: String, _ text: String, class cls: String? = nil) -> String {
        "<\(tag)\(cls.map { " class=\"\($0)\"" } ?? "")>\(escape(text))</\(tag)>"
    }

    /// An inline SVG for an HTML page: the XML declaration dropped (not allowed inside HTML).
    package static func inlineSVG(_ svg: String) -> String {
        ByteSplit.lines(svg, omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("<?xml") }.joined(separator: "\n")
    }

    /// A table: a header row and body rows of plain text cells; columns listed in `numeric` are
    /// right-aligned.
    package static func table(header: [String], rows: [[String]], numeric: Set<Int> = [], caption: String? = nil) -> String {
        func cell(_ tag: String, _ i: Int, _ text: String) -> String {
            "<\(tag)\(numeric.contains(i) ? " class=\"num\"" : "")>\(escape(text))</\(tag)>"
        }
        var out = ["<table>"]
        if let caption { out.append("<caption>\(escape(caption))</caption>") }
        out.append("<thead><tr>" + header.enumerated().map { cell("th", $0.offset, $0.element) }.joined() + "</tr></thead>")
        out.append("<tbody>")
        for row in rows { out.append("<tr>" + row.enumerated().map { cell("td", $0.offset, $0.element) }.joined() + "</tr>") }
        out.append("</tbody></table>")
        return out.joined(separator: "\n")
    }
}
