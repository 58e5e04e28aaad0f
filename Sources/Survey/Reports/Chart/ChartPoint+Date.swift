import SurveyRender
import SurveySeries

/// Chart points dated by ISO dates via `WaveDate` (moved out of SurveyRender).
extension ChartPoint {
    /// A point dated by an ISO date (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`); nil when the date is invalid.
    public init?(date: String, y: Double, lower: Double? = nil, upper: Double? = nil) {
        guard let x = WaveDate.decimalYear(date) else { return nil }
        self.init(x: x, y: y, lower: lower, upper: upper)
    }
}
