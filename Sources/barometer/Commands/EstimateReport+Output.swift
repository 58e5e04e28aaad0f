import Survey

/// The CLI side of a report that moved to SurveyReports (issue-18 split): what names
/// command-line types.
extension EstimateReport {
    func rendered(_ format: OutputFormat) -> String {
        format == .json ? json().rendered() + "\n" : table().rendered(format.tableFormat())
    }
}
