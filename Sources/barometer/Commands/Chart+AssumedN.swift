import Foundation
import Survey

extension Barometer.Chart {
    /// `--assume-n N [--deff D]`: published toplines often come without n, so they have no interval
    /// and a band or trend cannot be drawn. With an assumed n, each such wave gets n = N (flagged
    /// `n-assumed`, which the chart's flag note shows) and the Wald interval p ± 1.96·SE with
    /// SE = √(p(1−p)·D/N), clipped to [0, 1] — the same variance rule `trend` and `compare` use.
    /// Waves that already have an interval are untouched; waves with an SE or a published n but no
    /// interval get the interval from it. Without `--assume-n` the selection is returned as is.
    static func withAssumedN(_ selected: SelectedSeries, n assumed: Int?, deff: Double?) throws -> SelectedSeries {
        guard let assumed else { return selected }
        var out = selected
        out.series = try selected.series.map { s in
            try Series(key: s.key, observations: s.observations.map { o in
                guard o.ciLower == nil || o.ciUpper == nil, o.estimate.isFinite else { return o }
                var o = o
                if o.se == nil, o.n == nil {
                    o.n = assumed
                    o.flags.append("n-assumed")
                }
                if o.deff == nil, let deff { o.deff = deff }
                let p = o.estimate
                let se = o.se ?? (p * (1 - p) * (o.deff ?? 1) / Double(o.n ?? assumed)).squareRoot()
                o.ciLower = max(0, p - 1.959963984540054 * se)
                o.ciUpper = min(1, p + 1.959963984540054 * se)
                return o
            })
        }
        return out
    }
}
