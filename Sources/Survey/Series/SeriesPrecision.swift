/// How many decimals a series' percentages get, so the same series reads the same in `table`,
/// `overview`, `compare` and `trend`: the requested decimals, but never more than the source
/// published. A published figure's precision is the fewest decimals (of its percent) that
/// reproduce it exactly — Gallup's 0.55 is "55" (0 decimals); a figure with a standard error
/// (computed from microdata, or a source that gave one) takes the requested decimals, even when
/// it happens to be round (4 of 8 respondents: "50.0").
public enum SeriesPrecision {
    /// Decimals for the percentages of `observations`: min(requested, their published precision).
    public static func decimals(_ observations: [Observation], requested: Int) -> Int {
        let shown = observations.filter { $0.estimate.isFinite && !$0.flags.contains("not-asked") }
        guard !shown.isEmpty else { return requested }
        let precision = shown.map { $0.se != nil ? requested : Self.published(percent: $0.estimate * 100, upTo: requested) }.max() ?? requested
        return min(requested, precision)
    }

    /// The fewest decimals (0…`upTo`) that write `percent` exactly (to 1e-9); `upTo` when none do.
    static func published(percent: Double, upTo: Int) -> Int {
        var scale = 1.0
        for d in 0...max(0, upTo) {
            let scaled = percent * scale
            if abs(scaled - scaled.rounded()) < 1e-9 * max(1, abs(scaled)) { return d }
            scale *= 10
        }
        return upTo
    }
}
