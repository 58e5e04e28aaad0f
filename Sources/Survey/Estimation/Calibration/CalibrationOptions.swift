import SurveyData

/// The calibration distance of the GREG family (R `calibrate(calfun =)`): how the g-weight depends
/// on the linear predictor `u = xᵀλ`, `g = 1 + F(u)`, each optionally held within bounds `[L, U]`.
public enum CalibrationFunction: String, Sendable, CaseIterable {
    /// `g = 1 + u`, clipped to `[L, U]` (R `cal.linear`); unbounded it is the one-step GREG.
    case linear
    /// `g = exp(u)`, clipped to `[L, U]` (R `cal.raking`): raking weights by Newton's method.
    case raking
    /// `g` a logistic curve between `L` and `U` (R `cal.logit`, Deville–Särndal); needs finite bounds
    /// with `L < 1 < U`.
    case logit
}

/// Settings of a calibration beyond its margins and method, with the defaults of `barometer rake`.
public struct CalibrationOptions: Sendable, Equatable {
    /// Convergence bound: raking stops when no step changes a weight by more than this relatively;
    /// the GREG-family Newton iterations stop when every `|achieved − target| / (1 + |target|)` is
    /// below it (R `grake`'s test).
    public var epsilon: Double
    /// Most raking sweeps or Newton iterations.
    public var maxIterations: Int
    /// Distance function of `--method linear` (R `calibrate`); ignored by raking and post-stratification.
    public var calfun: CalibrationFunction
    /// Bounds on the g-weights (calibrated / design weight) of `--method linear`, `-∞…∞` by default.
    public var lowerBound: Double
    public var upperBound: Double
    /// Return calibrated weights that are negative, or zero where the design weight was not, instead
    /// of refusing them (R's unbounded linear calibration allows them).
    public var allowNonPositiveWeights: Bool
    /// Return the weights of a calibration that did not converge (reported `converged: false`)
    /// instead of refusing them.
    public var allowNonConvergence: Bool

    public init(
        epsilon: Double = 1e-10, maxIterations: Int = 1000, calfun: CalibrationFunction = .linear,
        lowerBound: Double = -.infinity, upperBound: Double = .infinity,
        allowNonPositiveWeights: Bool = false, allowNonConvergence: Bool = false
    ) {
        self.epsilon = epsilon
        self.maxIterations = maxIterations
        self.calfun = calfun
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.allowNonPositiveWeights = allowNonPositiveWeights
        self.allowNonConvergence = allowNonConvergence
    }

    /// Whether the bounds restrict anything.
    public var isBounded: Bool { lowerBound > -.infinity || upperBound < .infinity }

    /// Whether `--method linear` is R's closed-form regression calibration (`regcalibrate`): linear
    /// distance without bounds. Otherwise it is solved by Newton's method (`grake`).
    public var isClosedFormLinear: Bool { calfun == .linear && !isBounded }

    /// Checks the combination: bounds ordered with `L ≤ 1 ≤ U` (g = 1 must be allowed), and logit
    /// needs finite bounds with `L < 1 < U`.
    public func validate() throws(CalibrationError) {
        guard !lowerBound.isNaN, !upperBound.isNaN, lowerBound <= 1, upperBound >= 1 else {
            throw .unsupported(
                "calibration bounds \(formatNumber(lowerBound)),\(formatNumber(upperBound)) must satisfy L ≤ 1 ≤ U "
                    + "(they bound calibrated ÷ design weight, and leaving a weight unchanged must be allowed)")
        }
        if calfun == .logit {
            guard lowerBound.isFinite, upperBound.isFinite, lowerBound < 1, upperBound > 1 else {
                throw .unsupported("logit calibration needs finite bounds L < 1 < U (e.g. --bounds 0.5,2)")
            }
        }
        guard epsilon > 0, epsilon.isFinite, maxIterations >= 1 else {
            throw .unsupported("calibration needs a positive epsilon and at least one iteration")
        }
    }
}
