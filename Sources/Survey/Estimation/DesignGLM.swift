import SurveyData
import SurveyNumerics

/// A design-based generalized linear model, as R `survey::svyglm` on a linearization design.
///
/// - Coefficients: the GLM fitted with prior weights wᵢ/mean(w) (R's `rescale = TRUE`; the scale
///   cancels everywhere), so binomial and quasibinomial give the same estimates.
/// - Covariance: the sandwich A⁻¹ B A⁻¹ where A⁻¹ = (XᵀWX)⁻¹ (`GLMFit.unscaledCovariance`) and B is
///   the design covariance of the estimating-function totals; i.e. the design variance of the
///   influence matrix `U = S A⁻¹` with `Sᵢ = xᵢ · W̃ᵢ (yᵢ − μᵢ) / μ'(ηᵢ)` (R: `model.matrix ×
///   resid(working) × weights(working)` then `svyrecvar(estfun %*% Ainv)`). On a calibrated design
///   the influence values are residualised first, as for every estimator.
/// - Degrees of freedom: design df (over the rows used) + 1 − p; t-tests use them.
/// - Dispersion (reported only): the design-weighted variance of the Pearson residuals
///   (R's `summary.svyglm`: `svyvar(resid(fit, "pearson"), design)`).
///
/// Rows with a missing response or predictor are left out of the fit and carry zero influence
/// (their PSUs still count for the variance, as R's `na.action` on a design does for the fpc).
public struct DesignGLMFit: Sendable, TermTestable {
    public let family: GLMFamily
    public let termNames: [String]
    /// Per coefficient its model term (0 the intercept), and R's term labels, for term tests.
    public let assign: [Int]
    public let termLabels: [String]
    public let coefficients: [Double]
    /// Sandwich covariance (p × p).
    public let covariance: Matrix
    /// Design df + 1 − p.
    public let dfResidual: Int
    /// svyvar of the Pearson residuals.
    public let dispersion: Double
    /// Rows used in the fit.
    public let observations: Int
    /// Rows left out for missing values.
    public let droppedRows: Int
    /// Replicates (1-based) the model could not be refitted in (collinear there), left out of the
    /// variance as R's `svrVar` drops their NA coefficients.
    public var droppedReplicates: [Int] = []
    /// IRLS iterations.
    public let iterations: Int
    /// How a categorical response was coded (`sch.wide: Yes = 1, No = 0`), nil for a numeric one.
    public let responseCoding: String?
    /// Rows whose fitted mean is at the family's boundary (`GLMFit.rowsAtBoundary`).
    public var rowsAtBoundary = 0

    public var standardErrors: [Double] { covariance.diagonal.map { $0.squareRoot() } }
    public var tStatistics: [Double] { zip(coefficients, standardErrors).map { $0 / $1 } }
    /// Two-sided p-values from Student t on `dfResidual`.
    public var pValues: [Double] {
        let t = StudentT(df: Double(dfResidual))
        return tStatistics.map { 2 * t.survival(abs($0)) }
    }
}

/// The complete-case data and full-sample fit shared by both variance methods.
struct PreparedGLM {
    let data: RegressionSpecification.Design
    let fit: GLMFit
    let weights: [Double]
    package let responseCoding: String?

    init(_ specification: RegressionSpecification, table: Table, weights all: [Double], family: GLMFamily) throws {
        guard table.rowCount == all.count else {
            throw DesignError.lengthMismatch("table has \(table.rowCount) rows, design has \(all.count)")
        }
        var spec = specification
        spec.weights = nil
        let (numeric, coding) = try SurveyDesign.numericResponse(table, spec.response)
        responseCoding = coding
        data = try spec.design(from: numeric)
        weights = data.rows.map { all[$0] }
        fit = try Self.fit(data, weights: weights, family: family, name: spec.response)
    }

