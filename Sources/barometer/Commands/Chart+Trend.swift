import ArgumentParser
import Survey

extension Barometer.Chart {
    /// `--trend MODEL`: the fitted line of `series` as a `ChartTrend` (x in decimal years, band in
    /// `lower`/`upper`, kept in [0, 1] for shares). A given `--break` is a known level shift for
    /// `segmented`; across a mode break the rule of `trend` applies (`TrendAcrossBreaks`).
    /// The chart draws it dashed and never across a break; Render computes nothing.
    static func fittedTrend(for series: Series, model: String, breaks: [Double], acrossBreak: Bool = false) throws -> ChartTrend {
        guard let kind = TrendModelKind(rawValue: model) else {
            throw ValidationError("--trend '\(model)': expected one of \(TrendModelKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let data = try TrendData(series: series)
        let trendModel: any TrendModel
        if kind == .segmented, let given = breaks.first, series.breaks.isEmpty {
            trendModel = LevelShiftTrend(breakTime: given)
        } else {
            trendModel = try TrendAcrossBreaks.plan(series, kind: kind, breakDate: nil, allowAcross: acrossBreak).model
        }
        let fit = try trendModel.fit(data, options: TrendOptions()).bounded(isShare: data.isShare)
        return ChartTrend(
            label: "trend: \(model)",
            points: fit.grid.map { ChartPoint(x: $0.time, y: $0.estimate, lower: $0.lower, upper: $0.upper) })
    }
}
