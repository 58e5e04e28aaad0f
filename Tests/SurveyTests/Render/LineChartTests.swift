import Testing
import Survey

/// Terminal line charts. Snapshots (Tests/Fixtures/snapshots/chart-*.txt) were reviewed by eye:
/// series markers sit on their lines, no line crosses the 2020 break of KZ · Russia, bands hug
/// their lines, tick labels sit under their `┬`, the legend and notes are present. Structural
/// facts (widths, row counts, tick rows, marker counts) are asserted by hand calculation.
@Suite struct LineChartTests {
    static func render(_ data: ChartData, _ width: Int, _ height: Int, _ style: ChartStyle, band: Bool = false,
                       colored: Bool = false) throws -> String {
        try LineChart(data: data, options: .init(width: width, height: height, style: style, band: band)).render(colored: colored)
    }

    /// Plot rows: lines whose character at the axis column (where the x rule's corner `└`/`+`
    /// is) is an axis character and whose text before it is only a tick label.
    static func plotRows(_ s: String, ascii: Bool) -> [Substring] {
        let lines = s.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        let ruleChars: Set<Character> = ascii ? [" ", "+", "-"] : [" ", "└", "─", "┬"]
        guard let rule = lines.first(where: { $0.contains(ascii ? "-" : "─") && $0.allSatisfy(ruleChars.contains) }),
              let corner = rule.firstIndex(of: ascii ? "+" : "└") else { return [] }
        let axis: Set<Character> = ascii ? ["|", "+"] : ["│", "┤"]
        return lines.filter { line in
            line.count > corner && axis.contains(line[corner]) && line != rule
                && line[..<corner].allSatisfy { $0 == " " || $0.isNumber || $0 == "%" || $0 == "." || $0 == "-" }
        }.map { Substring(String($0)) }
    }

