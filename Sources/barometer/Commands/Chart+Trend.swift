import ArgumentParser
import Survey

extension Barometer.Chart {
    /// THE HOOK FOR `--trend MODEL` (to be wired up by the trends work): return the fitted line
    /// of `series` under `model` as a `ChartTrend` — `points` are the fitted values (x in decimal
    /// years, as `WaveDate.decimalYear` gives) with their pointwise band in `lower`/`upper` —
    /// and the chart draws it dashed with a dotted band, not across `breaks`. Render computes
    /// nothing; the fit belongs to Survey's trend code.
    static func fittedTrend(for series: Series, model: String, breaks: [Double]) throws -> ChartTrend {
        guard let kind = TrendModelKind(rawValue: model) else {
            throw ValidationError("--trend '\(model)': expected one of \(TrendModelKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        // With --trend segmented and a --break, the break is a known level shift (as `trend --break`).
        let trendModel: any TrendModel = kind == .segmented && !breaks.isEmpty
            ? LevelShiftTrend(breakTime: breaks[0]) : kind.model()
        let fit = try trendModel.fit(try TrendData(series: series), options: TrendOptions())
        return ChartTrend(
            label: "trend: \(model)",
            points: fit.grid.map { ChartPoint(x: $0.time, y: $0.estimate, lower: $0.lower, upper: $0.upper) })
    }
}
