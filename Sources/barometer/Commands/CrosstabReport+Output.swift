import Survey

/// The CLI side of a report that moved to SurveyReports (issue-18 split): what names
/// command-line types.
extension CrosstabReport {
    func rendered(_ output: OutputOptions) -> String {
        if output.format == .json { return json().rendered() + "\n" }
        let cellView = view == .cell && banner == nil
        // CSV is the data, one row per cell, whatever the view (with its percentages); a banner
        // keeps its own table.
        if output.format == .csv && banner == nil { return output.render(dataTable()) }
        return output.render(cellView ? table() : reportTable())
    }
}
