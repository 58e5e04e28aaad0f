import SurveyRender
import SurveySeries
import SurveyTrends

/// The `--format json` objects of `trend` and `compare` (DESIGN.md §3 "Trend"; keys snake_case,
/// shares as proportions, full precision, non-finite numbers as `null`). Deterministic: the
/// same fit gives the same bytes.
public enum TrendJSON {
    /// The DESIGN.md §3 trend object for one fitted series, plus documented extras:
    /// `endpoint`, `dispersion`, `scale`, `df`, `aic`, `bic`, `log_likelihood`, `state_noise`,
    /// `n_waves`, `residual_df` (waves − parameters), `grid`, `notes`.
    public static func trend(_ fit: TrendFit, series key: SeriesKey) -> String {
        let slope = fit.slope
        var pairs: [(String, String)] = [
            ("model", string(fit.model.rawValue)),
            ("series", seriesObject(key)),
            ("slope_per_year", number(slope?.estimate)),
            ("slope_se", number(slope?.se)),
            ("slope_ci", slope.map { "[\(number($0.lower)), \(number($0.upper))]" } ?? "null"),
            ("p_value", number(slope?.pValue)),
            ("fitted", "[\n" + fit.fitted.map { "  " + point($0) }.joined(separator: ",\n") + "\n ]"),
            ("breakpoint", fit.breakpoint.map(breakpoint) ?? "null"),
            ("endpoint", inference(fit.endpoint)),
            ("level", number(fit.level)),
            ("dispersion", number(fit.dispersion)),
            ("scale", number(fit.scale)),
            ("df", fit.residualDF.map { "\($0)" } ?? "null"),
            ("residual_df", fit.identifiedDF.map { "\($0)" } ?? "null"),
            ("log_likelihood", number(fit.logLikelihood)),
            ("aic", number(fit.aic)),
            ("bic", number(fit.bic)),
            ("state_noise", fit.stateNoise.map { object([("level", number($0.level)), ("slope", number($0.slope))]) } ?? "null"),
            ("n_waves", "\(fit.observations)"),
        ]
        pairs.append(("grid", "[\n" + fit.grid.map { "  " + point($0) }.joined(separator: ",\n") + "\n ]"))
        pairs.append(("notes", "[" + fit.notes.map(string).joined(separator: ", ") + "]"))
        return "{" + pairs.map { "\(string($0.0)): \($0.1)" }.joined(separator: ",\n ") + "}"
    }

    /// One comparison: `{"series": {…}, "from": {"label", "estimate", "se"}, "to": {…},
    /// "difference", "se", "ci_lower", "ci_upper", "z", "p_value", "flags"}` (flags of either figure).
    public static func comparison(_ c: Comparison, series key: SeriesKey, flags: [String] = [], holm: Double? = nil) -> String {
        object([
            ("series", seriesObject(key)),
            ("from", object([("label", string(c.fromLabel)), ("estimate", number(c.from)), ("se", number(c.fromSE))])),
            ("to", object([("label", string(c.toLabel)), ("estimate", number(c.to)), ("se", number(c.toSE))])),
            ("difference", number(c.difference.estimate)), ("se", number(c.difference.se)),
            ("ci_lower", number(c.difference.lower)), ("ci_upper", number(c.difference.upper)),
            ("z", number(c.difference.statistic)), ("p_value", number(c.difference.pValue)),
        ] + (holm.map { [("p_holm", number($0))] } ?? []) + [
            ("flags", "[" + flags.map(string).joined(separator: ", ") + "]"),
        ])
    }

    /// `compare --format json`: `{"comparisons": [...]}`, one `comparison` object per row, with
    /// the row's Holm-adjusted p-value when `holm` is given.
    public static func comparisons(_ rows: [(series: SeriesKey, comparison: Comparison, flags: [String])], holm: [Double]? = nil) -> String {
        let objects = rows.indices.map { i in
            comparison(rows[i].comparison, series: rows[i].series, flags: rows[i].flags, holm: holm?[i])
        }
        return "{\"comparisons\": [\n" + objects.joined(separator: ",\n") + "\n]}\n"
    }

    /// `trend --format json`: one fit's `trend` object alone, or `{"trends": [...]}` for several.
    public static func trends(_ fits: [(fit: TrendFit, series: SeriesKey)]) -> String {
        let objects = fits.map { trend($0.fit, series: $0.series) }
        return (objects.count == 1 ? objects[0] : "{\"trends\": [\n" + objects.joined(separator: ",\n") + "\n]}") + "\n"
    }

    static func seriesObject(_ k: SeriesKey) -> String {
        object([("dataset", string(k.dataset)), ("country", string(k.country)), ("target", string(k.target)),
                ("item", string(k.item)), ("measure", string(k.measure))]
               + (k.isGroup ? [("group", string(k.group)), ("group_level", string(k.groupLevel))] : []))
    }

    static func point(_ p: TrendPoint) -> String {
        var pairs: [(String, String)] = []
        if p.wave != nil || p.date != nil { pairs += [("wave", string(p.wave)), ("date", string(p.date))] }
        pairs += [("time", number(p.time)), ("estimate", number(p.estimate)), ("se", number(p.se)),
                  ("ci_lower", number(p.lower)), ("ci_upper", number(p.upper))]
        return object(pairs)
    }

    static func inference(_ i: Inference) -> String {
        object([("estimate", number(i.estimate)), ("se", number(i.se)), ("ci_lower", number(i.lower)),
                ("ci_upper", number(i.upper)), ("statistic", number(i.statistic)), ("p_value", number(i.pValue))])
    }

    static func breakpoint(_ b: Breakpoint) -> String {
        object([
            ("kind", string(b.kind.rawValue)), ("date", string(b.date)), ("time", number(b.time)),
            ("time_se", number(b.timeSE)),
            ("time_ci", b.timeLower.map { "[\(number($0)), \(number(b.timeUpper))]" } ?? "null"),
            ("change", inference(b.change)),
            ("slope_before", b.slopeBefore.map(inference) ?? "null"),
            ("test", object([("method", string(b.test.method)), ("statistic", number(b.test.statistic)),
                             ("p_value", number(b.test.pValue))])),
        ])
    }

    static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\(string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// Full-precision number (Swift's shortest round-trip text); nil and non-finite → `null`.
    static func number(_ x: Double?) -> String { JSONText.number(x) }

    static func string(_ s: String?) -> String { JSONText.string(s) }
}
