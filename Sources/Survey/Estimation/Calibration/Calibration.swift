import SurveyData

/// The calibration methods `barometer rake --method` and `--rake`/`--poststratify` offer.
public enum CalibrationMethod: String, Sendable, CaseIterable {
    /// Iterative proportional fitting to every margin (R `rake`).
    case rake
    /// One-variable post-stratification (R `postStratify`).
    case poststratify
    /// Linear (GREG) calibration to all margins at once (R `calibrate(calfun = "linear")`).
    case linear
}

/// One margin level's target and the weight totals before and after calibration.
public struct MarginCheck: Sendable, Equatable {
    public let variable: String
    public let level: String
    /// Population total from the margins (scaled, for proportion margins).
    public let target: Double
    /// Weight total before calibration.
    public let before: Double
    /// Weight total after calibration.
    public let achieved: Double
}

/// Calibrated weights for a table, with the report (`iterations`, `converged`, achieved-vs-target
/// margins, weight diagnostics) and the variance adjustment designs apply to influence values.
///
/// Margins given as proportions (every variable summing to 1) are scaled to the sum of the input
/// weights. All variables must then sum to the same total (relative tolerance 1e-6), every margin
/// level must occur in the data unless its total is 0, and every data level must have a margin.
/// Unless `options` allow them, these are errors: a zero total for a level the sample has, negative
/// calibrated weights or zero ones where the design weight was positive (`nonPositiveWeights`,
/// with count and minimum), and a calibration that did not converge. Non-finite weights always are.
public struct Calibration: Sendable {
    public let method: CalibrationMethod
    /// Calibrated (then trimmed, if asked) weights, one per row.
    public private(set) var weights: [Double]
    /// Sweeps for raking, Newton iterations for bounded/non-linear calibration; 1 otherwise.
    public let iterations: Int
    /// Whether the algorithm met its convergence test (raking: no step moved a weight by more than
    /// epsilon; Newton: R's misfit test; one-step methods: every |achieved − target| / (1 + |target|)
    /// below max(epsilon, 1e-9)). False only when `options.allowNonConvergence`.
    public let converged: Bool
    /// Achieved against target, every level of every margin, in margins-file order, then numeric totals.
    public private(set) var checks: [MarginCheck]
    /// The residualisation that makes Taylor variances account for this calibration.
    public let adjustment: any CalibrationAdjustment
    /// The classified calibration variables and their (scaled) targets, for re-use on replicates.
    public let variables: [CalibrationVariable]
    public let targets: [[Double]]
    /// Numeric auxiliaries (linear/GREG only).
    public let numeric: [NumericAuxiliary]
    /// Settings used (convergence, calfun, bounds, what is allowed).
    public let options: CalibrationOptions
    /// Weight diagnostics before and after.
    public let before: WeightDiagnostics
    public private(set) var after: WeightDiagnostics
    /// The trimming applied after calibration and how many weights it moved (first pass), if any.
    public private(set) var trimming: (bounds: WeightTrimming, count: Int)?
    public var epsilon: Double { options.epsilon }
    public var maxIterations: Int { options.maxIterations }

    /// Calibrates `weights` to `margins` by `method` with raking settings `epsilon`/`maxIterations`.
    public init(
        table: Table, weights: [Double], margins: CalibrationMargins, method: CalibrationMethod,
        epsilon: Double = 1e-10, maxIterations: Int = 1000
    ) throws(CalibrationError) {
        try self.init(
            table: table, weights: weights, margins: margins, method: method,
            options: CalibrationOptions(epsilon: epsilon, maxIterations: maxIterations))
    }

