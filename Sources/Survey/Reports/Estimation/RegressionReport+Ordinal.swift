import SurveyEstimation
import SurveyNumerics
import SurveyTrends

extension RegressionReport {
    /// The report of a design-based ordinal logit: model `svyolr`, slopes then thresholds (`1|2`)
    /// with sandwich (or replicate) SEs, t and p on the design df − slopes (R `svyolr`'s
    /// `df.residual`), and Wald intervals on the same df.
    public init(
        _ fit: DesignOrdinalFit, response: String, level: Double = 0.95, notes: [String] = [], source: String? = nil
    ) {
        let se = fit.standardErrors
        let df = Double(fit.dfResidual)
        let q = fit.dfResidual > 0 ? StudentT(df: df).quantile(1 - (1 - level) / 2) : .nan
        let rows = fit.termNames.indices.map { j in
            let t = fit.coefficients[j] / se[j]
            return Coefficient(
                term: fit.termNames[j], estimate: fit.coefficients[j], se: se[j], statistic: t,
                pValue: fit.dfResidual > 0 ? 2 * StudentT(df: df).survival(abs(t)) : .nan,
                ciLower: fit.coefficients[j] - q * se[j], ciUpper: fit.coefficients[j] + q * se[j])
        }
        var all = notes
        all.append("proportional-odds logit: P(\(response) ≤ k) = logistic(ζk − xβ); categories "
                   + fit.levels.joined(separator: " < ") + "; rows k|k+1 are the thresholds ζ")
        all.append("\(fit.iterations) Newton iterations")
        if !fit.droppedReplicates.isEmpty {
            let list = fit.droppedReplicates.prefix(5).map(String.init).joined(separator: ", ") + (fit.droppedReplicates.count > 5 ? ", …" : "")
            all.append("replicate\(fit.droppedReplicates.count == 1 ? "" : "s") \(list) could not be refitted (the predictors are "
                + "collinear in \(fit.droppedReplicates.count == 1 ? "it" : "them"), e.g. a replicate dropping the only PSU of a category) "
                + "and \(fit.droppedReplicates.count == 1 ? "was" : "were") left out of the SEs, as R's svyglm does (with a warning)")
        }
        if fit.droppedRows > 0 {
            all.append("\(fit.droppedRows) row\(fit.droppedRows == 1 ? "" : "s") with missing values left out (kept in the design)")
        }
        self.init(
            model: "svyolr", response: response, n: fit.observations, dfResidual: fit.dfResidual, coefficients: rows,
            residualSD: nil, rSquared: nil, level: level, notes: all, source: source)
    }
}
