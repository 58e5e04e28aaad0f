import Survey

/// The CLI side of a report that moved to SurveyReports (issue-18 split): what names
/// command-line types.
extension EstimateComparison {
    func rendered(main: EstimateReport, output: OutputOptions, titled: TitleOption) -> String {
        let format = output.format
        if results.isEmpty && versus == nil {
            return format == .json ? main.rendered(.json) : output.render(titled.apply(main.table()))
        }
        if format == .json {
            guard case .object(var pairs) = main.json() else { return main.rendered(.json) }
            if let versus { pairs.append(("versus", .object([("file", .string(versus.source))] + Self.members(versus.json())))) }
            pairs.append(("contrasts", .array(results.map(Self.json))))
            return JSONValue.object(pairs).rendered() + "\n"
        }
        var parts: [String] = []
        if !main.estimate.elements.isEmpty { parts.append(output.render(titled.apply(main.table()))) }
        if let versus {
            var t = versus.table()
            t.title = "Design-based estimates: \(versus.source)"
            parts.append(output.render(t))
        }
        var t = table(source: main.source)
        if parts.isEmpty { t = titled.apply(t) }
        parts.append(output.render(t))
        return parts.joined(separator: "\n")
    }
}