    /// Every line fits, except one unbreakable word (a URL) wider than the width, kept whole on
    /// its own line (issue 12: notes wrap at spaces only).
    static func checkFits(_ s: String, width: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        for line in s.split(separator: "\n") where line.trimmingCharacters(in: .whitespaces).contains(" ") {
            #expect(line.count <= width, "line wider than \(width): \(line)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: ChartStyle.allCases)
    func twoSizes(style: ChartStyle) throws {
        let tag = style == .ascii ? "ascii" : "braille"
        for (w, h) in [(80, 20), (40, 10)] {
            let s = try Self.render(ChartSamples.twoSeries, w, h, style, band: true)
            Snapshot.check(s, "chart-two-\(tag)-\(w)x\(h).txt")
            Self.checkFits(s, width: w)
            #expect(Self.plotRows(s, ascii: style == .ascii).count == h)
            // 8 waves per series, each a marker; waves are ≥ 5 months apart (≥ 1.4 cells at
            // width 40), so a series never covers its own markers. China is drawn last and its
            // 2022-05 marker (48%) shares a cell with Russia's (50%) when they fall in one row:
            // 80×20 pixel rows (1.0 - y)/0.8·79: 49.4 → 49 and 51.35 → 51, both row 12 (of 4
            // pixels); 40×10: 100%…25%, (1.0 - y)/0.75·39: 20.8 → 21 and 22.3 → 22 (braille,
            // both row 5) and (1.0 - y)/0.75·29: 15.5 → 16 and 16.6 → 17 (ASCII, both row 5).
            let markers = style == .ascii ? ("o", "x") : ("●", "■")
            let body = Self.plotRows(s, ascii: style == .ascii).joined()
            #expect(body.filter { String($0) == markers.0 }.count == 7)
            #expect(body.filter { String($0) == markers.1 }.count == 8)
            #expect(s.replacingOccurrences(of: "\n  ", with: " ").replacingOccurrences(of: ":\n", with: ": ").contains("Series break in KZ · Russia at 2020-06: no line drawn across it.".replacingOccurrences(of: "·", with: style == .ascii ? "-" : "·")))
            #expect(s.hasSuffix("Source: barometer test data\n"))
            if style == .ascii { #expect(Snapshot.isASCII(s)) }
        }
    }

    /// 72 × 12, no band: y data 30-80% with at most (12-1)/3 = 3 intervals → ticks 20…80 (see
    /// TicksTests). 12 rows × 4 = 48 pixel rows: pixelY(v) = (0.8 - v)/0.6 · 47 → 80% 0 → row 0;
    /// 60% 15.7 → 16 → row 4; 40% 31.3 → 31 → row 7; 20% 47 → row 11. The y labels are 3
    /// wide, so the canvas has 72 - 5 = 67 columns.
    @Test func tickRows() throws {
        let s = try Self.render(ChartSamples.twoSeries, 72, 12, .braille)
        let rows = Self.plotRows(s, ascii: false)
        let labelled = rows.enumerated().filter { $0.element.contains("┤") }.map { ($0.offset, $0.element.prefix(3)) }
        #expect(labelled.map(\.0) == [0, 4, 7, 11])
        #expect(labelled.map { String($0.1) } == ["80%", "60%", "40%", "20%"])
        #expect(rows.allSatisfy { $0.count <= 72 })
        // x axis: 9 ticks (2018, Jul, …, 2022) on the rule.
        let rule = try #require(s.split(separator: "\n").first { $0.contains("└") })
        #expect(rule.filter { $0 == "┬" }.count == 9)
        #expect(rule.count == 72)
    }

    @Test func trendAndBand() throws {
        for style in ChartStyle.allCases {
            let s = try Self.render(ChartSamples.withTrend, 60, 12, style, band: true)
            Snapshot.check(s, "chart-trend-\(style.rawValue).txt")
            #expect(s.contains(style == .ascii ? "- - linear trend (dotted: band)" : "╌╌ linear trend (dotted: band)"))
            #expect(s.contains(style == .ascii ? "| 95% CI (error bars)" : "⠅ 95% CI band"))
        }
    }

    @Test func edgeCases() throws {
        let cases: [(String, ChartData)] = [
            ("one-wave", ChartSamples.oneWave), ("all-equal", ChartSamples.allEqual),
            ("extremes", ChartSamples.extremes), ("forty-waves", ChartSamples.fortyWaves),
        ]
        for (name, data) in cases {
            for style in ChartStyle.allCases {
                let s = try Self.render(data, 60, 10, style, band: true)
                Snapshot.check(s, "chart-\(name)-\(style.rawValue).txt")
                Self.checkFits(s, width: 60)
            }
        }
        // One wave: one marker and no line; 54% ± 3 widened to the 10-point minimum span
        // (49-59%, steps of 2 → 48…60).
        let one = try Self.render(ChartSamples.oneWave, 60, 10, .braille)
        #expect(Self.plotRows(one, ascii: false).joined().filter { $0 == "●" }.count == 1)
        // Extremes: 0% and 100% are both tick labels, and both series are drawn.
        let ext = try Self.render(ChartSamples.extremes, 60, 10, .braille, band: true)
        #expect(ext.contains("100% ┤") && ext.contains("  0% ┤"))
        // Forty waves: at 60 columns 2 waves share some cells, so at least 20 markers show.
        let forty = try Self.render(ChartSamples.fortyWaves, 60, 10, .ascii)
        #expect(Self.plotRows(forty, ascii: true).joined().filter { $0 == "o" }.count >= 20)
    }

    @Test func labelsWiderThanChart() throws {
        for style in ChartStyle.allCases {
            let s = try Self.render(ChartSamples.wideLabels, 40, 8, style)
            Snapshot.check(s, "chart-wide-labels-\(style.rawValue).txt")
            Self.checkFits(s, width: 40)
            #expect(s.contains(style == .ascii ? "..." : "…"))
        }
    }

    @Test func width20() throws {
        for style in ChartStyle.allCases {
            let s = try Self.render(ChartSamples.twoSeries, 20, 6, style, band: true)
            Snapshot.check(s, "chart-width20-\(style.rawValue).txt")
            Self.checkFits(s, width: 20)
        }
    }

    @Test func colour() throws {
        let plain = try Self.render(ChartSamples.twoSeries, 60, 10, .braille)
        let coloured = try Self.render(ChartSamples.twoSeries, 60, 10, .braille, colored: true)
        #expect(!plain.contains("\u{1B}"))
        #expect(coloured.contains("\u{1B}[34m") && coloured.contains("\u{1B}[31m") && coloured.contains("\u{1B}[0m"))
        // Removing the escape codes gives back the plain chart: colour is only a parallel layer.
        let stripped = coloured.replacing(/\u{1B}\[[0-9]+m/, with: "")
        #expect(stripped == plain)
        Snapshot.check(coloured, "chart-two-braille-colour.txt")
    }

    @Test func emptyAndInvalid() {
        #expect(throws: ChartError.noData) { try LineChart(data: ChartData(series: [])) }
        #expect(throws: ChartError.noData) {
            try LineChart(data: ChartData(series: [ChartSeries(name: "nan", points: [ChartPoint(x: 2020, y: .nan)])]))
        }
        #expect(throws: ChartError.self) { try LineChart(data: ChartSamples.oneWave, options: .init(width: 11)) }
        #expect(throws: ChartError.self) { try LineChart(data: ChartSamples.oneWave, options: .init(height: 1)) }
    }

    @Test func deterministic() throws {
        for style in ChartStyle.allCases {
            #expect(try Self.render(ChartSamples.twoSeries, 80, 20, style, band: true)
                == Self.render(ChartSamples.twoSeries, 80, 20, style, band: true))
        }
    }

    /// A break between two waves: the braille row(s) between them carry no line pixels. With a
    /// 2-wave series broken in the middle only the two markers are drawn.
    @Test func breakLeavesGap() throws {
        let s = ChartSeries(name: "b", points: [ChartSamples.p("2018-01-01", 0.2), ChartSamples.p("2020-01-01", 0.8)], breaks: [2019])
        let out = try Self.render(ChartData(series: [s]), 40, 8, .braille)
        let body = Self.plotRows(out, ascii: false).joined()
        #expect(body.filter { $0 == "●" }.count == 2)
        #expect(!body.contains { ("\u{2801}"..."\u{28FF}").contains(String($0)) })
    }
}
