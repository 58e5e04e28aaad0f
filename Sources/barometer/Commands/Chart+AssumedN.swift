#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import Survey

extension Barometer.Chart {
    /// `--assume-n N [--deff D]`: toplines without n get the assumed n (`AssumedSize`, flagged
    /// `n-assumed`) and then the default share interval (`ShareInterval`: logit, in [0, 1]), so
    /// `--band` and `--trend` can be drawn. Without `--assume-n` the selection is returned as is.
    static func withAssumedN(_ selected: SelectedSeries, n assumed: Int?, deff: Double?) throws -> SelectedSeries {
        guard let assumed else { return selected }
        var out = selected
        out.series = try selected.series.map { s in
            try Series(key: s.key, observations: s.observations.map { o in
                ShareInterval.filled(AssumedSize.applied(o, n: assumed, deff: deff))
            })
        }
        return out
    }
}
