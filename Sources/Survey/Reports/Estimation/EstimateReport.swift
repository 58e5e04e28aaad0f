#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText
import SurveyEstimation
import SurveyRender

/// An `estimate` result as the user sees it: the DESIGN.md §3 JSON object (`design` + `estimates`,
/// snake_case keys) or a `TableModel` for text, Markdown, CSV and LaTeX.
package struct EstimateReport {
    let design: DesignSummary
    package let estimate: Estimate
    package let source: String
    /// The `--domain-df` rule, for the note on domains whose df came from the design.
    package var domainDF: DomainDegreesOfFreedom = .auto


    /// Integral doubles as JSON integers (df 14, not 14.0); others as numbers; NaN as null.
    static func count(_ x: Double) -> JSONValue {
        x.isFinite && x == x.rounded() && abs(x) < 1e15 ? .integer(Int(x)) : .number(x)
    }

    package func json() -> JSONValue {
        var d: [(String, JSONValue)] = [
            ("kind", .string(design.kind)), ("n", .integer(design.n)), ("degf", .integer(design.degreesOfFreedom)),
            ("strata", design.strata.map { .integer($0) } ?? .null), ("psus", design.psus.map { .integer($0) } ?? .null),
        ]
        if let type = design.replicateType {
            d.append(("rep_type", .string(type)))
            d.append(("replicates", design.replicates.map { .integer($0) } ?? .null))
        }
        let items: [JSONValue] = estimate.elements.map { e in
            var o: [(String, JSONValue)] = [
                ("statistic", .string(e.statistic.rawValue)), ("variable", .string(e.variable)),
                ("level", e.level.map { .string($0) } ?? .null),
                ("domain", e.domain.map { .object([("var", .string($0.variable)), ("value", .string($0.value))]) } ?? .null),
            ]
            if let p = e.probability { o.append(("p", .number(p))) }
            if let rule = e.quantileRule { o.append(("qrule", .string(rule.rawValue))) }
            o += [
                ("estimate", .number(e.value)), ("se", .number(e.standardError)),
                ("ci_lower", .number(e.ciLower)), ("ci_upper", .number(e.ciUpper)), ("ci_method", .string(e.ciMethod)),
                ("conf_level", .number(e.confidenceLevel)), ("df", Self.count(e.degreesOfFreedom)),
                ("df_rule", e.dfRule.map { .string($0.rawValue) } ?? .null),
                ("deff", .number(e.deff)), ("deff_replace", .number(e.deffReplace)),
                ("n", .integer(e.n)), ("n_eff", .number(e.effectiveSampleSize)),
            ]
            return .object(o)
        }
        return .object([("design", .object(d)), ("estimates", .array(items))])
    }

    package func table() -> TableModel {
        let withDeff = estimate.elements.contains { $0.deff != nil || $0.deffReplace != nil }
        let level = estimate.elements.first.map { Printf.string("%g", $0.confidenceLevel * 100) } ?? "95"
        var columns: [TableModel.Column] = [
            .init("Statistic", displayOnly: true), .init("statistic", key: "statistic", csvOnly: true),
            .init("p", .number(digits: 3), key: "p", csvOnly: true), .init("Variable"),
            .init("Level", displayOnly: true), .init("level", key: "level", csvOnly: true),
            .init("Domain", displayOnly: true), .init("domain", key: "domain", csvOnly: true),
            .init("Estimate", .number(digits: 4)), .init("SE", .number(digits: 4)),
            .init("\(level)% CI lower", .number(digits: 4), key: "ci_lower"),
            .init("\(level)% CI upper", .number(digits: 4), key: "ci_upper"),
            .init("CI method", key: "ci_method"), .init("df", .number(digits: 0)), .init("n", .integer),
        ]
        if withDeff { columns += [.init("deff", .number(digits: 3)), .init("deff (with repl.)", .number(digits: 3), key: "deff_replace")] }
        let rows: [[TableModel.Cell]] = estimate.elements.map { e in
            var statistic = e.statistic.rawValue
            if let p = e.probability { statistic += " p=\(formatP(p))" }
            func num(_ x: Double?) -> TableModel.Cell { x.map { $0.isFinite ? .number($0) : .missing } ?? .missing }
            var row: [TableModel.Cell] = [
                .text(statistic), .text(e.statistic.rawValue), e.probability.map { .number($0) } ?? .missing, .text(e.variable),
                e.level.map { .text(LabelText.shown($0)) } ?? .missing, e.level.map { .text($0) } ?? .missing,
                e.domain.map { .text("\($0.variable)=\(LabelText.shown($0.value))") } ?? .missing,
                e.domain.map { .text("\($0.variable)=\($0.value)") } ?? .missing,
                num(e.value), num(e.standardError), num(e.ciLower), num(e.ciUpper), .text(e.ciMethod),
                num(e.degreesOfFreedom), .integer(e.n),
            ]
            if withDeff { row += [num(e.deff), num(e.deffReplace)] }
            return row
        }
        var notes = ["Design: \(design.kind), n = \(design.n), df = \(design.degreesOfFreedom)"
            + (design.strata.map { ", \($0) strata" } ?? "") + (design.psus.map { ", \($0) PSUs" } ?? "")
            + (design.replicateType.map { ", \(design.replicates ?? 0) \($0) replicates" } ?? "") + "."]
        let fallback = estimate.elements.filter { $0.dfRule == .design }.count
        if fallback > 0 {
            notes.append(domainDF == .design ? "Domain intervals use the design's df (--domain-df design, Stata's subpop)."
                : "\(fallback) domain estimate(s) have under 1 df as a subset (R's degf of the subset)"
                    + (design.kind == "replicate" ? " or too many replicate-weight rows to rank" : "") + "; their intervals use "
                    + "the design's df, \(design.degreesOfFreedom) (--domain-df subset gives R's, no interval).")
        }
        if let note = Self.undefinedReplicatesNote(estimate.elements, replicates: design.replicates) { notes.append(note) }
        if let note = Self.unboundedLogitNote(estimate.elements) { notes.append(note) }
        let undefinedValues = estimate.elements.filter { !$0.value.isFinite && $0.statistic != .quantile }
        if let first = undefinedValues.first {
            let name = first.variable + (first.domain.map { " in \($0.variable)=\($0.value)" } ?? "")
            notes.append("\(undefinedValues.count) estimate(s) are undefined (—; \(name) is \(first.value > 0 ? "+∞" : first.value < 0 ? "−∞" : "0/0")), "
                + "as R gives NaN or Inf: a domain without a row holding a value (R's svyby shows 0, SE 0), a variance "
                + "from one row, a ratio whose denominator totals 0.")
        }
        let noSE = estimate.elements.filter { $0.value.isFinite && $0.standardError.isNaN }.count
        if noSE > 0 {
            notes.append("\(noSE) estimate(s) have no standard error (—), as R gives NaN: e.g. a domain whose rows all lie in "
                + "single-PSU strata under --lonely-psu average, or an estimate undefined in every replicate.")
        }
        let outside = estimate.elements.filter { $0.statistic == .proportion && ($0.ciLower < 0 || $0.ciUpper > 1) }
        if let first = outside.first {
            let name = first.variable + (first.level.map { "=\($0)" } ?? "") + (first.domain.map { " in \($0.variable)=\($0.value)" } ?? "")
            notes.append("\(outside.count) proportion interval(s) leave [0, 1] (\(name): \(Printf.string("%.4f", first.ciLower)) to "
                + "\(Printf.string("%.4f", first.ciUpper))): the symmetric estimate ± t·SE, as R's confint gives it; "
                + "--ci-method beta, logit or wilson keeps every interval within [0, 1].")
        }
        let quantiles = estimate.elements.filter { $0.statistic == .quantile }
        if quantiles.contains(where: { $0.ciMethod != "score" && $0.ciMethod != "quantile" }) {
            notes.append("Quantile intervals: Woodruff (interval of P(x ≤ q) mapped back); SE = width / (2 t).")
        }
        if quantiles.contains(where: { $0.ciMethod == "quantile" }) {
            notes.append("Quantile intervals: the quantile re-estimated in every replicate, SE their spread (R's "
                + "interval.type \"quantile\"); interval q ± t·SE.")
        }
        let score = quantiles.filter { $0.ciMethod == "score" }
        if !score.isEmpty {
            let outside = score.filter { $0.value < $0.ciLower || $0.value > $0.ciUpper }.count
            notes.append("Quantile intervals: score (the design-based test of P(x > θ) = 1 − p inverted, R's interval.type "
                + "\"score\"); each limit is the rule's quantile at the unweighted share of rows at or below the root, as R; "
                + "SE = width / (2 t)" + (outside > 0 ? "; \(outside) interval(s) exclude their estimate (unequal weights)." : "."))
        }
        return TableModel(title: "Design-based estimates", columns: columns, rows: rows, footnotes: notes,
                          sourceNote: source)
    }

    private func formatP(_ p: Double) -> String { Printf.string("%g", p) }

    /// Memberwise; `package` so the other modules of barometer can build one.
    package init(design: DesignSummary, estimate: Estimate, source: String, domainDF: DomainDegreesOfFreedom = .auto) {
        self.design = design
        self.estimate = estimate
        self.source = source
        self.domainDF = domainDF
    }
}