    /// The GLM with prior weights w/mean(w) (R's `rescale = TRUE`), IRLS converged to the last bit.
    static func fit(
        _ data: RegressionSpecification.Design, weights w: [Double], family: GLMFamily, name: String
    ) throws -> GLMFit {
        let meanW = w.reduce(0, +) / Double(max(1, w.count))
        guard meanW > 0 else { throw DesignError.impossible("the rows used in the regression all have zero weight") }
        var model = GeneralizedLinearModel(
            response: data.response, terms: data.terms, family: family, priorWeights: w.map { $0 / meanW },
            responseName: name)
        model.tolerance = 1e-15
        model.maxIterations = 100
        return try model.fit()
    }

    func result(covariance: Matrix, df: Int) -> DesignGLMFit {
        var result = DesignGLMFit(
            family: fit.family, termNames: fit.termNames, assign: data.assign, termLabels: data.termLabels,
            coefficients: fit.coefficients, covariance: covariance,
            dfResidual: df, dispersion: SurveyDesign.pearsonDispersion(fit: fit, response: data.response, weights: weights),
            observations: data.rows.count, droppedRows: data.droppedRows, iterations: fit.iterations,
            responseCoding: responseCoding)
        result.rowsAtBoundary = fit.rowsAtBoundary
        return result
    }
}

/// Fits a design-based GLM on either kind of design: the sandwich for linearization designs,
/// replicate refits for replicate designs (`Design.modelCovariance`). df = design df + 1 − p.
public func fitDesignGLM(
    _ specification: RegressionSpecification, table: Table, design: any Design, family: GLMFamily
) throws -> DesignGLMFit {
    let prepared = try PreparedGLM(specification, table: table, weights: design.weights, family: family)
    let (cc, fit) = (prepared.data, prepared.fit)
    let (covariance, df, droppedReplicates) = try design.modelCovariance(
        rows: cc.rows, estimate: fit.coefficients,
        influence: {
            // U = S · A⁻¹ with Sᵢ = xᵢ · W̃ᵢ (yᵢ − μᵢ) / μ'(ηᵢ).
            var s = Matrix(rows: cc.rows.count, columns: cc.terms.count)
            for i in 0..<cc.rows.count {
                let d = family.link.derivative(fit.linearPredictor[i])
                let score = fit.workingWeights[i] == 0 ? 0 : fit.workingWeights[i] * (cc.response[i] - fit.fittedValues[i]) / d
                for (j, term) in cc.terms.enumerated() { s[i, j] = term.value(i) * score }
            }
            return try s.multiplied(by: fit.unscaledCovariance)
        },
        refit: { w in try PreparedGLM.fit(cc, weights: w, family: family, name: specification.response).coefficients })
    var result = prepared.result(covariance: covariance, df: df + 1 - cc.terms.count)
    result.droppedReplicates = droppedReplicates
    return result
}

extension ReplicateDesign {
    /// R `svyglm`/`svyolr` on an `svyrep.design`: the model refitted with every replicate's
    /// weights (over `rows`), and the replicate variance (`svrVar`) of the estimates; the df of the
    /// rows used (R's `degf` of the design after `na.action`). A replicate in which the predictors
    /// are collinear (one that drops the only PSU of a category) gives R NA coefficients, which
    /// `svrVar` drops with a warning: so here, and the fit lists it (`droppedReplicates`).
    public func modelCovariance(
        rows: [Int], estimate: [Double], influence: () throws -> Matrix, refit: ([Double]) throws -> [Double]
    ) throws -> (covariance: Matrix, df: Int, droppedReplicates: [Int]) {
        var thetas = Matrix(rows: replicateCount, columns: estimate.count)
        var dropped: [Int] = [], firstFailure: Error? = nil
        for r in 0..<replicateCount {
            let column = try replicateWeights(r)
            do {
                let theta = try refit(rows.map { column[$0] })
                for j in estimate.indices { thetas[r, j] = theta[j] }
            } catch let error as LinearAlgebraError {
                guard case .rankDeficient = error else { throw error }
                for j in estimate.indices { thetas[r, j] = .nan }
                dropped.append(r + 1)
                firstFailure = firstFailure ?? error
            }
        }
        if dropped.count == replicateCount, let firstFailure { throw firstFailure }
        var base = [Double](repeating: 0, count: rowCount)
        for row in rows { base[row] = 1 }
        let df = rows.count == rowCount ? degreesOfFreedom : Int(degreesOfFreedom(base: base, domains: nil)[0])
        return (try replicateVariance(thetas, full: estimate), df, dropped)
    }
}

