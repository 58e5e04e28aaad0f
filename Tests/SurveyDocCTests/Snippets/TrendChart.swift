// The code of Survey.docc/Articles/TrendChart.md, compiled here; ArticleSnippetTests checks that
// the article shows exactly the text between the docc-begin and docc-end lines.
// docc-begin
import Survey

/// A trend fitted to a series, and the series drawn with it as a text chart.
func trendChart(of series: Series, sources: [SourceReference]) throws -> (TrendFit, String) {
    // Across a change of survey mode a straight line would mix the two; fit a level shift there.
    let plan = try TrendAcrossBreaks.plan(series, kind: .segmented, breakDate: nil, allowAcross: false)
    let fit = try plan.model.fit(TrendData(series: series), options: TrendOptions())
    var chart = ChartData(series: [series], sources: sources)
    chart.series[0].trend = ChartTrend(label: "trend: \(plan.caveat ?? "linear")", points: fit.grid.map {
        ChartPoint(x: $0.time, y: $0.estimate, lower: $0.lower, upper: $0.upper)
    })
    let text = try LineChart(data: chart, options: LineChartOptions(width: 72, height: 14)).render(colored: false)
    return (fit, text)
}
// docc-end
