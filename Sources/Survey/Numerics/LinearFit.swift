/// The immutable result of `LinearModel.fit()`: the O(n·p) work is done once when it is made;
/// the O(p) statistics are documented computed properties (STYLE.md §2).
public struct LinearFit: Sendable {
    /// Term names in coefficient order (`(Intercept)`, `x`, `x^2`, …).
    public let termNames: [String]
    /// Estimated coefficients β̂.
    public let coefficients: [Double]
    /// Coefficient covariance σ̂²(XᵀWX)⁻¹ (p × p).
    public let covariance: Matrix
    /// Observations used: those with weight > 0 (all, for OLS).
    public let observations: Int
    /// Residual degrees of freedom n₊ − p.
    public let dfResidual: Int
    /// Residual sum of squares Σ wᵢeᵢ² (accumulated in extended precision).
    public let residualSumOfSquares: Double
    /// Total sum of squares: Σ wᵢ(yᵢ − ȳ_w)² with an intercept, Σ wᵢyᵢ² without.
    public let totalSumOfSquares: Double
    /// True when the model has an intercept (R² centred) — DESIGN.md §3.
    public let hasIntercept: Bool
    /// True for weighted least squares.
    public let isWeighted: Bool
    /// yᵢ − xᵢβ̂ for every observation, including those of weight 0.
    public let residuals: [Double]
    /// xᵢβ̂ for every observation.
    public let fittedValues: [Double]
    /// Refinement steps the solver took (diagnostic; 1 means the plain QR solution was converged).
    public let refinementSteps: Int
    /// `dtrcon` estimate of 1/cond of the column-scaled design (diagnostic).
    public let reciprocalCondition: Double

    init(model: LinearModel, design: WeightedDesign, solution s: LeastSquaresSolution) {
        let n = model.response.count, p = model.terms.count
        termNames = model.terms.map(\.name)
        coefficients = s.coefficients
        observations = design.count
        dfResidual = design.count - p
        hasIntercept = model.hasIntercept
        isWeighted = model.weights != nil
        refinementSteps = s.refinementSteps
        reciprocalCondition = s.reciprocalCondition

        var sse: ExtendedFloat = 0
        for r in s.weightedResiduals { sse += r * r }
        residualSumOfSquares = Double(sse)
        let sigma2 = dfResidual > 0 ? Double(sse / ExtendedFloat(dfResidual)) : .nan
        var cov = s.unscaledCovariance
        for k in 0..<cov.storage.count { cov.storage[k] *= sigma2 }
        covariance = cov

        // Fitted values in extended precision from the refined coefficients, for every row.
        var fitted = [ExtendedFloat](repeating: 0, count: n)
        for (j, term) in model.terms.enumerated() {
            term.accumulate(into: &fitted, times: s.extendedCoefficients[j])
        }
        fittedValues = fitted.map { Double($0) }
        residuals = (0..<n).map { Double(ExtendedFloat(model.response[$0]) - fitted[$0]) }

        // Total sum of squares over the used rows, weighted.
        let y = model.response
        let w = model.weights ?? [Double](repeating: 1, count: n)
        var center: ExtendedFloat = 0
        if model.hasIntercept {
            var sw: ExtendedFloat = 0, swy: ExtendedFloat = 0
            for i in design.rows { sw += ExtendedFloat(w[i]); swy += ExtendedFloat(w[i]) * ExtendedFloat(y[i]) }
            center = swy / sw
        }
        var tss: ExtendedFloat = 0
        for i in design.rows {
            let d = ExtendedFloat(y[i]) - center
            tss += ExtendedFloat(w[i]) * d * d
        }
        totalSumOfSquares = Double(tss)
    }

    /// Number of coefficients p.
    public var parameterCount: Int { coefficients.count }

    /// Residual standard deviation σ̂ = √(RSS / (n₊ − p)).
    public var residualSD: Double { (residualSumOfSquares / Double(dfResidual)).squareRoot() }

    /// R² = 1 − RSS/TSS; uncentred (TSS = Σwy²) when the model has no intercept, as NIST and R do.
    /// NaN when TSS is 0 (a constant response): R² is undefined, not −∞.
    public var rSquared: Double { totalSumOfSquares > 0 ? 1 - residualSumOfSquares / totalSumOfSquares : .nan }

    /// R's `summary.lm` test for an "essentially perfect fit": RSS/(n₊ − p) below 1e-30 × (mean(f)²
    /// + var(f)), f the fitted values. SEs, t and p are then rounding noise.
    public var isEssentiallyPerfect: Bool {
        let n = Double(fittedValues.count)
        guard n > 1, dfResidual > 0 else { return false }
        let mean = fittedValues.reduce(0, +) / n
        let variance = fittedValues.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return residualSumOfSquares / Double(dfResidual) < (mean * mean + variance) * 1e-30
    }

    /// Adjusted R² = 1 − (1 − R²)(n₊ − k)/(n₊ − p), k = 1 with an intercept, 0 without.
    public var adjustedRSquared: Double {
        let k = hasIntercept ? 1.0 : 0.0
        return 1 - (1 - rSquared) * (Double(observations) - k) / Double(dfResidual)
    }

    /// Standard errors √diag(covariance).
    public var standardErrors: [Double] { covariance.diagonal.map { $0.squareRoot() } }

    /// t statistics β̂ⱼ / se(β̂ⱼ).
    public var tStatistics: [Double] { zip(coefficients, standardErrors).map { $0 / $1 } }

    /// Two-sided p-values 2·P(T > |t|), T ~ t(dfResidual).
    public var pValues: [Double] {
        let t = StudentT(df: Double(dfResidual))
        return tStatistics.map { 2 * t.survival(abs($0)) }
    }

    /// Confidence intervals β̂ⱼ ± t_{1−α/2, df}·se(β̂ⱼ) at the given level (default 95%).
    public func confidenceIntervals(level: Double = 0.95) -> [(lower: Double, upper: Double)] {
        let q = StudentT(df: Double(dfResidual)).quantile(1 - (1 - level) / 2)
        return zip(coefficients, standardErrors).map { ($0 - q * $1, $0 + q * $1) }
    }
}
