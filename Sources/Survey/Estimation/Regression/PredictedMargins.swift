#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyData
import SurveyNumerics

/// Predicted margins by group, as R `survey::svypredmeans`: for each level g of a categorical
/// group variable, every row's prediction with its group set to g, averaged with the design
/// weights. Variance = the design variance of that mean (predictions held fixed) plus the part
/// from the estimated coefficients, dᵀ V d with d = ∂(mean prediction)/∂θ (R adds the two and
/// ignores their covariance). As R, the group is added to the model as a main effect when the
/// model does not already contain it. Predictions are averaged over every row whose predictors are
/// present, whether or not its response is (R predicts from `model.frame(design)`); rows with a
/// missing predictor are left out of the mean. For an ordinal model the predictions are the category
/// probabilities (the same construction per category).
public struct PredictedMargins: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// The group level.
        public let group: String
        /// The response category (ordinal models), nil for a GLM's mean.
        public let category: String?
        public let estimate: Double
        public let se: Double
    }

    /// The group variable.
    public let group: String
    public let rows: [Row]
}

extension RegressionSpecification.Design {
    /// Rows of the table (all `count` of them) whose predictors are all present.
    func predictorRows(_ count: Int) -> [Int] {
        (0..<count).filter { i in codings.values.allSatisfy { !$0.isMissing(i) } }
    }
}

extension RegressionSpecification {
    /// The specification with `group` as a main effect (unchanged when it is already a term).
    func addingGroup(_ group: String) throws(DataError) -> RegressionSpecification {
        var s = self
        if !(try formula().terms.contains([group])) { s.predictors.append(group) }
        return s
    }
}

/// Rows' predictions at each group level: (prediction per row, its gradient in θ per row).
private func margins(
    group: String, design: any Design, rows: [Int], names: [String],
    coefficientCovariance: Matrix, levels: [String],
    predictions: (Int) throws -> (values: [[Double]], gradients: [Matrix])
) throws -> PredictedMargins {
    // Design weights of the rows used; every category × level is one column of fixed predictions.
    let w = rows.map { design.weights[$0] }, total = w.reduce(0, +)
    var columns: [Column] = [], labels: [(String, String?)] = []
    var d: [[Double]] = []
    for k in levels.indices {
        let (values, gradients) = try predictions(k)
        for (c, v) in values.enumerated() {
            var full = [Double](repeating: .nan, count: design.rowCount)
            for (i, row) in rows.enumerated() { full[row] = v[i] }
            columns.append(Column(name: "\(levels[k])#\(c)", values: .numeric(full)))
            labels.append((levels[k], names.isEmpty ? nil : names[c]))
            let g = gradients[c]
            d.append((0..<g.columns).map { j in (0..<g.rows).reduce(0) { $0 + w[$1] * g[$1, j] } / total })
        }
    }
    let mean = try design.means(columns, options: EstimationOptions(removeMissing: true))
    var rowsOut: [PredictedMargins.Row] = []
    for a in columns.indices {
        let dv = try coefficientCovariance.multiplied(by: d[a])
        let add = zip(d[a], dv).reduce(0) { $0 + $1.0 * $1.1 }
        rowsOut.append(.init(group: labels[a].0, category: labels[a].1, estimate: mean.values[a],
                             se: (mean.covariance[a, a] + add).squareRoot()))
    }
    return PredictedMargins(group: group, rows: rowsOut)
}

/// Predicted means by `group` of a design-based GLM (R `svypredmeans(svyglm(...), ~group)`).
public func predictedMargins(
    _ specification: RegressionSpecification, table: Table, design: any Design, family: GLMFamily, group: String
) throws -> PredictedMargins {
    let spec = try specification.addingGroup(group)
    let fit = try fitDesignGLM(spec, table: table, design: design, family: family)
    let data = try PreparedGLM(spec, table: table, weights: design.weights, family: family).data
    let formula = try spec.formula()
    guard let coding = data.codings[group], !coding.levels.isEmpty else {
        throw DataError("--margins-by: '\(group)' must be categorical (or listed in --factor)", column: group)
    }
    let rows = data.predictorRows(table.rowCount)
    return try margins(
        group: group, design: design, rows: rows, names: [], coefficientCovariance: fit.covariance,
        levels: coding.levels,
        predictions: { k in
            var codings = data.codings
            codings[group] = coding.fixed(at: k)
            let terms = try spec.modelMatrix(formula, codings: codings, rows: rows).terms
            var mu = [Double](), gradient = Matrix(rows: rows.count, columns: terms.count)
            for i in rows.indices {
                let eta = terms.indices.reduce(0) { $0 + fit.coefficients[$1] * terms[$1].value(i) }
                mu.append(family.link.inverse(eta))
                let slope = family.link.derivative(eta)
                for j in terms.indices { gradient[i, j] = slope * terms[j].value(i) }
            }
            return ([mu], [gradient])
        })
}

/// Predicted category probabilities by `group` of a design-based ordinal logit: the
/// `svypredmeans` construction applied to each category's probability.
public func predictedMargins(
    ordinal specification: RegressionSpecification, table: Table, design: any Design, responseLevels: [String]? = nil,
    group: String
) throws -> PredictedMargins {
    let spec = try specification.addingGroup(group)
    let fit = try fitDesignOrdinal(spec, table: table, design: design, responseLevels: responseLevels)
    let prepared = try PreparedOrdinal(spec, table: table, weights: design.weights, responseLevels: responseLevels)
    let data = prepared.data, formula = try prepared.specification.formula()
    guard let coding = data.codings[group], !coding.levels.isEmpty else {
        throw DataError("--margins-by: '\(group)' must be categorical (or listed in --factor)", column: group)
    }
    let p = fit.slopeCount, q = fit.levels.count - 1, theta = fit.coefficients
    let (cdf, density) = (ProportionalOddsModel.cdf, ProportionalOddsModel.density)
    let rows = data.predictorRows(table.rowCount)
    return try margins(
        group: group, design: design, rows: rows, names: fit.levels, coefficientCovariance: fit.covariance,
        levels: coding.levels,
        predictions: { k in
            var codings = data.codings
            codings[group] = coding.fixed(at: k)
            let slopes = try prepared.specification.modelMatrix(formula, codings: codings, rows: rows).terms
                .filter { !$0.isIntercept }
            let n = rows.count
            var values = [[Double]](repeating: [Double](repeating: 0, count: n), count: q + 1)
            var gradients = [Matrix](repeating: Matrix(rows: n, columns: p + q), count: q + 1)
            for i in 0..<n {
                let x = slopes.map { $0.value(i) }
                let eta = zip(x, theta).reduce(0) { $0 + $1.0 * $1.1 }
                // πc = F(ζc − η) − F(ζc−1 − η); ∂π/∂β = −x(f(a) − f(b)), ∂π/∂ζc = f(a), ∂π/∂ζc−1 = −f(b).
                for c in 0...q {
                    let (a, b) = (c < q ? theta[p + c] - eta : .infinity, c > 0 ? theta[p + c - 1] - eta : -.infinity)
                    let (fa, fb) = (density(a), density(b))
                    values[c][i] = cdf(a) - cdf(b)
                    for j in 0..<p { gradients[c][i, j] = -x[j] * (fa - fb) }
                    if c < q { gradients[c][i, p + c] = fa }
                    if c > 0 { gradients[c][i, p + c - 1] = -fb }
                }
            }
            return (values, gradients)
        })
}
