#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText
import SurveyEstimation
import SurveyNumerics
import SurveyRender

/// A regression result ready to show: one row per coefficient (estimate, SE, test statistic,
/// p-value, confidence interval) plus model-level figures. Built from a `LinearFit` here; other
/// fits (design-based GLM) can fill the same fields. Its `json` is DESIGN.md §3's regression
/// object; `tableModel` feeds the text/Markdown/CSV/LaTeX renderers.
public struct RegressionReport: Sendable, Equatable {
    public struct Coefficient: Sendable, Equatable {
        public var term: String
        public var estimate: Double
        public var se: Double
        /// t (or z) statistic estimate/se.
        public var statistic: Double
        public var pValue: Double
        public var ciLower: Double
        public var ciUpper: Double

        public init(term: String, estimate: Double, se: Double, statistic: Double, pValue: Double,
                    ciLower: Double, ciUpper: Double) {
            (self.term, self.estimate, self.se, self.statistic) = (term, estimate, se, statistic)
            (self.pValue, self.ciLower, self.ciUpper) = (pValue, ciLower, ciUpper)
        }
    }

    /// `"ols"`, `"wls"`, or another model name.
    public var model: String
    /// Response variable name.
    public var response: String
    /// Observations used.
    public var n: Int
    public var dfResidual: Int
    public var coefficients: [Coefficient]
    /// σ̂ (nil where the model has none).
    public var residualSD: Double?
    /// R² (nil where undefined).
    public var rSquared: Double?
    /// True when R² is uncentred (no intercept).
    public var uncentredRSquared: Bool
    /// Confidence level of the intervals.
    public var level: Double
    /// Notes for the table (rows dropped, weights, …).
    public var notes: [String]
    /// Where the data came from (file name).
    public var source: String?
    /// True when estimates and interval bounds are exp(·) (odds or rate ratios); SE, t and p stay
    /// on the link scale.
    public var exponentiated = false
    /// Wald tests of terms (R `regTermTest`), shown as a second table.
    public var termTests: [WaldTermTest] = []
    /// Predicted margins by group (R `svypredmeans`), shown as a third table.
    public var margins: PredictedMargins?

    public init(
        model: String, response: String, n: Int, dfResidual: Int, coefficients: [Coefficient],
        residualSD: Double?, rSquared: Double?, uncentredRSquared: Bool = false, level: Double = 0.95,
        notes: [String] = [], source: String? = nil
    ) {
        (self.model, self.response, self.n, self.dfResidual) = (model, response, n, dfResidual)
        (self.coefficients, self.residualSD, self.rSquared) = (coefficients, residualSD, rSquared)
        (self.uncentredRSquared, self.level, self.notes, self.source) = (uncentredRSquared, level, notes, source)
    }

    /// The report of an OLS/WLS fit: t statistics and intervals on `fit.dfResidual` df.
    public init(_ fit: LinearFit, response: String, level: Double = 0.95, notes: [String] = [], source: String? = nil) {
        let se = fit.standardErrors, t = fit.tStatistics, p = fit.pValues, ci = fit.confidenceIntervals(level: level)
        let rows = fit.termNames.indices.map {
            Coefficient(term: fit.termNames[$0], estimate: fit.coefficients[$0], se: se[$0], statistic: t[$0],
                        pValue: p[$0], ciLower: ci[$0].lower, ciUpper: ci[$0].upper)
        }
        var notes = notes
        if fit.totalSumOfSquares == 0 {
            notes.append("\(response) is constant over the rows used: R² is undefined")
        }
        if fit.isEssentiallyPerfect {
            notes.append("essentially perfect fit (residual SS ≈ 0): the SEs, t and p are rounding noise, as R's summary.lm warns")
        }
        self.init(
            model: fit.isWeighted ? "wls" : "ols", response: response, n: fit.observations,
            dfResidual: fit.dfResidual, coefficients: rows, residualSD: fit.residualSD, rSquared: fit.rSquared,
            uncentredRSquared: !fit.hasIntercept, level: level, notes: notes, source: source)
    }

    /// The report with estimates and interval bounds exponentiated (odds ratios for a logit link,
    /// rate ratios for a log link); SE, t and p unchanged (they test the link-scale coefficient).
    public func exponentiating() -> RegressionReport {
        var r = self
        guard !exponentiated else { return r }
        r.exponentiated = true
        r.coefficients = coefficients.map { c in
            var e = c
            (e.estimate, e.ciLower, e.ciUpper) = (Glibc.exp(c.estimate), Glibc.exp(c.ciLower), Glibc.exp(c.ciUpper))
            return e
        }
        r.notes.append("estimates and intervals exponentiated: exp(coefficient), e.g. odds or rate ratios; SE, t and p on the link scale")
        let overflowed = r.coefficients.filter { [$0.estimate, $0.ciLower, $0.ciUpper].contains(.infinity) }.map(\.term)
        if !overflowed.isEmpty {
            r.notes.append("exp() exceeds the largest double (1.8e308) for \(overflowed.joined(separator: ", ")): shown as Inf, "
                           + "as R shows it (null in JSON); the link-scale coefficient is finite")
        }
        return r
    }

