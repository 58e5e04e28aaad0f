/// `Survey`: the library users import — every layer, re-exported (DESIGN.md §2, issue 18).
/// Layers, lowest first: SurveyText, SurveyNumerics, SurveyData, SurveyRender, SurveyNotebook, SurveyMarkdown, SurveyEstimation, SurveySeries, SurveyTrends, SurveyReports.
@_exported import SurveyText
@_exported import SurveyNumerics
@_exported import SurveyData
@_exported import SurveyRender
@_exported import SurveyNotebook
@_exported import SurveyMarkdown
@_exported import SurveyEstimation
@_exported import SurveySeries
@_exported import SurveyTrends
@_exported import SurveyReports