    /// Calibrates `weights` (one per row of `table`) to `margins` by `method` with `options`.
    public init(
        table: Table, weights: [Double], margins: CalibrationMargins, method: CalibrationMethod,
        options: CalibrationOptions
    ) throws(CalibrationError) {
        guard weights.count == table.rowCount else {
            throw .badWeights("\(weights.count) weights for \(table.rowCount) rows")
        }
        try options.validate()
        try checkWeights(weights)
        var margins = margins
        if margins.areProportions { margins = margins.scaled(toTotal: weights.reduce(0, +)) }
        _ = try margins.commonTotal()
        var variables: [CalibrationVariable] = []
        for m in margins.margins {
            let column: Column
            do { column = try table.column(named: m.variable) } catch {
                throw .badMarginsFile(file: margins.source, line: nil, message: "margin variable: \(error.message)")
            }
            variables.append(try CalibrationVariable(column: column, margin: m))
        }
        let targets = margins.margins.map(\.totals)
        if !options.allowNonPositiveWeights { try Self.checkZeroTargets(variables: variables, targets: targets, weights: weights) }
        var numeric: [NumericAuxiliary] = []
        for t in margins.numeric { numeric.append(try NumericAuxiliary(table: table, name: t.variable, total: t.total)) }
        if !numeric.isEmpty && method != .linear {
            throw .unsupported(
                "numeric totals (\(numeric.map(\.name).joined(separator: ", "))) need linear/GREG calibration "
                    + "(--method linear, or --calibrate in estimate), not \(method.rawValue)")
        }
        if method != .linear && (options.calfun != .linear || options.isBounded) {
            throw .unsupported("--calfun and --bounds apply to linear/GREG calibration (--method linear, --calibrate)")
        }
        self.method = method
        self.variables = variables
        self.targets = targets
        self.numeric = numeric
        self.options = options
        let step = try Self.run(method, weights: weights, variables: variables, targets: targets, numeric: numeric, options: options)
        self.weights = step.weights
        self.iterations = step.iterations
        self.adjustment = step.adjustment
        self.checks = Self.checks(
            variables: variables, targets: targets, numeric: numeric, before: weights, after: step.weights)
        self.before = WeightDiagnostics(weights)
        self.after = WeightDiagnostics(step.weights)
        self.converged = try Self.usable(
            step, checks: checks, base: weights, method: method, options: options, after: after)
    }

    /// Calibrates another weight vector (a replicate) the same way: same variables, targets, method
    /// and options (so the same refusals). Used to calibrate every replicate of a replicate design.
    /// `recalibrate` without the margin and weight checks, for weights already checked once
    /// (calibrated replicates recomputed on demand; the same arithmetic, so the same weights).
    func recalibrateUnchecked(_ w: [Double]) throws(CalibrationError) -> [Double] {
        try Self.run(method, weights: w, variables: variables, targets: targets, numeric: numeric, options: options).weights
    }

    public func recalibrate(_ w: [Double]) throws(CalibrationError) -> [Double] {
        let step = try Self.run(method, weights: w, variables: variables, targets: targets, numeric: numeric, options: options)
        let checks = Self.checks(variables: variables, targets: targets, numeric: numeric, before: w, after: step.weights)
        _ = try Self.usable(step, checks: checks, base: w, method: method, options: options, after: WeightDiagnostics(step.weights))
        return step.weights
    }

    /// This calibration with its weights trimmed (R `trimWeights` on the calibrated design): the
    /// checks then show how far trimming moved the margins, and the variance adjustment is kept.
    public func trimmed(_ t: WeightTrimming) throws(CalibrationError) -> Calibration {
        var copy = self
        let (w, count) = try t.apply(weights)
        copy.weights = w
        copy.after = WeightDiagnostics(w)
        copy.trimming = (t, count)
        copy.checks = zip(checks, Self.checks(
            variables: variables, targets: targets, numeric: numeric, before: w, after: w)).map { old, new in
            MarginCheck(variable: old.variable, level: old.level, target: old.target, before: old.before, achieved: new.achieved)
        }
        return copy
    }

    /// The largest relative gap between an achieved margin and its target.
    public var worstRelativeGap: Double {
        checks.map { abs($0.achieved - $0.target) / max(abs($0.target), .leastNormalMagnitude) }.max() ?? 0
    }

    private static func checks(
        variables: [CalibrationVariable], targets: [[Double]], numeric: [NumericAuxiliary], before: [Double],
        after: [Double]
    ) -> [MarginCheck] {
        var out: [MarginCheck] = []
        for (k, v) in variables.enumerated() {
            var b = [Double](repeating: 0, count: v.levels.count)
            var a = b
            for i in 0..<before.count {
                b[Int(v.codes[i])] += before[i]
                a[Int(v.codes[i])] += after[i]
            }
            for l in v.levels.indices {
                out.append(
                    MarginCheck(variable: v.name, level: v.levels[l], target: targets[k][l], before: b[l], achieved: a[l]))
            }
        }
        for z in numeric {
            var b = 0.0, a = 0.0
            for i in 0..<before.count {
                b += before[i] * z.values[i]
                a += after[i] * z.values[i]
            }
            out.append(MarginCheck(variable: z.name, level: "", target: z.total, before: b, achieved: a))
        }
        return out
    }
}
