import Testing
import Survey

/// Issue 12 item 2 at the renderer: width fitting, wrapping, display width.
@Suite struct TableFitTests {
    /// A table 4 waves wide, each cell `54.0 [51.2, 56.8]`-sized, like overview's Kazakhstan block.
    static var wide: TableModel {
        var columns = [TableModel.Column("Wave", .text, key: "wave")]
        columns += (1...6).map { TableModel.Column("Series \($0)", .estimate(digits: 1, percent: true)) }
        let rows: [[TableModel.Cell]] = ["2018", "2020", "2022"].map { w in
            [.text(w)] + (1...6).map { _ in .estimate(.init(value: 0.54, lower: 0.512, upper: 0.568)) }
        }
        return TableModel(title: "Wide", columns: columns, rows: rows,
                          footnotes: ["A long note that has to wrap at spaces and must keep https://doi.org/10.48320/1AFC5235-EB1F-4A23-80B6-036515CE1916 whole."],
                          sourceNote: "Somewhere")
    }

    @Test(arguments: [80, 60, 40]) func blocksFitAndRepeatTheKey(width: Int) {
        let text = Self.wide.rendered(.text(width: width))
        let lines = text.split(separator: "\n")
        for line in lines where !line.contains("https://") {
            #expect(DisplayWidth.of(line) <= width, "\(line)")
        }
        // Every block repeats the wave column: the header row count equals the block count.
        let headers = lines.filter { $0.hasPrefix("│ Wave") }.count
        let blocks = lines.filter { $0.hasPrefix("┌") }.count
        #expect(headers == blocks && blocks > 1)
        // All six series are shown, each once.
        for k in 1...6 { #expect(lines.filter { $0.contains("Series \(k) ") || $0.hasSuffix("Series \(k) │") }.count == 1) }
        #expect(lines.contains { $0.contains("https://doi.org/10.48320/1AFC5235-EB1F-4A23-80B6-036515CE1916") })
    }

    /// A sweep: `estimate --proportion awards --by stype` at 80 columns repeated Statistic and
    /// Variable (the same on every row) in its second block and not Domain, so an SE's domain
    /// could be found only by counting rows. Each block now repeats the leading text columns that
    /// differ between rows (Level, Domain), and the first keeps every column in table order.
    @Test func blocksRepeatTheColumnsThatTellRowsApart() {
        let columns = [TableModel.Column("Statistic"), .init("Variable"), .init("Level"), .init("Domain")]
            + ["Estimate", "SE", "95% CI lower", "95% CI upper", "df", "n"].map { TableModel.Column($0, .number(digits: 4)) }
        let rows: [[TableModel.Cell]] = [("No", "stype=E"), ("Yes", "stype=E"), ("No", "stype=H"), ("Yes", "stype=H")].map { level, domain in
            [.text("proportion"), .text("awards"), .text(level), .text(domain)] + (0..<6).map { _ in .number(0.1234) }
        }
        let lines = TableModel(columns: columns, rows: rows).rendered(.text(width: 60)).split(separator: "\n").map(String.init)
        let headers = lines.filter { $0.hasPrefix("│ ") && $0.contains("Level") }
        #expect(headers.count >= 2)
        #expect(headers.first?.hasPrefix("│ Statistic  │ Variable │ Level │ Domain  │") == true, "\(headers)")
        for header in headers.dropFirst() {
            #expect(header.hasPrefix("│ Level │ Domain  │") && !header.contains("Statistic"), "\(header)")
        }
        // Every row of every block names its domain.
        #expect(lines.filter { $0.contains("stype=H") }.count == 2 * headers.count)
    }

    /// Three estimate columns that fill the width and a sparkline: the sparkline alone would make
    /// a block that only repeats the numbers (dropped), so the last estimate column joins it — at
    /// 80 columns the overview's three-wave countries lost their trend before. By hand: the key
    /// column "Row" is 1 + 3 + 3 = 7 wide with its borders, each estimate column 17 + 3 = 20, so
    /// three fill 67 of 70 columns and the sparkline (width 3 + 3) does not fit beside them; 7 +
    /// 20 + 6 = 33 fits in a second block. Too narrow for that (width 32): the sparkline is left out.
    @Test func aLoneSparklineTakesTheColumnBeforeIt() {
        let columns = [TableModel.Column("Row")] + ["A", "B", "C"].map { TableModel.Column($0, .estimate(digits: 1, percent: true)) }
            + [TableModel.Column("", .sparkline, key: "trend")]
        let rows: [[TableModel.Cell]] = ["x", "y"].map { r in
            [.text(r)] + (0..<3).map { _ in .estimate(.init(value: 0.54, lower: 0.512, upper: 0.568)) } + [.sparkline([0.1, 0.5, 0.9])]
        }
        let model = TableModel(columns: columns, rows: rows)
        let blocks = model.rendered(.text(width: 70)).components(separatedBy: "\n\n")
        #expect(blocks.count == 2, "\(blocks)")
        #expect(blocks.first?.contains(" A │") == true && blocks.first?.contains(" B │") == true && blocks.first?.contains("▁") == false)
        #expect(blocks.last?.contains(" C │") == true && blocks.last?.contains("▁▅█") == true, "\(blocks)")
        // Wide enough for all: one block with the sparkline.
        let wide = model.rendered(.text(width: 120))
        #expect(!wide.contains("\n\n") && wide.contains("▁▅█"))
        // Every block one estimate column wide (width 32): C alone cannot take the sparkline
        // beside it (7 + 20 + 6 = 33), so the sparkline is left out.
        let narrow = model.rendered(.text(width: 32))
        #expect(!narrow.contains("▁▅█") && narrow.contains(" C │"), "\(narrow)")
    }

    /// Narrower than the key plus one column: rows stacked as `header : value`.
    @Test func stackedWhenNoBlockFits() {
        // Width 27: "│ Wave │" (1 + 4 + 3) + one 17-wide column (+3) = 28 does not fit; a record
        // line "Series 1 : 54.0 [51.2, 56.8]" (28) wraps at a space after the label's indent.
        let text = Self.wide.rendered(.text(width: 27))
        #expect(!text.contains("┌"))
        #expect(text.contains("Wave     : 2018"))
        #expect(text.contains("Series 1 : 54.0 [51.2,\n           56.8]"))
    }

    /// No width: one block, as before.
    @Test func noWidthKeepsOneBlock() {
        #expect(Self.wide.rendered(.text()).split(separator: "\n").filter { $0.hasPrefix("┌") }.count == 1)
    }

    /// East Asian wide characters take two columns: a CJK label and an ASCII label align.
    @Test func cjkLabelsAlign() {
        let t = TableModel(columns: [.init("Country"), .init("Share", .percent(digits: 1))],
                           rows: [[.text("中国"), .number(0.5)], [.text("China"), .number(0.25)], [.text("日本国民"), .number(0.1)]])
        let lines = t.rendered(.text()).split(separator: "\n").filter { $0.hasPrefix("│") || $0.hasPrefix("┌") }
        let widths = Set(lines.map { DisplayWidth.of($0) })
        #expect(widths.count == 1, "\(lines)")
        // "日本国民" is 8 columns (4 wide characters), wider than "Country" (7).
        let expected = 20  // │ + (8 + 3) for the label column + (5 + 3) for "Share"
        #expect(widths.first == expected)
    }

    /// Unicode East_Asian_Width: 中 (U+4E2D) W, Ａ (U+FF21) F, é composed from e + U+0301 (Mn).
    @Test func displayWidthOfScalars() {
        #expect(DisplayWidth.of("中") == 2)
        #expect(DisplayWidth.of("Ａ") == 2)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("한국") == 4)
        #expect(DisplayWidth.of("Қазақстан") == 9)
        #expect(DisplayWidth.of("—") == 1)
    }

    /// Wrapping breaks at spaces only: a URL longer than the width stays whole, numbers too.
    @Test func wrapNeverSplitsTokens() {
        let url = "https://poland.postsen.com/world/261693/A-Gallup-poll-shows-a-huge-decline-in-support-for-Russia-in-the-former-USSR.html"
        let lines = TextWrap.lines("Source: postsen.com; \(url) and 1,234.5678 more words here", width: 30, indent: "  ")
        #expect(lines.contains("  " + url))
        #expect(lines.contains { $0.contains("1,234.5678") })
        for line in lines where !line.contains(url) { #expect(DisplayWidth.of(line) <= 30) }
    }
}
