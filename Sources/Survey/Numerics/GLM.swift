/// A generalized linear model specification, fitted by iteratively reweighted least squares
/// (IRLS, Fisher scoring) that reuses the column-scaled QR solver of `LinearModel` at each step.
///
/// **Response and prior weights** (same conventions as R's `glm(y ~ …, weights = w)`):
/// - binomial / quasibinomial: `response` is the observed *proportion* yᵢ ∈ [0, 1] and
///   `priorWeights` wᵢ its number of trials nᵢ (successes = nᵢyᵢ). A 0/1 response needs no weights.
///   Non-integer wᵢ are allowed — e.g. a wave's *effective sample size* n/deff for a logit trend
///   through published proportions, which makes Var(yᵢ) = μᵢ(1 − μᵢ)/wᵢ (R's `var_weights`
///   semantics in statsmodels terms). The AIC then uses rounded counts, as R does.
/// - poisson / quasipoisson: `response` is a count (≥ 0); wᵢ multiplies the log-likelihood.
/// - gaussian: wᵢ are precision weights, Var(yᵢ) = φ/wᵢ.
/// Observations with wᵢ = 0 drop out (of the fit and of the degrees of freedom).
///
/// **Algorithm** (as R's `glm.fit`): start from μ⁰ (`GLMFamily.initialMean`); repeat
/// zᵢ = ηᵢ + (yᵢ − μᵢ)/μ'(ηᵢ), working weight Wᵢ = wᵢμ'(ηᵢ)²/V(μᵢ), β = WLS fit of z on X with W;
/// a non-finite deviance halves the step towards the previous β (up to 30 times). Converged when
/// |D − D_old|/(|D| + 0.1) < `tolerance`, or when |D − D_old| ≤ 64ε√n₊·D (rounding level). The covariance is φ·(XᵀWX)⁻¹ with W at the final μ.
///
/// **Errors**: `.invalidData` for non-finite data, negative weights or a response outside the
/// family's range; `.rankDeficient(columns:)`, `.tooFewObservations` as `LinearModel`;
/// `.notConverged` after `maxIterations`, or when a logit fit puts a probability within 10ε of 0
/// or 1 (complete or quasi-complete separation: the MLE does not exist).
public struct GeneralizedLinearModel: Sendable {
    public let response: [Double]
    public let responseName: String
    public let terms: [DesignTerm]
    public let family: GLMFamily
    /// Prior weights (trials for binomial); nil means all 1.
    public let priorWeights: [Double]?
    /// Convergence tolerance on the relative change of the deviance (R's default is 1e-8; ours is
    /// tighter so coefficients are converged to about 1e-10 relative).
    public var tolerance: Double = 1e-12
    /// Maximum IRLS iterations.
    public var maxIterations: Int = 50
    /// Rank tolerance for each WLS step (see `PivotedQR`).
    public var rankTolerance: Double = LeastSquares.defaultRankTolerance

    public init(
        response: [Double], terms: [DesignTerm], family: GLMFamily, priorWeights: [Double]? = nil,
        responseName: String = "y"
    ) {
        self.response = response
        self.terms = terms
        self.family = family
        self.priorWeights = priorWeights
        self.responseName = responseName
    }

    /// True when the design includes the intercept.
    public var hasIntercept: Bool { terms.contains(where: \.isIntercept) }

