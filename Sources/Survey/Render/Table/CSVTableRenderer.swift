#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText

/// RFC 4180 CSV, data only: comma-separated, CRLF line ends, fields holding `,` `"` CR or LF
/// quoted with `"` doubled; full precision (Swift's shortest round-trip `Double` text, e.g.
/// `0.1`, `1e-05`); one header record, then one record per row — no prose records (footnotes and
/// the source line are for the reader of text output; the CLI writes them to stderr).
///
/// Columns: text, integer, number, percent and p-value columns give one field each (percents
/// stay proportions 0-1, as in JSON; a p-value is a number, never `<0.001`); an estimate column
/// gives `estimate[, se][, ci_lower, ci_upper][, n]` prefixed by its key (`change_estimate`,
/// `change_se`, …), bare when the key is `estimate`; each optional part only when some cell
/// of the column has it. Sparkline
/// columns are left out (they repeat the row's numbers), and so are `displayOnly` ones;
/// `csvOnly` columns are written here only. Header names are unique (a repeated key gets `_2`, `_3`). Missing values are empty.
struct CSVTableRenderer {
    let table: TableModel

    static let estimateParts = ["estimate", "se", "ci_lower", "ci_upper", "n"]

    static func quote(_ field: String) -> String {
        // Leading or trailing spaces are quoted too: readers (barometer's, R's strip.white) trim
        // them from unquoted fields, and "Yes " came back as "Yes". Bytes, not Characters: a
        // quote under a combining accent is one Character, unequal to `"`, and went out unquoted.
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A })
                || field.first?.isWhitespace == true || field.last?.isWhitespace == true
        else { return field }
        return "\"" + field.replacingEvery("\"", with: "\"\"") + "\""
    }

    static func number(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "" }
        return x == 0 ? "0" : x.description
    }

    /// The estimate parts a column writes: `estimate`, then `se`, the bounds and `n` only when
    /// some row has them (a column of bare published values writes `estimate` alone).
    private func parts(_ c: Int) -> [Int] {
        let cells: [TableModel.EstimateCell] = table.rows.compactMap {
            if case .estimate(let e) = table.cell($0, c) { return e } else { return nil }
        }
        var kept = [0]
        if cells.contains(where: { $0.se != nil }) { kept.append(1) }
        if cells.contains(where: { $0.lower != nil || $0.upper != nil }) { kept += [2, 3] }
        if cells.contains(where: { $0.n != nil }) { kept.append(4) }
        return kept
    }

    /// The header names, made unique.
    func header() -> [String] {
        var names: [String] = []
        for (c, column) in table.columns.enumerated() where column.kind != .sparkline && !column.displayOnly {
            if case .estimate = column.kind {
                let key = column.effectiveKey
                names += parts(c).map { Self.estimateParts[$0] }.map { key == "estimate" ? $0 : key + "_" + $0 }
            } else {
                names.append(column.effectiveKey)
            }
        }
        var seen: [String: Int] = [:]
        return names.map { name in
            seen[name, default: 0] += 1
            let count = seen[name] ?? 1
            return count == 1 ? name : "\(name)_\(count)"
        }
    }

    func render() -> String {
        var records: [[String]] = [header()]
        for row in table.rows {
            var fields: [String] = []
            for (c, column) in table.columns.enumerated() where column.kind != .sparkline && !column.displayOnly {
                let cell = table.cell(row, c)
                if case .estimate = column.kind {
                    let all = estimateFields(cell)
                    fields += parts(c).map { all[$0] }
                } else {
                    fields.append(field(cell, kind: column.kind))
                }
            }
            records.append(fields)
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

    private func field(_ cell: TableModel.Cell, kind: TableModel.Kind) -> String {
        switch cell {
        case .text(let s): return s
        case .integer(let i): return String(i)
        case .number(let x):
            // An integer column (or one shown without decimals) holds whole numbers: `197`, not `197.0`.
            if kind == .integer || kind == .number(digits: 0), x.isFinite, x == x.rounded(), abs(x) < 9e15 { return String(Int(x)) }
            return Self.number(x)
        case .estimate(let e): return Self.number(e.value)
        case .sparkline(let values): return values.map { Self.number($0) }.joined(separator: ";")
        case .missing: return ""
        }
    }
}
