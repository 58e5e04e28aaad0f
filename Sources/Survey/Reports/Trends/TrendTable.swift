#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText
import SurveyNumerics
import SurveyRender
import SurveySeries
import SurveyTrends

/// Report tables for trend fits and comparisons (`--format text|markdown|csv|latex`): a
/// `TableModel` the render layer draws. Percent display for shares; every estimate with its
/// interval; the slope, endpoint, break and model diagnostics as footnotes.
public enum TrendTable {
    /// Rows = waves (observed value with its 95% CI, fitted trend with its band).
    public static func table(_ fit: TrendFit, data: TrendData, series key: SeriesKey, sourceNote: String?) -> TableModel {
        var rows: [[TableModel.Cell]] = []
        let z = Normal.standard.quantile(0.5 + fit.level / 2)
        for p in fit.fitted {
            let i = data.waves.firstIndex(of: p.wave ?? "") ?? -1
            var observed = TableModel.Cell.missing
            if i >= 0, data.values[i].isFinite {
                let se = data.variances[i].squareRoot()
                // The wave's default interval (as `overview` and `table` print it), else Wald.
                let shared = i < data.observations.count ? ShareInterval.interval(for: data.observations[i], level: fit.level) : nil
                let (lower, upper) = shared ?? (data.values[i] - z * se, data.values[i] + z * se)
                observed = .estimate(.init(value: data.values[i], se: se, lower: lower, upper: upper))
            }
            rows.append([.text(key.dataset), .text(key.country), .text(key.target), .text(key.item), .text(key.measure),
                         .text(fit.model.rawValue), .text(p.wave ?? ""), .text(p.date ?? ""), observed,
                         .estimate(.init(value: p.estimate, se: p.se, lower: p.lower, upper: p.upper))])
        }
        let pct = data.isShare || key.measure == "net"
        let digits = SeriesPrecision.decimals(data.observations, requested: 1)
        let id = { (name: String) in TableModel.Column(name, .text, key: name, csvOnly: true) }
        return TableModel(
            title: "Trend (\(fit.model.rawValue)) · \(key.label)",
            columns: [id("dataset"), id("country"), id("target"), id("item"), id("measure"), id("model"),
                      .init("Wave"), .init("Date"), .init("Observed", .estimate(digits: digits, percent: pct)),
                      .init("Trend", .estimate(digits: digits, percent: pct))],
            rows: rows, footnotes: footnotes(fit, net: key.measure == "net"), sourceNote: sourceNote)
    }

    /// Slope, endpoint, break, dispersion/noise and information criteria, in words.
    static func footnotes(_ fit: TrendFit, net: Bool = false) -> [String] {
        let lvl = Int((fit.level * 100).rounded())
        var notes: [String] = []
        if let s = fit.slope {
            notes.append("Slope at the last wave: \(points(s.estimate)) points per year (\(lvl)% CI \(points(s.lower)) to \(points(s.upper))), \(pEquals(s.pValue))")
        }
        let e = fit.endpoint
        // A net share (favourable − unfavourable) is in points, not a percent of anyone.
        notes.append("Trend at the last wave: \(points(e.estimate))\(net ? " points (net)" : "%") (\(lvl)% CI \(points(e.lower)) to \(points(e.upper)))")
        if let b = fit.breakpoint {
            switch b.kind {
            case .levelShift:
                notes.append("Level shift at \(b.date ?? year(b.time)): \(points(b.change.estimate)) points (\(lvl)% CI \(points(b.change.lower)) to \(points(b.change.upper))), Wald \(pEquals(b.test.pValue))")
            case .slopeChange:
                let ci = b.timeLower.map { " (\(lvl)% CI \(year($0)) to \(year(b.timeUpper ?? $0)))" } ?? " (not identified)"
                notes.append("Breakpoint \(year(b.time))\(ci); slope change \(points(b.change.estimate)) points per year; Davies test of no break \(pEquals(b.test.pValue))")
            }
        }
        if let n = fit.stateNoise {
            notes.append("State noise (ML): level variance \(sci(n.level)) per year, slope variance \(sci(n.slope)) per year³")
        }
        if let aic = fit.aic, let bic = fit.bic {
            // Say which likelihood (a sweep compared the logit's with R glm's binomial AIC): docs/trends.md.
            let basis = fit.stateNoise != nil
                ? "exact diffuse likelihood; not comparable with the other models'"
                : "Gaussian likelihood of the shares, sampling variances known: comparable across linear, quadratic, "
                    + "logit and segmented, not with R glm's binomial AIC"
            notes.append("AIC \(Printf.string("%.2f", aic)), BIC \(Printf.string("%.2f", bic)), \(fit.observations) waves (\(basis))")
        }
        if let small = fit.smallSampleNote { notes.insert(small, at: 0) }
        return notes + fit.notes
    }

