import SurveyNumerics

/// What an estimate element estimates.
public enum StatisticKind: String, Sendable, CaseIterable {
    case mean, total, proportion, ratio, quantile
    /// The population variance of a variable (R `svyvar`).
    case variance
}

/// A domain (subpopulation) of an estimate: rows where `variable` equals `value`.
public struct DomainLabel: Sendable, Equatable, Hashable {
    public var variable: String
    public var value: String
    public init(variable: String, value: String) {
        self.variable = variable
        self.value = value
    }
}

/// One estimated quantity with its uncertainty: the value, standard error, confidence interval
/// (method and degrees of freedom stated), optional design effects, and the unweighted and Kish
/// effective sample sizes of the rows it rests on.
public struct EstimateElement: Sendable, Equatable {
    public var statistic: StatisticKind
    /// Variable name; a ratio's is `NUM/DEN`.
    public var variable: String
    /// The category, for proportions.
    public var level: String?
    /// The domain, for `by` estimates.
    public var domain: DomainLabel?
    /// The probability, for quantiles.
    public var probability: Double?
    /// The quantile rule, for quantiles.
    public var quantileRule: QuantileRule?
    public var value: Double
    public var standardError: Double
    public var ciLower: Double
    public var ciUpper: Double
    /// `wald` (value ± t·SE), a proportion method (`logit`, `beta`, …) or `woodruff` (quantiles).
    public var ciMethod: String
    /// Confidence level of the interval (e.g. 0.95).
    public var confidenceLevel: Double
    /// Degrees of freedom of the t quantiles (∞ for normal).
    public var degreesOfFreedom: Double
    /// For a domain element, which df rule gave `degreesOfFreedom` (`subset` or `design`); nil
    /// for whole-sample elements (the design's df).
    public var dfRule: DomainDegreesOfFreedom? = nil
    /// Replicate designs: the replicates (1-based) in which this estimate was undefined (a 0/0 —
    /// an empty domain, an all-zero replicate column), left out of its variance as R's `svrVar`
    /// drops NA replicates (with a warning: the report's note).
    public var undefinedReplicates: [Int] = []
    /// Replicate designs, `logit` intervals: the replicates (1-based) whose share is exactly 0 or
    /// 1, so logit(p̂ᵣ) is infinite and the interval [0, 1] (R's svyglm does not converge there
    /// and gives about that); left out, they made a narrow interval from the other replicates.
    public var unboundedLogitReplicates: [Int] = []
    /// Design effect against simple random sampling without replacement (R `deff = TRUE`).
    public var deff: Double?
    /// Design effect against simple random sampling with replacement (R `deff = "replace"`).
    public var deffReplace: Double?
    /// Rows with non-zero weight in the estimate's base (domain, non-missing).
    public var n: Int
    /// Kish effective sample size (Σw)²/Σw² over the same rows.
    public var effectiveSampleSize: Double
}

/// The result of an estimator: the elements and their full design covariance (elements in order),
/// which differences between waves, levels or domains need. For quantiles the covariance is
/// diagonal (SE² from the Woodruff interval, as R reports no covariance for them).
public struct Estimate: Sendable {
    public var elements: [EstimateElement]
    /// `k × k` covariance of `values`.
    public var covariance: Matrix

    public init(elements: [EstimateElement], covariance: Matrix) {
        self.elements = elements
        self.covariance = covariance
    }

    /// The estimated values, in order.
    public var values: [Double] { elements.map(\.value) }
    /// The standard errors, √diag(covariance) (or the Woodruff SE for quantiles).
    public var standardErrors: [Double] { elements.map(\.standardError) }

    /// Concatenates estimates; covariance between the parts is unknown and left at zero.
    public static func concatenating(_ parts: [Estimate]) -> Estimate {
        let k = parts.reduce(0) { $0 + $1.elements.count }
        var cov = Matrix(rows: k, columns: k)
        var offset = 0
        for p in parts {
            let m = p.elements.count
            for j in 0..<m { for i in 0..<m { cov[offset + i, offset + j] = p.covariance[i, j] } }
            offset += m
        }
        return Estimate(elements: parts.flatMap(\.elements), covariance: cov)
    }
}
