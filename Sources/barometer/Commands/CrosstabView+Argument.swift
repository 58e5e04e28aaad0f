import ArgumentParser
import Survey

/// The CLI side of a report that moved to SurveyReports (issue-18 split): what names
/// command-line types.
extension CrosstabView: ChoiceArgument {}
extension PValueAdjustment: ChoiceArgument {}