    /// DESIGN.md §3: `{"model", "n", "df_residual", "coefficients": [{"term", "estimate", "se", "t",
    /// "p_value", "ci_lower", "ci_upper"}], "residual_sd", "r_squared"}` — numbers at full
    /// precision (shortest round-trip form), non-finite as null; one trailing newline.
    public var json: String {
        func num(_ x: Double?) -> String {
            guard let x, x.isFinite else { return "null" }
            return x == 0 ? "0" : x.description
        }
        let coefs = coefficients.map { c in
            "{\"term\": \(Self.jsonString(c.term)), \"estimate\": \(num(c.estimate)), \"se\": \(num(c.se)), "
                + "\"t\": \(num(c.statistic)), \"p_value\": \(num(c.pValue)), "
                + "\"ci_lower\": \(num(c.ciLower)), \"ci_upper\": \(num(c.ciUpper))}"
        }
        let tests = termTests.map { t in
            "{\"terms\": \(Self.jsonString(t.terms)), \"df\": \(t.df), \"ddf\": \(t.ddf), \"F\": \(num(t.f)), "
                + "\"p_value\": \(num(t.pValue))}"
        }
        return "{\"model\": \(Self.jsonString(model)), \"n\": \(n), \"df_residual\": \(dfResidual),\n"
            + (exponentiated ? " \"exponentiated\": true,\n" : "")
            + " \"coefficients\": [\n  " + coefs.joined(separator: ",\n  ") + "],\n"
            + (tests.isEmpty ? "" : " \"term_tests\": [\n  " + tests.joined(separator: ",\n  ") + "],\n")
            + (margins.map { m in
                " \"predicted_margins\": {\"group\": \(Self.jsonString(m.group)), \"rows\": [\n  " + m.rows.map { r in
                    "{\"group\": \(Self.jsonString(r.group)), "
                        + (r.category.map { "\"category\": \(Self.jsonString($0)), " } ?? "")
                        + "\"estimate\": \(num(r.estimate)), \"se\": \(num(r.se))}"
                }.joined(separator: ",\n  ") + "]},\n"
            } ?? "")
            + " \"residual_sd\": \(num(residualSD)), \"r_squared\": \(num(rSquared))}\n"
    }

    /// The coefficient table. `fullPrecision` gives number cells (CSV writes every digit);
    /// otherwise cells are text with 6 significant digits (`%.6g`), decimal-aligned, for reading.
    public func tableModel(fullPrecision: Bool = false) -> TableModel {
        let pct = Self.percent(level)
        func cell(_ x: Double) -> TableModel.Cell {
            // An infinite value (exp of a coefficient above 709.78) is shown as R shows it, Inf:
            // "—" would read as missing.
            if x.isInfinite { return .text(x > 0 ? "Inf" : "-Inf") }
            guard x.isFinite else { return .missing }
            return fullPrecision ? .number(x) : .text(Printf.string("%.6g", x))
        }
        func pCell(_ x: Double) -> TableModel.Cell {
            guard x.isFinite else { return .missing }
            return fullPrecision ? .number(x) : .text(x < 1e-16 ? "<1e-16" : Printf.string("%.4g", x))
        }
        let kind: TableModel.Kind = fullPrecision ? .number(digits: 6) : .text
        let columns = [
            TableModel.Column("Term", .text, key: "term"),
            TableModel.Column(exponentiated ? "exp(Estimate)" : "Estimate", kind, alignment: .decimal, key: "estimate"),
            TableModel.Column("SE", kind, alignment: .decimal, key: "se"),
            TableModel.Column("t", kind, alignment: .decimal, key: "t"),
            TableModel.Column("p", kind, alignment: .decimal, key: "p_value"),
            TableModel.Column("\(pct)% CI lower", kind, alignment: .decimal, key: "ci_lower"),
            TableModel.Column("\(pct)% CI upper", kind, alignment: .decimal, key: "ci_upper"),
        ]
        let rows = coefficients.map { c in
            [.text(c.term), cell(c.estimate), cell(c.se), cell(c.statistic), pCell(c.pValue), cell(c.ciLower), cell(c.ciUpper)]
        }
        var footnotes: [String] = []
        let sd = residualSD.map { Printf.string("%.6g", $0) } ?? "—"
        footnotes.append("n = \(n), residual df = \(dfResidual), residual SD = \(sd)")
        if let r2 = rSquared, r2.isFinite {
            footnotes.append("R² = \(Printf.string("%.6g", r2))" + (uncentredRSquared ? " (uncentred: no intercept)" : ""))
        }
        footnotes += notes
        return TableModel(
            title: "\(Self.modelTitle(model)) of \(response)", columns: columns, rows: rows,
            footnotes: footnotes, sourceNote: source)
    }

