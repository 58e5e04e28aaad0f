/// One JSON object (keys snake_case, DESIGN.md §3):
///
/// ```json
/// {"title": "…", "caption": null,
///  "columns": [{"key": "wave", "header": "Wave", "kind": "text"},
///              {"key": "kz", "header": "KZ", "kind": "estimate", "digits": 1, "percent": true}],
///  "rows": [{"wave": "2018", "kz": {"estimate": 0.54, "se": 0.014, "ci_lower": 0.512, "ci_upper": 0.568, "n": 1500}}],
///  "footnotes": ["…"], "source_note": "…"}
/// ```
///
/// Numbers are full precision (shares stay proportions 0-1); missing and non-finite values are
/// `null`; a sparkline cell is an array. One row per line so diffs stay readable.
struct JSONTableRenderer {
    let table: TableModel

    static func string(_ s: String?) -> String { JSONText.string(s) }

    static func number(_ x: Double?) -> String { JSONText.number(x) }

    static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { string($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
    }

    private func kind(_ column: TableModel.Column) -> [(String, String)] {
        switch column.kind {
        case .text: return [("kind", "\"text\"")]
        case .integer: return [("kind", "\"integer\"")]
        case .number(let d): return [("kind", "\"number\""), ("digits", String(d))]
        case .percent(let d): return [("kind", "\"percent\""), ("digits", String(d))]
        case .estimate(let d, let p): return [("kind", "\"estimate\""), ("digits", String(d)), ("percent", p ? "true" : "false")]
        case .sparkline: return [("kind", "\"sparkline\"")]
        case .pValue: return [("kind", "\"p_value\"")]
        }
    }

    private func value(_ cell: TableModel.Cell) -> String {
        switch cell {
        case .text(let s): return Self.string(s)
        case .integer(let i): return String(i)
        case .number(let x): return Self.number(x)
        case .estimate(let e):
            return Self.object([
                ("estimate", Self.number(e.value)), ("se", Self.number(e.se)), ("ci_lower", Self.number(e.lower)),
                ("ci_upper", Self.number(e.upper)), ("n", e.n.map(String.init) ?? "null"),
            ])
        case .sparkline(let values): return "[" + values.map { Self.number($0) }.joined(separator: ", ") + "]"
        case .missing: return "null"
        }
    }

    func render() -> String {
        let shown = table.columns.indices.filter { !table.columns[$0].csvOnly }
        let keys = shown.map { table.columns[$0].effectiveKey }
        let columns = shown.map { table.columns[$0] }.map { c in
            Self.object([("key", Self.string(c.effectiveKey)), ("header", Self.string(c.header))] + kind(c))
        }
        let rows = table.rows.map { row in
            Self.object(keys.indices.map { (keys[$0], value(table.cell(row, shown[$0]))) })
        }
        func list(_ items: [String]) -> String {
            items.isEmpty ? "[]" : "[\n    " + items.joined(separator: ",\n    ") + "\n  ]"
        }
        let notes = "[" + table.footnotes.map { Self.string($0) }.joined(separator: ", ") + "]"
        return """
            {
              "title": \(Self.string(table.title)),
              "caption": \(Self.string(table.caption)),
              "columns": \(list(columns)),
              "rows": \(list(rows)),
              "footnotes": \(notes),
              "source_note": \(Self.string(table.sourceNote))
            }

            """
    }
}
