import SurveyNumerics

/// The result of fitting any trend model: one shape for every model, so tables, charts and the
/// JSON contract (DESIGN.md §3 "Trend") are written once.
///
/// All values are on the scale of the data (shares 0-1, or net shares); intervals are pointwise
/// at `level` (default 95%). Times are decimal years.
public struct TrendFit: Sendable, Equatable {
    /// Which model produced the fit.
    public let model: TrendModelKind
    /// Fitted trend at each wave of the input (missing waves included for the local trend;
    /// regression models list only the waves they used).
    public let fitted: [TrendPoint]
    /// Fitted trend on an even grid from the first to the last wave (for charts).
    public let grid: [TrendPoint]
    /// Slope of the trend at the last wave, in share per year (nil where it does not apply).
    public let slope: Inference?
    /// The trend's value at the last wave.
    public let endpoint: Inference
    /// Model coefficients on the model's own scale (log-odds for logit), time centred at
    /// `timeCentre`.
    public let coefficients: [Coefficient]
    /// The decimal year the time axis is centred at in `coefficients`.
    public let timeCentre: Double
    /// Log-likelihood, AIC, BIC where defined (see each model for the likelihood used).
    public let logLikelihood: Double?
    public let aic: Double?
    public let bic: Double?
    /// Pearson dispersion φ̂ = X²/(n − p) (1 = the waves scatter exactly as their sampling
    /// variances say); nil for the local trend, whose state noise plays that role.
    public let dispersion: Double?
    /// The scale the covariance was multiplied by (1 when the sampling variances were taken as
    /// known, φ̂ otherwise) and the residual df its intervals used (nil = normal quantiles).
    public let scale: Double
    public let residualDF: Int?
    /// The break, for `segmented` (estimated slope change) or an imposed level shift.
    public let breakpoint: Breakpoint?
    /// State noise variances, for the local linear trend.
    public let stateNoise: StateNoise?
    /// Number of waves the fit used.
    public let observations: Int
    /// Interval level.
    public let level: Double
    /// Caveats: continuity rule used, SRS assumed, dispersion policy.
    public let notes: [String]
}

/// The trend at one time point, with a pointwise interval.
public struct TrendPoint: Sendable, Equatable {
    public let time: Double
    /// Wave label and date, for points at observed waves; nil on the grid.
    public let wave: String?
    public let date: String?
    public let estimate: Double
    /// Standard error on the data scale (delta method for the logit model).
    public let se: Double
    public let lower: Double
    public let upper: Double
}

/// An estimate with its standard error, interval and Wald test against zero.
public struct Inference: Sendable, Equatable {
    public let estimate: Double
    public let se: Double
    public let lower: Double
    public let upper: Double
    /// estimate / se.
    public let statistic: Double
    /// Two-sided p-value of estimate = 0.
    public let pValue: Double
    /// Degrees of freedom of the reference t distribution; nil = standard normal.
    public let df: Int?

    /// Wald inference: estimate ± q·se with q the (1+level)/2 quantile of N(0,1) or t(df).
    public init(estimate: Double, se: Double, level: Double, df: Int?) {
        let q: Double, tail: Double
        let z = estimate / se
        if let df {
            let t = StudentT(df: Double(df))
            q = t.quantile(0.5 + level / 2)
            tail = t.survival(abs(z))
        } else {
            q = Normal.standard.quantile(0.5 + level / 2)
            tail = Normal.standard.survival(abs(z))
        }
        self.estimate = estimate
        self.se = se
        self.lower = estimate - q * se
        self.upper = estimate + q * se
        self.statistic = z
        self.pValue = min(1, 2 * tail)
        self.df = df
    }

    /// An estimate with an interval computed elsewhere (e.g. back-transformed from the logit scale).
    public init(estimate: Double, se: Double, lower: Double, upper: Double, statistic: Double, pValue: Double, df: Int?) {
        self.estimate = estimate
        self.se = se
        self.lower = lower
        self.upper = upper
        self.statistic = statistic
        self.pValue = pValue
        self.df = df
    }
}

/// One model coefficient with its standard error.
public struct Coefficient: Sendable, Equatable {
    public let term: String
    public let estimate: Double
    public let se: Double
}

/// A series break: estimated (segmented: the slope changes at `time`) or imposed by the user (a
/// level shift at a known date, such as the 2020 CAB mode change).
public struct Breakpoint: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// Continuous piecewise-linear trend whose slope changes at an estimated time.
        case slopeChange = "slope-change"
        /// A known date at which the level jumps; the slope is shared.
        case levelShift = "level-shift"
    }
    public let kind: Kind
    /// Decimal year of the break.
    public let time: Double
    /// ISO date of an imposed break, as given.
    public let date: String?
    /// Standard error and interval of the estimated break time (delta method); nil when imposed.
    public let timeSE: Double?
    public let timeLower: Double?
    public let timeUpper: Double?
    /// Size of the break: change in slope per year (slope change) or jump in level (level shift).
    public let change: Inference
    /// Slope per year before the break (slope change).
    public let slopeBefore: Inference?
    /// Test of "no break": Davies' test (slope change) or the Wald test of the shift (level shift).
    public let test: BreakTest
}

/// A hypothesis test of "no break".
public struct BreakTest: Sendable, Equatable {
    /// `davies` (supremum of the Wald statistic over a grid of candidate breaks, Davies 1987
    /// upper bound) or `wald`.
    public let method: String
    public let statistic: Double
    public let pValue: Double
}

/// Maximum-likelihood state noise of the local linear trend: variance per year of the level and
/// of the slope (continuous-time diffusion rates).
public struct StateNoise: Sendable, Equatable {
    public let level: Double
    public let slope: Double
}
