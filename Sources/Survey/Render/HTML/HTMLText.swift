/// Escaping for HTML text and attribute values, and a few element helpers, so every report and
/// rendered notebook builds its markup the same way.
package enum HTMLText {
    /// `text` with `& < > " '` escaped.
    package static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// `<tag>escaped text</tag>`.
    static func element(_ tag: String, _ text: String, class cls: String? = nil) -> String {
        "<\(tag)\(cls.map { " class=\"\($0)\"" } ?? "")>\(escape(text))</\(tag)>"
    }

    /// An inline SVG for an HTML page: the XML declaration dropped (not allowed inside HTML).
    package static func inlineSVG(_ svg: String) -> String {
        svg.split(separator: "\n", omittingEmptySubsequences: false)
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