    /// The analysis-of-terms table (nil without term tests): F, df, denominator df and p per test.
    public func termTestTable(fullPrecision: Bool = false) -> TableModel? {
        guard !termTests.isEmpty else { return nil }
        let kind: TableModel.Kind = fullPrecision ? .number(digits: 6) : .text
        func cell(_ x: Double, _ format: String) -> TableModel.Cell {
            guard x.isFinite else { return .missing }
            return fullPrecision ? .number(x) : .text(x < 1e-16 && format == "%.4g" ? "<1e-16" : Printf.string(format, x))
        }
        let columns = [
            TableModel.Column("Terms", .text, key: "terms"),
            TableModel.Column("F", kind, alignment: .decimal, key: "F"),
            TableModel.Column("df", kind, alignment: .decimal, key: "df"),
            TableModel.Column("ddf", kind, alignment: .decimal, key: "ddf"),
            TableModel.Column("p", kind, alignment: .decimal, key: "p_value"),
        ]
        let rows = termTests.map { t in
            [.text(t.terms), cell(t.f, "%.6g"), cell(Double(t.df), "%.0f"), cell(Double(t.ddf), "%.0f"), cell(t.pValue, "%.4g")]
        }
        return TableModel(
            title: "Wald tests of terms (design df), \(Self.modelTitle(model)) of \(response)", columns: columns, rows: rows,
            footnotes: ["F = Wald statistic / df on (df, ddf) degrees of freedom, as R survey::regTermTest"],
            sourceNote: source)
    }

    /// The predicted-margins table (nil without margins): group, category (ordinal), estimate, SE
    /// and a normal-theory interval at `level` (as R's `confint` of `svypredmeans`).
    public func marginsTable(fullPrecision: Bool = false) -> TableModel? {
        guard let margins else { return nil }
        let z = Normal.standard.quantile(1 - (1 - level) / 2)
        let kind: TableModel.Kind = fullPrecision ? .number(digits: 6) : .text
        func cell(_ x: Double) -> TableModel.Cell {
            guard x.isFinite else { return .missing }
            return fullPrecision ? .number(x) : .text(Printf.string("%.6g", x))
        }
        let ordinal = margins.rows.contains { $0.category != nil }
        let pct = Self.percent(level)
        var columns = [TableModel.Column(margins.group, .text, key: "group")]
        if ordinal { columns.append(TableModel.Column(response, .text, key: "category")) }
        columns += [
            TableModel.Column(ordinal ? "Probability" : "Predicted mean", kind, alignment: .decimal, key: "estimate"),
            TableModel.Column("SE", kind, alignment: .decimal, key: "se"),
            TableModel.Column("\(pct)% CI lower", kind, alignment: .decimal, key: "ci_lower"),
            TableModel.Column("\(pct)% CI upper", kind, alignment: .decimal, key: "ci_upper"),
        ]
        let rows = margins.rows.map { r -> [TableModel.Cell] in
            [.text(r.group)] + (ordinal ? [.text(r.category ?? "")] : [])
                + [cell(r.estimate), cell(r.se), cell(r.estimate - z * r.se), cell(r.estimate + z * r.se)]
        }
        return TableModel(
            title: (ordinal ? "Predicted category probabilities" : "Predicted margins") + " by \(margins.group), \(Self.modelTitle(model)) of \(response)",
            columns: columns, rows: rows,
            footnotes: ["every row's prediction with \(margins.group) set to the level, averaged with the design weights; "
                        + "SE adds the coefficients' uncertainty; the group is added to the model when it is not a term (as R survey::svypredmeans)"],
            sourceNote: source)
    }

    static func percent(_ level: Double) -> String {
        let p = level * 100
        return p == p.rounded() ? String(Int(p)) : Printf.string("%g", p)
    }

    static func jsonString(_ s: String) -> String { JSONText.string(s) }

    /// A reader's name for the JSON model id: `ols` → "OLS regression", `svyglm_binomial` →
    /// "Design-based GLM (binomial)".
    static func modelTitle(_ model: String) -> String {
        if model.hasPrefix("svyglm_") { return "Design-based GLM (\(model.dropFirst("svyglm_".count)))" }
        if model == "svyolr" { return "Design-based ordinal logit (proportional odds)" }
        return model.uppercased() + " regression"
    }
}