    /// Fits by IRLS.
    public func fit() throws(LinearAlgebraError) -> GLMFit {
        let n = response.count
        try ModelInput.validate(response: response, name: responseName, terms: terms, weights: priorWeights)
        let prior = priorWeights ?? [Double](repeating: 1, count: n)
        for i in 0..<n where prior[i] > 0 {
            if let expected = family.invalidResponse(response[i]) {
                throw .invalidData("\(responseName): observation \(i + 1) is \(response[i]); the \(family.rawValue) family needs \(expected)")
            }
        }
        let link = family.link
        let usedCount = prior.filter { $0 > 0 }.count
        var mu = (0..<n).map { family.initialMean(response[$0], weight: prior[$0]) }
        var eta = mu.map(link.link)
        var deviance = totalDeviance(mu, prior)
        var beta: [Double] = []
        var iterations = 0
        var converged = false
        while iterations < maxIterations {
            iterations += 1
            let (z, w) = workingResponse(eta: eta, mu: mu, prior: prior)
            let solution = try solveStep(z: z, w: w)
            var newBeta = solution.coefficients
            var newEta = linearPredictor(newBeta)
            var newMu = newEta.map(link.inverse)
            var newDeviance = totalDeviance(newMu, prior)
            var halvings = 0
            while !newDeviance.isFinite, !beta.isEmpty, halvings < 30 {
                halvings += 1
                newBeta = zip(newBeta, beta).map { ($0 + $1) / 2 }
                newEta = linearPredictor(newBeta)
                newMu = newEta.map(link.inverse)
                newDeviance = totalDeviance(newMu, prior)
            }
            guard newDeviance.isFinite else {
                throw .notConverged("IRLS for the \(family.rawValue) model: deviance is not finite")
            }
            // Converged when the relative change is below `tolerance`, or below the rounding
            // level of the deviance sum (64ε√n₊·D): a tolerance tighter than that (even 0) could
            // otherwise never be met once the iterates sit on a fixed point up to rounding.
            let change = abs(newDeviance - deviance)
            let roundingLevel = 64 * Double.ulpOfOne * Double(usedCount).squareRoot() * abs(newDeviance)
            (beta, eta, mu, deviance) = (newBeta, newEta, newMu, newDeviance)
            if change < tolerance * (abs(newDeviance) + 0.1) || change <= roundingLevel {
                converged = true
                break
            }
        }
        guard converged else {
            throw .notConverged("IRLS for the \(family.rawValue) model did not converge in \(maxIterations) iterations "
                + "(for a logit model this usually means a predictor separates the outcomes)")
        }
        // As R's glm.fit warns, but an error here: a fitted probability within 10ε of 0 or 1 means
        // the MLE is at infinity (separation) and the coefficients/SEs are meaningless.
        if family.link == .logit {
            let eps = 10 * Double.ulpOfOne
            if let i = (0..<n).first(where: { prior[$0] > 0 && (mu[$0] < eps || mu[$0] > 1 - eps) }) {
                throw .notConverged("IRLS for the \(family.rawValue) model: fitted probability numerically "
                    + "\(mu[i] < 0.5 ? 0 : 1) at observation \(i + 1) (a predictor separates the outcomes)")
            }
        }
        // Fisher information at the final μ.
        let (_, w) = workingResponse(eta: eta, mu: mu, prior: prior)
        let final = try solveStep(z: eta, w: w)
        return GLMFit(
            model: self, coefficients: beta, unscaledCovariance: final.unscaledCovariance,
            mu: mu, eta: eta, workingWeights: w, prior: prior, deviance: deviance, iterations: iterations)
    }

    /// z = η + (y − μ)/μ'(η) and W = w·μ'(η)²/V(μ) (0 where the prior weight is 0).
    private func workingResponse(eta: [Double], mu: [Double], prior: [Double]) -> (z: [Double], w: [Double]) {
        var z = [Double](repeating: 0, count: eta.count), w = z
        for i in 0..<eta.count where prior[i] > 0 {
            let d = family.link.derivative(eta[i])
            z[i] = eta[i] + (response[i] - mu[i]) / d
            w[i] = prior[i] * d * d / family.variance(mu[i])
        }
        return (z, w)
    }

    private func solveStep(z: [Double], w: [Double]) throws(LinearAlgebraError) -> LeastSquaresSolution {
        let design = WeightedDesign(terms: terms, observations: response.count, weights: w)
        return try LeastSquares.solve(design: design, response: z, rankTolerance: rankTolerance, maxSteps: 3)
    }

    func linearPredictor(_ beta: [Double]) -> [Double] {
        var eta = [ExtendedFloat](repeating: 0, count: response.count)
        for (j, term) in terms.enumerated() { term.accumulate(into: &eta, times: ExtendedFloat(beta[j])) }
        return eta.map { Double($0) }
    }

    func totalDeviance(_ mu: [Double], _ prior: [Double]) -> Double {
        var d = 0.0
        for i in 0..<mu.count where prior[i] > 0 { d += family.deviance(response[i], mu[i], weight: prior[i]) }
        return d
    }
}
