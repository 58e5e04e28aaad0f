import Testing
@testable import Survey

@Suite struct ChartPreview {
    @Test func preview() throws {
        for style in ChartStyle.allCases {
            let c = try LineChart(data: ChartSamples.twoSeries, options: .init(width: 72, height: 12, style: style, band: false))
            print(c.render(colored: false))
            let t = try LineChart(data: ChartSamples.withTrend, options: .init(width: 60, height: 12, style: style, band: true))
            print(t.render(colored: false))
        }
    }
}