    /// Comparisons: one row per series.
    /// `level` is the confidence level the comparisons were computed at (it names the interval).
    /// `digits`: decimals of the percentages (`SeriesPrecision` of the compared figures). CSV gets
    /// the series' identifying columns (dataset, country, target, item, measure) as well.
    /// `holm`: Holm-adjusted p-values, one per comparison (an extra column). `sameSurvey`: the
    /// rows are differences between subgroups of one survey (SE from its design covariance).
    public static func table(
        _ comparisons: [(SeriesKey, Comparison)], level: Double = 0.95, footnotes extra: [String] = [], sourceNote: String?,
        digits: Int = 1, holm: [Double]? = nil, sameSurvey: Bool = false, betweenCountries: Bool = false
    ) -> TableModel {
        let rows: [[TableModel.Cell]] = comparisons.enumerated().map { i, pair in
            let (key, c) = pair
            let d = c.difference
            var row: [TableModel.Cell] = [
                .text(key.dataset), .text(key.country), .text(key.target), .text(key.item), .text(key.measure),
                .text(key.label), .text(c.fromLabel), .estimate(.init(value: c.from, se: c.fromSE)),
                .text(c.toLabel), .estimate(.init(value: c.to, se: c.toSE)),
                .estimate(.init(value: d.estimate, se: d.se, lower: d.lower, upper: d.upper)),
                .number(d.statistic), .number(d.pValue)]
            if let holm { row.append(.number(holm[i])) }
            return row
        }
        let id = { (name: String) in TableModel.Column(name, .text, key: name, csvOnly: true) }
        var columns: [TableModel.Column] = [
            id("dataset"), id("country"), id("target"), id("item"), id("measure"),
            .init("Series"), .init("From"), .init("From estimate", .estimate(digits: digits, percent: true), key: "from"),
            .init("To"), .init("To estimate", .estimate(digits: digits, percent: true), key: "to"),
            .init("Change", .estimate(digits: digits, percent: true), key: "change"),
            .init("z", .number(digits: 2)), .init("p", .pValue)]
        if holm != nil { columns.append(.init("p Holm", .pValue, key: "p_holm")) }
        let variance = sameSurvey
            ? "subgroups of one survey: SE from the design covariance of both domains (computed at import)"
            : "independent samples: SE = √(SE₁² + SE₂²)"
        // The same note goes with every format: CSV and JSON hold shares as proportions (a sweep
        // read "percentage points" beside a CSV change of -0.048).
        var notes = ["Change = to − from in percentage points (in CSV and JSON, as a proportion) with its "
            + "\(percentLabel(level))% CI; \(variance)"]
        let cut = comparisons.filter { $0.1.truncated }.count
        if cut > 0 {
            notes.append("\(cut) change interval(s) truncated to the range a change can take (±100 points; ±200 for net shares): "
                + "the Wald interval ± z·SE went beyond it")
        }
        if let holm {
            notes.append("p Holm: Holm's step-down adjustment over the family of the \(holm.count) comparisons in this table")
        }
        return TableModel(
            title: sameSurvey ? "Difference between subgroups" : betweenCountries ? "Difference between countries at one wave"
                : "Change between waves", columns: columns, rows: rows,
            footnotes: notes + extra, sourceNote: sourceNote)
    }

    static func points(_ x: Double) -> String { Printf.string("%.1f", x * 100) }
    static func year(_ t: Double) -> String { Printf.string("%.2f", t) }
    static func sci(_ x: Double) -> String { Printf.string("%.3g", x) }
    static func pValue(_ p: Double) -> String { p < 0.001 ? "<0.001" : Printf.string("%.3f", p) }
    /// "p = 0.123", or "p < 0.001" (not "p = <0.001") in running text.
    static func pEquals(_ p: Double) -> String { p < 0.001 ? "p < 0.001" : "p = " + pValue(p) }

    /// `0.95` → "95", `0.999` → "99.9".
    static func percentLabel(_ level: Double) -> String {
        let p = level * 100
        return p == p.rounded() ? String(Int(p)) : Printf.string("%g", p)
    }
}
