import Survey

/// The CLI side of a report that moved to SurveyReports (issue-18 split): what names
/// command-line types.
extension CrosstabReport {
    func rendered(_ output: OutputOptions) -> String {
        if output.format == .json { return json().rendered() + "\n" }
        let cellView = view == .cell && banner == nil
        if output.format == .csv && cellView { return output.render(dataTable()) }
        return output.render(cellView ? table() : reportTable())
    }
}
