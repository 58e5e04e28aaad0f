/// A trend model: a specification that turns `TrendData` into a `TrendFit` and changes nothing.
public protocol TrendModel: Sendable {
    /// Which model this is.
    var kind: TrendModelKind { get }
    /// Smallest number of waves with data the model can be fitted to (parameters + 1, so that
    /// the dispersion has at least one degree of freedom).
    var minimumWaves: Int { get }
    /// Fits the model.
    func fit(_ data: TrendData, options: TrendOptions) throws(TrendError) -> TrendFit
}

/// The models `barometer trend --model` offers.
public enum TrendModelKind: String, Sendable, Equatable, CaseIterable {
    case linear, quadratic, logit, segmented
    case localTrend = "local-trend"

    /// The model with default settings; `breakDate` (ISO) imposes a known level shift and is
    /// only meaningful for `segmented`.
    public func model(breakDate: String? = nil) -> any TrendModel {
        switch self {
        case .linear: return PolynomialTrend(degree: 1)
        case .quadratic: return PolynomialTrend(degree: 2)
        case .logit: return LogitTrend()
        case .segmented:
            if let breakDate { return LevelShiftTrend(breakDate: breakDate) }
            return SegmentedTrend()
        case .localTrend: return LocalLinearTrend()
        }
    }
}

/// How the sampling variances scale the coefficient covariance.
///
/// Survey waves scatter around any smooth trend by more than sampling error when opinion moves
/// for reasons the trend does not capture. The Pearson dispersion φ̂ = Σ r²/var / (n − p)
/// measures that. Policies:
/// - `known`: covariance from the sampling variances alone (scale 1, normal quantiles) — as
///   statsmodels `cov_type="fixed scale"` or R `summary.glm(dispersion = 1)`;
/// - `estimated`: scale φ̂ and t(n − p) quantiles — R `lm(weights = 1/var)`, quasi-binomial;
/// - `auto` (default): `estimated` when φ̂ > 1, else `known`: intervals are never narrower
///   than the sampling error alone implies, and widen when the waves scatter more.
public enum DispersionPolicy: String, Sendable, Equatable, CaseIterable {
    case auto, known, estimated

    /// The scale and residual df to use given φ̂ and the residual df.
    func resolve(dispersion: Double, residualDF: Int) -> (scale: Double, df: Int?) {
        switch self {
        case .known: return (1, nil)
        case .estimated: return (dispersion, residualDF)
        case .auto: return dispersion > 1 ? (dispersion, residualDF) : (1, nil)
        }
    }

    /// The note printed with a fit.
    func note(dispersion: Double, scale: Double) -> String {
        let phi = (dispersion * 1000).rounded() / 1000
        if scale == 1 {
            return "dispersion φ̂ = \(phi); intervals use the sampling variances as known (normal quantiles)"
        }
        return "dispersion φ̂ = \(phi); intervals scaled by φ̂ (t quantiles)"
    }
}

/// Settings shared by every model.
public struct TrendOptions: Sendable, Equatable {
    /// Interval level (default 0.95).
    public var level: Double
    /// Number of points on the even grid from the first to the last wave (default 50, at least 2).
    public var gridPoints: Int
    /// Dispersion policy for the regression models (linear, quadratic, logit, segmented).
    public var dispersion: DispersionPolicy

    public init(level: Double = 0.95, gridPoints: Int = 50, dispersion: DispersionPolicy = .auto) {
        self.level = level
        self.gridPoints = max(2, gridPoints)
        self.dispersion = dispersion
    }

    /// The grid times from `first` to `last`.
    func gridTimes(from first: Double, to last: Double) -> [Double] {
        (0..<gridPoints).map { i in
            i == gridPoints - 1 ? last : first + (last - first) * Double(i) / Double(gridPoints - 1)
        }
    }
}
