import Survey

extension Barometer.Chart {
    /// THE HOOK FOR `--trend MODEL` (to be wired up by the trends work): return the fitted line
    /// of `series` under `model` as a `ChartTrend` — `points` are the fitted values (x in decimal
    /// years, as `WaveDate.decimalYear` gives) with their pointwise band in `lower`/`upper` —
    /// and the chart draws it dashed with a dotted band, not across `breaks`. Render computes
    /// nothing; the fit belongs to Survey's trend code.
    static func fittedTrend(for series: Series, model: String, breaks: [Double]) throws -> ChartTrend {
        throw DataError("--trend \(model): trend models are not available in this build yet")
    }
}
