/// A linear regression specification: response, design terms and optional weights. `fit()`
/// computes a `LinearFit` and changes nothing (STYLE.md §2).
///
/// Weighted least squares minimises Σ wᵢ(yᵢ − xᵢβ)² (weights are precision weights, as R's
/// `lm(weights=)`): σ² is estimated by Σ wᵢeᵢ²/(n₊ − p), where n₊ counts observations with
/// wᵢ > 0; observations with weight 0 drop out of the fit and of the degrees of freedom (their
/// fitted values and residuals are still reported).
///
/// Errors (`LinearAlgebraError`): `.invalidData` for NaN/Inf in the response, a predictor or a
/// weight, or a negative weight (the message names the variable and 1-based observation);
/// `.tooFewObservations` when n₊ < p + 1; `.rankDeficient(columns:)` naming collinear or, next to
/// an intercept, constant predictors by term name (e.g. `x^7`).
public struct LinearModel: Sendable {
    /// The response y.
    public let response: [Double]
    /// Name of the response (for messages).
    public let responseName: String
    /// Design columns in coefficient order; include `DesignTerm.intercept` for a constant.
    public let terms: [DesignTerm]
    /// Precision weights (≥ 0), or nil for ordinary least squares.
    public let weights: [Double]?
    /// Relative tolerance on |R_kk|/|R_00| for the numerical rank (see `PivotedQR`).
    public var rankTolerance: Double = LeastSquares.defaultRankTolerance
    /// Fit polynomial terms in the centred, scaled basis z = (x − c)/h and map back (see
    /// `PolynomialCentring`; only with an intercept and powers 1…K). Off only for accuracy studies.
    public var centrePolynomials: Bool = true
    /// Cap on Björck refinement steps; 1 gives the plain double-precision QR solution (accuracy
    /// studies only).
    public var maxRefinementSteps: Int = LeastSquares.defaultMaxSteps

    /// A model with explicit terms.
    public init(response: [Double], terms: [DesignTerm], weights: [Double]? = nil, responseName: String = "y") {
        self.response = response
        self.terms = terms
        self.weights = weights
        self.responseName = responseName
    }

    /// A model whose design columns are given as a matrix (an intercept must be one of its
    /// columns if wanted; a column of ones named `(Intercept)` is recognised as such).
    public init(
        response: [Double], regressors: Matrix, termNames: [String], weights: [Double]? = nil,
        responseName: String = "y"
    ) throws(LinearAlgebraError) {
        guard termNames.count == regressors.columns else {
            throw .dimensionMismatch("\(termNames.count) term names for \(regressors.columns) columns")
        }
        let terms = termNames.enumerated().map { j, name in
            let col = regressors.column(j)
            return name == DesignTerm.intercept.name && col.allSatisfy({ $0 == 1 })
                ? DesignTerm.intercept : DesignTerm.variable(name, col)
        }
        self.init(response: response, terms: terms, weights: weights, responseName: responseName)
    }

    /// True when the design includes the intercept (R² is then centred).
    public var hasIntercept: Bool { terms.contains(where: \.isIntercept) }

    /// Fits the model by column-scaled pivoted QR with extended-precision refinement.
    public func fit() throws(LinearAlgebraError) -> LinearFit {
        let n = response.count
        try ModelInput.validate(response: response, name: responseName, terms: terms, weights: weights)
        let design = WeightedDesign(terms: terms, observations: n, weights: weights, centre: centrePolynomials)
        guard design.count >= terms.count + 1 else {
            throw .tooFewObservations(observations: design.count, parameters: terms.count)
        }
        let solution = try LeastSquares.solve(
            design: design, response: response, rankTolerance: rankTolerance, maxSteps: maxRefinementSteps)
        let fit = LinearFit(model: self, design: design, solution: solution)
        // Finite data whose squares overflow (|y| near 1e200) give an infinite RSS, a NaN R² and
        // zero t statistics: an error, never such a table.
        if !fit.residualSumOfSquares.isFinite || !fit.totalSumOfSquares.isFinite
            || !fit.coefficients.allSatisfy(\.isFinite) || !fit.covariance.storage.allSatisfy(\.isFinite) {
            var columns = [response]
            for term in terms { if case .variable(let v, _) = term.kind { columns.append(v) } }
            let largest = columns.joined().map(abs).max() ?? 0
            throw .invalidData("the fit overflows double precision: values as large as \(largest) (in \(responseName) or a "
                + "predictor) square beyond 1.8e308; rescale them (e.g. to thousands or millions)")
        }
        return fit
    }
}
