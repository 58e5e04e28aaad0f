#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText
import SurveyEstimation
import SurveyNumerics
import SurveyTrends

extension RegressionReport {
    /// The report of a design-based GLM: model `svyglm_<family>` (e.g. `svyglm_binomial`), sandwich
    /// (or replicate) SEs, t statistics and p-values on the design-based residual df (as R's
    /// `summary.svyglm`), and Wald intervals estimate ± t·SE on the same df. No residual SD or R²
    /// (undefined for a design-based GLM); the dispersion goes into the notes.
    public init(
        _ fit: DesignGLMFit, response: String, level: Double = 0.95, notes: [String] = [], source: String? = nil
    ) {
        let se = fit.standardErrors, t = fit.tStatistics, p = fit.pValues
        let q = fit.dfResidual > 0 ? StudentT(df: Double(fit.dfResidual)).quantile(1 - (1 - level) / 2) : .nan
        let rows = fit.termNames.indices.map {
            Coefficient(
                term: fit.termNames[$0], estimate: fit.coefficients[$0], se: se[$0], statistic: t[$0], pValue: p[$0],
                ciLower: fit.coefficients[$0] - q * se[$0], ciUpper: fit.coefficients[$0] + q * se[$0])
        }
        var all = notes
        if let coding = fit.responseCoding { all.append("response coded \(coding)") }
        all.append("design-based GLM (\(fit.family.rawValue)), \(fit.iterations) IRLS iterations; dispersion \(Printf.string("%.6g", fit.dispersion))")
        if !fit.droppedReplicates.isEmpty {
            let list = fit.droppedReplicates.prefix(5).map(String.init).joined(separator: ", ") + (fit.droppedReplicates.count > 5 ? ", …" : "")
            all.append("replicate\(fit.droppedReplicates.count == 1 ? "" : "s") \(list) could not be refitted (the predictors are "
                + "collinear in \(fit.droppedReplicates.count == 1 ? "it" : "them"), e.g. a replicate dropping the only PSU of a category) "
                + "and \(fit.droppedReplicates.count == 1 ? "was" : "were") left out of the SEs, as R's svyglm does (with a warning)")
        }
        if fit.rowsAtBoundary > 0 {
            let what = fit.family.link == .log ? "a mean of 0" : "a probability of 0 or 1"
            all.append("\(fit.rowsAtBoundary) row\(fit.rowsAtBoundary == 1 ? " has" : "s have") a fitted value within 1e-8 of \(what): "
                + "a predictor or level nearly separates the outcomes, so some coefficient may be infinite, its estimate and SE "
                + "showing only where the iteration stopped (R is silent here); look for a level with no variation in the response")
        }
        if fit.droppedRows > 0 {
            all.append("\(fit.droppedRows) row\(fit.droppedRows == 1 ? "" : "s") with missing values left out (kept in the design)")
        }
        self.init(
            model: "svyglm_\(fit.family.rawValue)", response: response, n: fit.observations, dfResidual: fit.dfResidual,
            coefficients: rows, residualSD: nil, rSquared: nil, level: level, notes: all, source: source)
    }
}