extension EstimateReport {
    /// The note for estimates undefined in some replicates (R's svrVar drops those replicates
    /// with the warning "k replicates gave NA estimates and were dropped"): how many estimates,
    /// which replicates (the first five), and whether a replicate failed every whole-sample
    /// estimate — an all-zero replicate column, most likely.
    static func undefinedReplicatesNote(_ elements: [EstimateElement], replicates: Int?) -> String? {
        // An estimate undefined itself (a domain without a value) has its own note, not this one.
        let hit = elements.filter { !$0.undefinedReplicates.isEmpty && $0.value.isFinite }
        guard let first = hit.first else { return nil }
        let all = Set(hit.flatMap(\.undefinedReplicates)).sorted()
        // A whole-sample estimate undefined in a replicate: that replicate weighs no row of it.
        let whole = elements.filter { $0.domain == nil }
        let everywhere = whole.isEmpty ? [] : all.filter { r in whole.allSatisfy { $0.undefinedReplicates.contains(r) } }
        let listed = all.prefix(5).map(String.init).joined(separator: ", ") + (all.count > 5 ? ", …" : "")
        let name = first.variable + (first.level.map { "=\($0)" } ?? "") + (first.domain.map { " in \($0.variable)=\($0.value)" } ?? "")
        var note = "\(hit.count) estimate(s) are undefined in some replicates (replicate \(listed)"
            + (replicates.map { " of \($0)" } ?? "") + "; \(name) in \(first.undefinedReplicates.count)): their SEs use the "
            + "other replicates, as R's svrVar (which warns that it dropped them)."
        if !everywhere.isEmpty {
            note += " Replicate \(everywhere.prefix(5).map(String.init).joined(separator: ", ")) gives no estimate at all: "
                + "are its weights all zero?"
        }
        return note
    }

    /// The note for `logit` intervals that are [0, 1] because a replicate's share is exactly 0 or
    /// 1 (`EstimateElement.unboundedLogitReplicates`).
    static func unboundedLogitNote(_ elements: [EstimateElement]) -> String? {
        let hit = elements.filter { !$0.unboundedLogitReplicates.isEmpty }
        guard let first = hit.first else { return nil }
        let name = first.variable + (first.level.map { "=\($0)" } ?? "") + (first.domain.map { " in \($0.variable)=\($0.value)" } ?? "")
        let listed = first.unboundedLogitReplicates.prefix(5).map(String.init).joined(separator: ", ")
            + (first.unboundedLogitReplicates.count > 5 ? ", …" : "")
        return "\(hit.count) logit interval(s) are [0, 1]: a replicate's share is exactly 0 or 1 (\(name): replicate \(listed)), "
            + "so the spread of logit(p̂ᵣ) is unbounded (R's svyglm does not converge there and gives about [0, 1]); "
            + "--ci-method xlogit or beta builds the interval from the SE instead."
    }
}
