import Foundation
import Testing
import Survey
@testable import SurveyRender

/// Synthetic table (made-up figures, not survey results) exercising every cell kind and the
/// characters each format must escape.
enum SampleTables {
    static let est = TableModel.Kind.estimate(digits: 1, percent: true)

    /// Values chosen so each formatted number is exact by hand: 0.54 → 54.0, 0.512 → 51.2, …
    static let wide = TableModel(
        title: "Favorable view of Russia (%)",
        columns: [
            .init("Wave"), .init("KZ", est), .init("KG | south", est), .init("n", .integer),
            .init("Trend", .sparkline),
        ],
        rows: [
            [.text("2018-spring"), .estimate(.init(value: 0.54, se: 0.0143, lower: 0.512, upper: 0.568, n: 1500)),
             .estimate(.init(value: 0.05, se: 0.01, lower: 0.031, upper: 0.072, n: 1200)), .integer(2700),
             .sparkline([0.1, 0.5, 0.9])],
            [.text("2018-autumn"), .estimate(.init(value: 0.6, se: 0.02, lower: 0.56, upper: 0.64)), .missing,
             .integer(1500), .sparkline([0.3, 0.3])],
            [.text("2019 R&D_50% {x}"), .estimate(.init(value: 1.0, se: 0, lower: 1.0, upper: 1.0, n: 10)),
             .estimate(.init(value: 0.123, se: 0.004)), .integer(12), .sparkline([.nan, 1, 0])],
        ],
        footnotes: ["2018-autumn KG not asked.", "Synthetic figures for tests."],
        sourceNote: "Synthetic test data · barometer",
        caption: "Share favorable, 95% CI")

    static let narrow = TableModel(
        columns: [.init("Country"), .init("Net", .estimate(digits: 0, percent: true))],
        rows: [
            [.text("KZ"), .estimate(.init(value: -0.03, lower: -0.051, upper: -0.009))],
            [.text("UZ"), .estimate(.init(value: 0.25, lower: 0.2, upper: 0.3))],
        ])
}

@Suite struct TableRenderTests {
    // Reviewed by eye: borders close on every row; numbers line up on the decimal point of the
    // estimate; `—` for the missing cell; both notes and the source line present.
    // By hand: 0.54·100 = 54.0, 0.512 → 51.2, 0.568 → 56.8; 0.05 → 5.0 [3.1, 7.2];
    // 0.123 with SE 0.004 → "12.3 (SE 0.4)"; sparkline [0.1,0.5,0.9] → levels 0, 3.5→4, 7 = ▁▅█.
    @Test func textBox() {
        let s = SampleTables.wide.rendered(.text())
        Snapshot.check(s, "table-wide.txt")
        #expect(s.contains("│  54.0 [51.2, 56.8]   │"))  // decimal-aligned with 100.0 below
        #expect(s.contains(" 5.0 [3.1, 7.2] "))
        #expect(s.contains("12.3 (SE 0.4)"))
        #expect(s.contains("▁▅█"))
        #expect(s.contains("Note: 2018-autumn KG not asked.\nNote: Synthetic figures for tests.\nSource: Synthetic test data · barometer\n"))
        // Every table line has the same width (5 columns → 6 vertical bars per body line).
        let tableLines = s.split(separator: "\n").filter { $0.hasPrefix("│") || $0.hasPrefix("┌") || $0.hasPrefix("├") || $0.hasPrefix("└") }
        #expect(Set(tableLines.map(\.count)).count == 1)
        #expect(tableLines.filter { $0.hasPrefix("│") }.allSatisfy { $0.filter { $0 == "│" }.count == 6 })
    }

    @Test func textASCII() {
        let s = SampleTables.wide.rendered(.text(ascii: true))
        Snapshot.check(s, "table-wide-ascii.txt")
        #expect(Snapshot.isASCII(s))
        #expect(s.contains("Source: Synthetic test data - barometer"))
        // Missing cell is "-", sparkline falls back to _.-~^: [0.1,0.5,0.9] → 0, 2, 4 = "_-^".
        #expect(s.contains("_-^"))
    }

    // One notation, negative bounds too (not "--3--1"); digits 0 → -0.03·100 = -3, -5.1 → -5, -0.9 → -1.
    @Test func textNarrow() {
        let s = SampleTables.narrow.rendered(.text())
        Snapshot.check(s, "table-narrow.txt")
        #expect(s.contains("-3 [-5, -1]"))
        #expect(s.contains("25 [20, 30]"))
        #expect(s.hasSuffix("Source: not given\n"))
    }

    /// Bounds that would print as 0 or 100 but are not: by hand, 0.0004·100 = 0.04 → "0.0", so
    /// "<0.1"; 0.99996·100 = 99.996 → "100.0", so ">99.9"; a bound of exactly 0 or 100 prints as
    /// itself; the cells line up on the point of the estimate (ASCII and not: "—" missing).
    @Test func boundsNearZeroAndAHundred() {
        let model = TableModel(
            columns: [.init("Row"), .init("Share", SampleTables.est)],
            rows: [
                [.text("a"), .estimate(.init(value: 0.5, lower: 0.0004, upper: 0.99996))],
                [.text("b"), .estimate(.init(value: 0, lower: 0, upper: 1))],
                [.text("c"), .missing],
            ])
        let s = model.rendered(.text())
        #expect(s.contains("│ a   │ 50.0 [<0.1, >99.9] │"))
        #expect(s.contains("│ b   │  0.0 [0.0, 100.0]  │"))
        // "—" has no number: its anchor is its end (1), one short of "50.0"'s (2).
        #expect(s.contains("│ c   │  —                 │"))
    }

