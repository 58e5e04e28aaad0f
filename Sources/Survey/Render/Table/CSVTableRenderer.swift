/// RFC 4180 CSV: comma-separated, CRLF line ends, fields holding `,` `"` CR or LF quoted with
/// `"` doubled; full precision (Swift's shortest round-trip `Double` text, e.g. `0.1`, `1e-05`).
///
/// Columns: text, integer, number and percent columns give one field each (percents stay
/// proportions 0-1, as in JSON); an estimate column gives five fields, `estimate, se, ci_lower,
/// ci_upper, n` — bare when the table has a single estimate column, else prefixed by the column
/// key (`kz_estimate`, `kz_se`, …); a sparkline column gives its values joined by `;`. Missing
/// values are empty fields. The header uses column keys. Footnotes and the source follow the
/// data as records whose first field is `Note: …` / `Source: …` and whose other fields are
/// empty, so every record has the same number of fields.
struct CSVTableRenderer {
    let table: TableModel

    static let estimateParts = ["estimate", "se", "ci_lower", "ci_upper", "n"]

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
        else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func number(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "" }
        return x == 0 ? "0" : x.description
    }

    func render() -> String {
        let estimateColumns = table.columns.filter { if case .estimate = $0.kind { return true } else { return false } }
        let bare = estimateColumns.count == 1
        var header: [String] = []
        for column in table.columns {
            if case .estimate = column.kind {
                header += Self.estimateParts.map { bare ? $0 : column.effectiveKey + "_" + $0 }
            } else {
                header.append(column.effectiveKey)
            }
        }
        var records: [[String]] = [header]
        for row in table.rows {
            var fields: [String] = []
            for (c, column) in table.columns.enumerated() {
                let cell = table.cell(row, c)
                if case .estimate = column.kind {
                    fields += estimateFields(cell)
                } else {
                    fields.append(field(cell))
                }
            }
            records.append(fields)
        }
        let width = header.count
        for line in table.footnotes.map({ "Note: " + $0 }) + [table.sourceLine] {
            records.append([line] + Array(repeating: "", count: max(0, width - 1)))
        }
        return records.map { $0.map(Self.quote).joined(separator: ",") + "\r\n" }.joined()
    }

    private func estimateFields(_ cell: TableModel.Cell) -> [String] {
        switch cell {
        case .estimate(let e):
            return [Self.number(e.value), Self.number(e.se), Self.number(e.lower), Self.number(e.upper),
                    e.n.map(String.init) ?? ""]
        case .number(let x): return [Self.number(x), "", "", "", ""]
        case .integer(let i): return [String(i), "", "", "", ""]
        case .text(let s): return [s, "", "", "", ""]
        case .missing, .sparkline: return ["", "", "", "", ""]
        }
    }

    private func field(_ cell: TableModel.Cell) -> String {
        switch cell {
        case .text(let s): return s
        case .integer(let i): return String(i)
        case .number(let x): return Self.number(x)
        case .estimate(let e): return Self.number(e.value)
        case .sparkline(let values): return values.map { Self.number($0) }.joined(separator: ";")
        case .missing: return ""
        }
    }
}
