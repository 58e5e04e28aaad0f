#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText

/// Turns a command's stored text output into HTML: box-drawn tables (`┌ │ ├ └`, as the text
/// renderer draws them) become HTML tables — the row before the first `├` is the header — and
/// every other run of lines (titles, notes, charts drawn in text) stays preformatted text. A table
/// the text renderer split into blocks to fit its width (the blocks one after another, each
/// repeating the key columns) is one HTML table again: a page has no 80-column limit.
package enum TextTableHTML {
    /// True when the cell's first word is a number (`83.0`, `1500`, `−2.5%`, `12*`).
    static func isNumber(_ cell: String) -> Bool {
        var word = String(cell.prefix { $0 != " " }).replacingEvery("−", with: "-")
        while let last = word.last, "%*".contains(last) { word.removeLast() }
        return Double(word) != nil
    }

    /// A run of the output: preformatted lines, or a box-drawn table's cells.
    enum Part {
        case text([String])
        case table(header: [String], rows: [[String]])
    }

    package static func convert(_ output: String) -> String {
        joiningSplitBlocks(parts(of: output)).compactMap { part -> String? in
            switch part {
            case .text(var lines):
                while lines.last == "" { lines.removeLast() }
                return lines.isEmpty ? nil : "<pre>" + HTMLText.escape(lines.joined(separator: "\n")) + "</pre>"
            case .table(let header, let rows):
                let numeric = Set((0..<(rows.first?.count ?? header.count)).filter { i in
                    rows.allSatisfy { row in i < row.count && (row[i].isEmpty || isNumber(row[i])) }
                })
                return "<div class=\"table-wrap\">" + HTMLText.table(header: header, rows: rows, numeric: numeric) + "</div>"
            }
        }.joined(separator: "\n")
    }

    /// The output's text runs and tables, in order.
    static func parts(of output: String) -> [Part] {
        var parts: [Part] = []
        var text: [String] = []
        var table: [[String]] = []
        var headerRows = 0
        func flushText() {
            if !text.isEmpty { parts.append(.text(text)) }
            text = []
        }
        func flushTable() {
            guard !table.isEmpty else { return }
            parts.append(.table(header: headerRows > 0 ? table[0] : [], rows: headerRows > 0 ? Array(table.dropFirst()) : table))
            table = []
            headerRows = 0
        }
        for line in output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let t = line.whitespacesTrimmed()
            if t.hasPrefix("┌") || t.hasPrefix("└") {
                flushText()
                if t.hasPrefix("└") { flushTable() }
            } else if t.hasPrefix("├") {
                if headerRows == 0 { headerRows = table.count }
            } else if t.hasPrefix("│"), t.hasSuffix("│") {
                flushText()
                table.append(t.dropFirst().dropLast().split(separator: "│", omittingEmptySubsequences: false)
                    .map { $0.whitespacesTrimmed() })
            } else {
                flushTable()
                text.append(line)
            }
        }
        flushTable()
        flushText()
        return parts
    }

    /// Tables separated by blank lines alone, where the later one starts with columns of the
    /// earlier one (same header, same cells: the key columns a split repeats) and has as many
    /// rows, joined: the earlier table, then the later one's other columns.
    static func joiningSplitBlocks(_ parts: [Part]) -> [Part] {
        var joined: [Part] = []
        for part in parts {
            guard case .table(let header, let rows) = part else {
                joined.append(part)
                continue
            }
            // The previous table, with only blank text between.
            var k = joined.count - 1
            if k >= 0, case .text(let lines) = joined[k], lines.allSatisfy({ $0.whitespacesTrimmed().isEmpty }) {
                k -= 1
            }
            guard k >= 0, case .table(let firstHeader, let firstRows) = joined[k], firstRows.count == rows.count,
                  !header.isEmpty, header.count == rows.first?.count ?? header.count
            else {
                joined.append(part)
                continue
            }
            let column = { (table: [[String]], j: Int) in table.map { j < $0.count ? $0[j] : "" } }
            var keys = 0
            while keys < header.count - 1,
                  firstHeader.indices.contains(where: { firstHeader[$0] == header[keys] && column(firstRows, $0) == column(rows, keys) }) {
                keys += 1
            }
            guard keys > 0 else {
                joined.append(part)
                continue
            }
            joined.removeSubrange(k...)
            joined.append(.table(header: firstHeader + header.dropFirst(keys),
                                 rows: zip(firstRows, rows).map { $0 + $1.dropFirst(keys) }))
        }
        return joined
    }
}
