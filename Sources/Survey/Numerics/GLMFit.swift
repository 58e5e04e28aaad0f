/// The immutable result of `GeneralizedLinearModel.fit()`.
///
/// Wald inference as R's `summary.glm`: with a fixed dispersion (binomial, poisson) z-tests on the
/// normal distribution; with an estimated one (gaussian, quasi-families) t-tests on `dfResidual`.
public struct GLMFit: Sendable {
    public let family: GLMFamily
    /// Term names in coefficient order.
    public let termNames: [String]
    /// β̂.
    public let coefficients: [Double]
    /// (XᵀWX)⁻¹ at the final working weights — the "bread" a design-based (sandwich) variance
    /// needs; `covariance` is this times `dispersion`.
    public let unscaledCovariance: Matrix
    /// Fitted means μ̂ᵢ (every observation).
    public let fittedValues: [Double]
    /// Linear predictor η̂ᵢ = xᵢβ̂.
    public let linearPredictor: [Double]
    /// Working weights Wᵢ = wᵢμ'(ηᵢ)²/V(μᵢ) at the final fit (0 for dropped observations).
    public let workingWeights: [Double]
    /// Residual deviance D = Σ wᵢd(yᵢ, μ̂ᵢ).
    public let deviance: Double
    /// Deviance of the intercept-only model (μ = Σwy/Σw), or of η = 0 without an intercept.
    public let nullDeviance: Double
    /// Observations with positive prior weight.
    public let observations: Int
    /// n₊ − p.
    public let dfResidual: Int
    /// n₊ − 1 with an intercept, n₊ without.
    public let dfNull: Int
    /// φ: 1 for binomial and poisson; Pearson χ²/dfResidual = Σ wᵢ(yᵢ − μ̂ᵢ)²/V(μ̂ᵢ) / (n₊ − p) otherwise.
    public let dispersion: Double
    /// Pearson χ² = Σ wᵢ(yᵢ − μ̂ᵢ)²/V(μ̂ᵢ), reported for every family (over-dispersion check).
    public let pearsonChiSquared: Double
    /// Akaike's information criterion as R's `glm` (−2 log L + 2p, plus 2 for gaussian's σ);
    /// nil for quasi-families and non-integer Poisson counts, where no likelihood is defined.
    public let aic: Double?
    /// IRLS iterations used.
    public let iterations: Int
    /// Rows (positive prior weight) whose fitted mean is within 1e-8 of the family's boundary (a
    /// probability of 0 or 1, a rate of 0): quasi-separation, where a coefficient's MLE is
    /// infinite and its estimate and SE say only where the iteration stopped (R is silent there too).
    public let rowsAtBoundary: Int

    init(
        model: GeneralizedLinearModel, coefficients: [Double], unscaledCovariance: Matrix, mu: [Double],
        eta: [Double], workingWeights: [Double], prior: [Double], deviance: Double, iterations: Int
    ) {
        let family = model.family, y = model.response, p = model.terms.count
        self.family = family
        termNames = model.terms.map(\.name)
        self.coefficients = coefficients
        self.unscaledCovariance = unscaledCovariance
        fittedValues = mu
        linearPredictor = eta
        self.workingWeights = workingWeights
        self.deviance = deviance
        self.iterations = iterations
        let used = prior.indices.filter { prior[$0] > 0 }
        switch family.link {
        case .logit: rowsAtBoundary = used.filter { mu[$0] < 1e-8 || mu[$0] > 1 - 1e-8 }.count
        case .log: rowsAtBoundary = used.filter { mu[$0] < 1e-8 }.count
        case .identity: rowsAtBoundary = 0
        }
        observations = used.count
        dfResidual = used.count - p
        dfNull = used.count - (model.hasIntercept ? 1 : 0)
        var pearson = 0.0
        for i in used { pearson += prior[i] * (y[i] - mu[i]) * (y[i] - mu[i]) / family.variance(mu[i]) }
        pearsonChiSquared = pearson
        dispersion = family.estimatesDispersion ? (dfResidual > 0 ? pearson / Double(dfResidual) : .nan) : 1
        let nullMean: Double
        if model.hasIntercept {
            let sw = used.reduce(0.0) { $0 + prior[$1] }
            nullMean = used.reduce(0.0) { $0 + prior[$1] * y[$1] } / sw
        } else {
            nullMean = family.link.inverse(0)
        }
        nullDeviance = used.reduce(0.0) { $0 + family.deviance(y[$1], nullMean, weight: prior[$1]) }
        aic = family.aicTerm(y: y, mu: mu, weights: prior, deviance: deviance).map { $0 + 2 * Double(p) }
    }

    /// φ̂·(XᵀWX)⁻¹.
    public var covariance: Matrix {
        var c = unscaledCovariance
        for k in 0..<c.storage.count { c.storage[k] *= dispersion }
        return c
    }

    /// Standard errors √(φ̂·diag (XᵀWX)⁻¹).
    public var standardErrors: [Double] { unscaledCovariance.diagonal.map { ($0 * dispersion).squareRoot() } }

    /// Wald statistics β̂/se (z or t, see `usesTDistribution`).
    public var statistics: [Double] { zip(coefficients, standardErrors).map { $0 / $1 } }

    /// True when inference uses t(dfResidual) (estimated dispersion), false for the normal.
    public var usesTDistribution: Bool { family.estimatesDispersion }

    private var referenceDistribution: any ContinuousDistribution {
        usesTDistribution ? StudentT(df: Double(dfResidual)) : Normal.standard
    }

    /// Two-sided Wald p-values.
    public var pValues: [Double] {
        let d = referenceDistribution
        return statistics.map { 2 * d.survival(abs($0)) }
    }

    /// Wald intervals β̂ ± q·se at `level` (q from t(dfResidual) or the normal, as `pValues`).
    public func confidenceIntervals(level: Double = 0.95) -> [(lower: Double, upper: Double)] {
        let q = referenceDistribution.quantile(1 - (1 - level) / 2)
        return zip(coefficients, standardErrors).map { ($0 - q * $1, $0 + q * $1) }
    }
}