    // GFM: the pipe in the header is escaped as `\|`; decimal columns use `---:`.
    @Test func markdown() {
        let s = SampleTables.wide.rendered(.markdown)
        Snapshot.check(s, "table-wide.md")
        #expect(s.contains("KG \\| south"))
        #expect(s.hasPrefix("**Favorable view of Russia (%)**\n\nShare favorable, 95% CI\n\n| Wave "))
        let rows = s.split(separator: "\n").filter { $0.hasPrefix("|") }
        #expect(rows.count == 2 + 3)  // header, delimiter, three rows
        // Unescaped pipes per row: 6 (5 columns).
        for row in rows {
            let chars = Array(row)
            let unescaped = chars.indices.filter { chars[$0] == "|" && ($0 == 0 || chars[$0 - 1] != "\\") }
            #expect(unescaped.count == 6, "\(row)")
        }
        Snapshot.check(SampleTables.narrow.rendered(.markdown), "table-narrow.md")
    }

    // RFC 4180: CRLF, quoted field with comma/quote; full precision (0.0143 stays 0.0143, not 1.4);
    // estimate columns → prefixed names kz_estimate …; the header "KG | south" keys to kg_south;
    // data only (issue 12): no note/source records, no sparkline column.
    @Test func csv() {
        let s = SampleTables.wide.rendered(.csv)
        Snapshot.check(s, "table-wide.csv")
        let records = s.components(separatedBy: "\r\n").dropLast()
        #expect(records.first == "wave,kz_estimate,kz_se,kz_ci_lower,kz_ci_upper,kz_n,kg_south_estimate,kg_south_se,kg_south_ci_lower,kg_south_ci_upper,kg_south_n,n")
        #expect(records[1] == "2018-spring,0.54,0.0143,0.512,0.568,1500,0.05,0.01,0.031,0.072,1200,2700")
        #expect(records[2] == "2018-autumn,0.6,0.02,0.56,0.64,,,,,,,1500")
        #expect(records.last?.hasPrefix("2019 R&D_50% {x},1.0,0,") == true)
        #expect(records.count == 1 + 3)
        let single = SampleTables.narrow.rendered(.csv)
        Snapshot.check(single, "table-narrow.csv")
        // No SE and no n in the column: those parts are left out.
        #expect(single == "country,net_estimate,net_ci_lower,net_ci_upper\r\nKZ,-0.03,-0.051,-0.009\r\nUZ,0.25,0.2,0.3\r\n")
        #expect(CSVTableRenderer.quote("a,\"b\"") == "\"a,\"\"b\"\"\"")
        // A quote under a combining acute (one Character, not equal to `"`) is still a quote:
        // the field is quoted and the quote doubled (by hand: `"` `"́` → `"` `""́` `"`).
        let accented = "\"\u{301}"
        let quoted = CSVTableRenderer.quote(accented)
        #expect(quoted == "\"\"\"\u{301}\"")
    }

    @Test func json() throws {
        let s = SampleTables.wide.rendered(.json)
        Snapshot.check(s, "table-wide.json")
        // Valid JSON with the documented keys (parsed by Foundation, independent of the writer).
        let object = try #require(try JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any])
        #expect(object["source_note"] as? String == "Synthetic test data · barometer")
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.count == 3)
        let kz = try #require(rows[0]["kz"] as? [String: Any])
        #expect(kz["estimate"] as? Double == 0.54)
        #expect(kz["ci_upper"] as? Double == 0.568)
        #expect(kz["n"] as? Int == 1500)
        #expect(rows[1]["kg_south"] is NSNull)
        Snapshot.check(SampleTables.narrow.rendered(.json), "table-narrow.json")
    }

    // booktabs rules; `&`, `%`, `_`, `{`, `}` escaped; interval `[lo, hi]`; missing `---`.
    @Test func latex() {
        let s = SampleTables.wide.rendered(.latex)
        Snapshot.check(s, "table-wide.tex")
        #expect(s.contains("\\toprule") && s.contains("\\midrule") && s.contains("\\bottomrule"))
        #expect(s.contains("2019 R\\&D\\_50\\% \\{x\\}"))
        #expect(s.contains("54.0 [51.2, 56.8]"))
        #expect(s.contains("\\begin{tabular}{lrrr}"))  // sparkline column left out
        #expect(s.contains("KG \\textbar{} south"))
        #expect(s.contains("\\caption{Favorable view of Russia (\\%). Share favorable, 95\\% CI}"))
        Snapshot.check(SampleTables.narrow.rendered(.latex), "table-narrow.tex")
    }

    @Test func deterministic() {
        for format in [TableFormat.text(), .text(ascii: true), .markdown, .csv, .json, .latex] {
            #expect(SampleTables.wide.rendered(format) == SampleTables.wide.rendered(format))
        }
    }

    @Test func snakeCaseKeys() {
        #expect(TableModel.snakeCase("KZ Russia (%)") == "kz_russia")
        #expect(TableModel.snakeCase("n") == "n")
        #expect(TableModel.snakeCase("(%)") == "column")
    }

    @Test func sparklineLevels() {
        // 8 levels; (v-min)/(max-min)·7 rounded: 0→0, 1/7→1, … 1→7.
        #expect(Sparkline.render([0, 1, 2, 3, 4, 5, 6, 7]) == "▁▂▃▄▅▆▇█")
        #expect(Sparkline.render([0, 1, 2, 3, 4], ascii: true) == "_.-~^")
        #expect(Sparkline.render([2, 2, 2]) == "▄▄▄")
        #expect(Sparkline.render([1, .nan, 3]) == "▁ █")
        #expect(Sparkline.render([]) == "")
    }
}
