import Testing
import Survey

/// docs/rendering.md: direct labels right of the line ends "when they fit (≤ 8 series, names ≤ 22%
/// of the width)". Checked on the SVG at the 800 px default, with widths worked out by hand from
/// the advances the doc names (DejaVu Sans estimate: "m" = 0.92 em, bold × 1.08, labels 12 px).
@Suite struct SVGDirectLabelRuleTests {
    /// `count` series named `name(k)`, three waves each (made-up shares, not survey figures).
    static func chart(_ count: Int, name: (Int) -> String) throws -> SVGProbe {
        let series = (0..<count).map { k in
            ChartSamples.series(name(k), [("2018-05-15", 0.2 + 0.05 * Double(k)), ("2020-05-15", 0.25 + 0.05 * Double(k)),
                                          ("2022-05-15", 0.3 + 0.05 * Double(k))], half: 0.01)
        }
        return SVGProbe(try SVGChart(data: ChartData(title: "Direct labels", series: series), width: 800, height: 450).render())
    }

    /// 8 series get a label each; a 9th series removes them all (the legend names the lines).
    @Test func atMostEightSeries() throws {
        let eight = try Self.chart(8) { "s\($0 + 1)" }.withClass("direct-label")
        #expect(eight.compactMap(\.text).sorted() == (1...8).map { "s\($0)" }.sorted())
        #expect(try Self.chart(9) { "s\($0 + 1)" }.withClass("direct-label").isEmpty)
    }

    /// 22% of 800 px = 176 px for the widest name plus its 12 px margin. One "m" at 12 px bold is
    /// 0.92 × 12 × 1.08 = 11.9232 px: 13 of them 155.0 + 12 = 167.0 ≤ 176 (labels drawn),
    /// 14 of them 166.9 + 12 = 178.9 > 176 (no labels).
    @Test func namesAtMostTwentyTwoPercentOfTheWidth() throws {
        let fits = String(repeating: "m", count: 13), tooWide = String(repeating: "m", count: 14)
        #expect(try Self.chart(2) { $0 == 0 ? fits : "a" }.withClass("direct-label").count == 2)
        #expect(try Self.chart(2) { $0 == 0 ? tooWide : "a" }.withClass("direct-label").isEmpty)
    }
}
