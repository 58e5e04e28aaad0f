import SurveySeries

/// What a trend does when its series crosses a mode break (docs/series-comparability.md):
/// `segmented` without `--break` becomes the known level shift at the break (the model built
/// for a change of mode); any other model is refused unless the caller allows pooling across
/// the break, and then carries the caveat as a headline.
public enum TrendAcrossBreaks {
    /// The model to fit and the caveat to print (nil when no break is crossed).
    public static func plan(
        _ series: Series, kind: TrendModelKind, breakDate: String?, allowAcross: Bool
    ) throws(TrendError) -> (model: any TrendModel, caveat: String?) {
        let breaks = series.breaks
        // No break crossed, or a level shift the user placed (`--break`): fit as asked.
        guard !breaks.isEmpty, !(kind == .segmented && breakDate != nil) else { return (kind.model(breakDate: breakDate), nil) }
        let names = breaks.map(\.description).joined(separator: "; ")
        if kind == .segmented, breakDate == nil, breaks.count == 1 {
            return (LevelShiftTrend(breakDate: breaks[0].date), "level shift at the \(breaks[0].label) break (\(breaks[0].afterWave))")
        }
        guard allowAcross else {
            throw .acrossBreak(
                series: "\(series.key.label) (\(series.key.dataset))", breaks: names,
                advice: "Fit --model segmented (a level shift at the break; needs 4 waves), compare waves on one side, "
                    + "or add --across-break to fit a \(kind.rawValue) trend through it with this caveat printed")
        }
        return (kind.model(breakDate: breakDate), "caution: fitted across a series break (\(names)): \(Comparability.caveat)")
    }
}
