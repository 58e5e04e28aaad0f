import Foundation

/// Turns a command's stored text output into HTML: box-drawn tables (`┌ │ ├ └`, as the text
/// renderer draws them) become HTML tables — the row before the first `├` is the header — and
/// every other run of lines (titles, notes, charts drawn in text) stays preformatted text.
package enum TextTableHTML {
    /// True when the cell's first word is a number (`83.0`, `1500`, `−2.5%`, `12*`).
    static func isNumber(_ cell: String) -> Bool {
        var word = String(cell.prefix { $0 != " " }).replacingOccurrences(of: "−", with: "-")
        while let last = word.last, "%*".contains(last) { word.removeLast() }
        return Double(word) != nil
    }

    package static func convert(_ output: String) -> String {
        var out: [String] = []
        var text: [String] = []
        var table: [[String]] = []
        var headerRows = 0
        func flushText() {
            if !text.isEmpty { out.append("<pre>" + HTMLText.escape(text.joined(separator: "\n")) + "</pre>") }
            text = []
        }
        func flushTable() {
            guard !table.isEmpty else { return }
            let header = headerRows > 0 ? table[0] : []
            let body = headerRows > 0 ? Array(table.dropFirst()) : table
            let numeric = Set((0..<(table.first?.count ?? 0)).filter { i in
                body.allSatisfy { row in i < row.count && (row[i].isEmpty || isNumber(row[i])) }
            })
            out.append("<div class=\"table-wrap\">" + HTMLText.table(header: header, rows: body, numeric: numeric) + "</div>")
            table = []
            headerRows = 0
        }
        for line in output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("┌") || t.hasPrefix("└") {
                flushText()
                if t.hasPrefix("└") { flushTable() }
            } else if t.hasPrefix("├") {
                if headerRows == 0 { headerRows = table.count }
            } else if t.hasPrefix("│"), t.hasSuffix("│") {
                flushText()
                table.append(t.dropFirst().dropLast().split(separator: "│", omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: .whitespaces) })
            } else {
                flushTable()
                text.append(line)
            }
        }
        flushTable()
        while text.last == "" { text.removeLast() }
        flushText()
        return out.joined(separator: "\n")
    }
}
