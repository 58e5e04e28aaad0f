import SurveyText
import ArgumentParser
import Survey

extension DomainDegreesOfFreedom: ChoiceArgument {}

/// `estimate`'s comparison flags: contrasts within the design (`--contrast`), the two-group and
/// one-sample mean tests (`--ttest`) and the difference from a second, independent file (`--versus`). The
/// statistics are `Survey`'s (`Estimate+Contrast.swift`); this parses, calls and collects.
struct EstimateComparisonOptions: ParsableArguments {
    @Option(help: "Linear combination of domains (--by) or levels (--proportion), e.g. E-H, 0.5*E+0.5*M-H, Yes-No (repeatable; [name] quotes a name with +, - or *).")
    var contrast: [String] = []

    @Option(help: "Mean test as R svyttest: VAR:COL=V1[,V2] (those rows minus the rest), VAR:COL for a two-level column (second minus first level), or one-sample VAR (mean = 0) or VAR=MU (mean = MU, within --where rows if given); repeatable.")
    var ttest: [String] = []

    @Option(help: "A second, independent sample (e.g. another wave) with the same design flags: reports FILE's estimates minus this file's.")
    var versus: String?

    func validate(hasDomainsOrLevels: Bool, hasBy: Bool) throws {
        if !contrast.isEmpty && !hasDomainsOrLevels { throw ValidationError("--contrast needs --by or --proportion (it combines domains or levels)") }
        if versus != nil && !(contrast.isEmpty && ttest.isEmpty) { throw ValidationError("--versus compares two files; not with --contrast or --ttest") }
        for c in contrast {
            do { _ = try LinearContrast(parsing: c) } catch { throw ValidationError(error.description) }
        }
        for t in ttest where !t.contains(":") {
            guard Self.oneSampleSpec(t) != nil else {
                throw ValidationError("--ttest '\(t)': a one-sample test is VAR or VAR=MU with MU a number (e.g. api00=600)")
            }
            if hasBy { throw ValidationError("--ttest '\(t)': a one-sample test covers the whole sample or the --where rows; not with --by") }
        }
        for t in ttest where t.contains(":") && Self.ttestSpec(t) == nil {
            throw ValidationError("--ttest '\(t)' must be VAR:COL=VALUE[,VALUE] or VAR:COL (e.g. api00:stype=E)")
        }
    }

    /// `VAR` → (VAR, 0); `VAR=MU` → (VAR, MU); nil when MU is not a finite number.
    static func oneSampleSpec(_ text: String) -> (variable: String, mu: Double)? {
        guard let eq = text.lastIndex(of: "=") else { return text.isEmpty ? nil : (text, 0) }
        let variable = String(text[..<eq])
        guard !variable.isEmpty, let mu = Double(text[text.index(after: eq)...].whitespacesTrimmed()),
              mu.isFinite else { return nil }
        return (variable, mu)
    }

    /// `VAR:COL=V1,V2` → (VAR, condition); `VAR:COL` → (VAR, COL, nil).
    static func ttestSpec(_ text: String) -> (variable: String, column: String, condition: RowCondition?)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let variable = String(text[..<colon]), rest = String(text[text.index(after: colon)...])
        guard !variable.isEmpty, !rest.isEmpty else { return nil }
        if rest.contains("=") {
            guard let c = RowCondition(parsing: rest) else { return nil }
            return (variable, c.column, c)
        }
        return (variable, rest, nil)
    }

    func compute(estimate: Survey.Estimate, design: any Design, table: Table, command: Barometer.Estimate) throws -> EstimateComparison {
        var out = EstimateComparison(level: command.level)
        let designDF = contrast.isEmpty ? .nan : design.degreesOfFreedom(base: nil, domains: nil)[0]
        for c in contrast {
            out.results += try estimate.contrast(try LinearContrast(parsing: c), df: designDF, level: command.level)
        }
        let keep = try command.whereMask(in: table)
        for spec in ttest.filter({ !$0.contains(":") }).compactMap({ Self.oneSampleSpec($0) }) {
            let conditions = command.whereConditions.compactMap { RowCondition(parsing: $0) }
            out.results.append(try design.meanTest(
                try table.column(named: spec.variable), hypothesized: spec.mu,
                domain: keep.map { RowCondition.domain(conditions, keep: $0) }, options: command.estimationOptions))
        }
        for spec in ttest.filter({ $0.contains(":") }).compactMap({ Self.ttestSpec($0) }) {
            let column = try table.column(named: spec.column)
            var groups: Domains, name: String
            if let condition = spec.condition {
                let hit = try condition.matches(column)
                let present = Domains(column: column).codes
                groups = Domains(variable: spec.column, codes: hit.indices.map { present[$0] < 0 ? -1 : hit[$0] ? 1 : 0 },
                                 labels: ["other", condition.values.joined(separator: ",")])
                name = "\(spec.column)=\(condition.values.joined(separator: ",")) − other"
            } else {
                groups = Domains(column: column)
                name = groups.count == 2 ? "\(spec.column)=\(groups.labels[1]) − \(spec.column)=\(groups.labels[0])" : spec.column
            }
            if let keep { groups = groups.restricted(to: keep) }
            out.results.append(try design.meanDifferenceTest(
                try table.column(named: spec.variable), groups: groups, name: name, options: command.estimationOptions))
        }
        if let other = versus {
            var second = try loadTable(other)
            let d2 = try command.design.makeDesign(consuming: &second)
            let e2 = try command.compute(table: second, design: d2)
            let difference = estimate.difference(minus: e2, name: "\(command.file) − \(other)", level: command.level)
            out.results += difference.results
            out.versus = EstimateReport(design: d2.summary, estimate: e2, source: other)
            if difference.unmatched > 0 {
                out.notes.append("\(difference.unmatched) estimate(s) appear in only one file and have no difference.")
            }
            out.notes.append("Differences treat the two files as independent samples: SE = √(SE₁² + SE₂²), "
                + "df by Welch–Satterthwaite on each estimate's df.")
        }
        if !contrast.isEmpty { out.notes.append("Contrasts: SE from the full design covariance; t on the design's df (R svycontrast).") }
        if ttest.contains(where: { $0.contains(":") }) { out.notes.append("t-tests: difference of domain means; df = the tested rows' df − 1 (the design's, or a --where subset's) as R svyttest.") }
        if ttest.contains(where: { !$0.contains(":") }) {
            out.notes.append("One-sample t-tests: mean − MU over its SE; df = design df − 1 (a --where domain's df − 1) as R svyttest(VAR ~ 0).")
        }
        return out
    }
}