extension SurveyDesign {
    /// Fits `specification` on `table` (whose rows are this design's rows) as a design-based GLM.
    public func fitGLM(
        _ specification: RegressionSpecification, table: Table, family: GLMFamily
    ) throws -> DesignGLMFit {
        try fitDesignGLM(specification, table: table, design: self, family: family)
    }

    /// Linearization: the design variance of the influence rows (`influence()`, one per used row;
    /// rows not used carry zero influence but keep their PSUs), and the design df over the rows used.
    public func modelCovariance(
        rows: [Int], estimate: [Double], influence: () throws -> Matrix, refit: ([Double]) throws -> [Double]
    ) throws -> (covariance: Matrix, df: Int, droppedReplicates: [Int]) {
        let u = try influence()
        var full = Matrix(rows: rowCount, columns: u.columns)
        for j in 0..<u.columns {
            for (k, row) in rows.enumerated() { full[row, j] = u[k, j] }
        }
        var base = [Double](repeating: 0, count: rowCount)
        for row in rows { base[row] = 1 }
        return (try variance(influence: full), Int(degreesOfFreedom(base: base, domains: nil)[0]), [])
    }

    /// R's `svyvar(resid(fit, "pearson"))`: n/(n−1) · Σw(r − r̄)²/Σw over rows with w > 0, where
    /// rᵢ = (yᵢ − μᵢ)/√V(μᵢ) (`residuals.svyglm` divides the prior weights back out of R's usual
    /// Pearson residual).
    static func pearsonDispersion(fit: GLMFit, response: [Double], weights w: [Double]) -> Double {
        var r = [Double](repeating: 0, count: w.count)
        for i in w.indices {
            r[i] = (response[i] - fit.fittedValues[i]) / fit.family.variance(fit.fittedValues[i]).squareRoot()
        }
        let used = w.indices.filter { w[$0] != 0 }
        let n = Double(used.count), sw = used.reduce(0) { $0 + w[$1] }
        let mean = used.reduce(0) { $0 + w[$1] * r[$1] } / sw
        let ss = used.reduce(0) { $0 + w[$1] * (r[$1] - mean) * (r[$1] - mean) } / sw
        return ss * n / (n - 1)
    }

    /// The table with a two-level categorical response recoded to 0/1: the levels in sorted order
    /// (R's `factor()` of text, e.g. No < Yes), the second one coded 1. Also returns that coding,
    /// e.g. `sch.wide: Yes = 1, No = 0`, for the report (nil for a numeric response).
    static func numericResponse(_ table: Table, _ name: String) throws -> (Table, String?) {
        let c = try table.column(named: name)
        guard case .categorical(let codes, let levels) = c.values else { return (table, nil) }
        let used = Set(codes.filter { $0 >= 0 }).sorted { levels[Int($0)] < levels[Int($1)] }
        guard used.count == 2 else {
            throw DataError(
                "response '\(name)' is categorical with \(used.count) level\(used.count == 1 ? "" : "s") in the data; "
                    + "a binomial model needs two (or a 0/1 numeric column)", file: table.source, column: name)
        }
        var copy = table
        try copy.setColumn(Column(
            name: name, values: .numeric(codes.map { $0 < 0 ? .nan : ($0 == used[1] ? 1 : 0) }), label: c.label))
        return (copy, "\(name): \(levels[Int(used[1])]) = 1, \(levels[Int(used[0])]) = 0")
    }
}
