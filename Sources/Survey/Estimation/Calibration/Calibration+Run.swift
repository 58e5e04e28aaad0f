import SurveyData

/// The method dispatch of `Calibration` and the checks that its weights are usable.
extension Calibration {
    /// One calibration's raw outcome before the usability checks.
    struct Step {
        let weights: [Double]
        let iterations: Int
        /// The algorithm's own convergence test (true for one-step methods).
        let converged: Bool
        let adjustment: any CalibrationAdjustment
        /// Newton fits: the worst column's name, target and achieved total when not converged.
        let shortfall: (margin: String, target: Double, achieved: Double)?
    }

    static func run(
        _ method: CalibrationMethod, weights: [Double], variables: [CalibrationVariable], targets: [[Double]],
        numeric: [NumericAuxiliary], options: CalibrationOptions
    ) throws(CalibrationError) -> Step {
        switch method {
        case .rake:
            let r = try rake(
                weights: weights, variables: variables, targets: targets, epsilon: options.epsilon,
                maxIterations: options.maxIterations, throwIfNotConverged: !options.allowNonConvergence)
            let adjustment = RakingAdjustment(
                codes: variables.map(\.codes), levelCounts: variables.map(\.levels.count), baseWeights: weights,
                cellOfRow: r.cells.cellOfRow, stepFactors: r.stepFactors)
            return Step(weights: r.weights, iterations: r.iterations, converged: r.converged, adjustment: adjustment, shortfall: nil)
        case .poststratify:
            guard variables.count == 1 else {
                throw .unsupported(
                    "post-stratification needs the joint population counts of one variable; the margins give "
                        + "\(variables.count) variables (\(variables.map(\.name).joined(separator: ", "))): "
                        + "use --method rake or linear, or a single combined variable")
            }
            let w = try postStratify(weights: weights, variable: variables[0], targets: targets[0])
            let adjustment = PostStratificationAdjustment(
                cells: variables[0].codes, cellCount: variables[0].levels.count, weights: w, oldWeights: weights)
            return Step(weights: w, iterations: 1, converged: true, adjustment: adjustment, shortfall: nil)
        case .linear:
            let (x, names, totals) = calibrationMatrix(variables: variables, targets: targets, numeric: numeric)
            let c = try LinearCalibration(weights: weights, x: x, totals: totals, names: names, options: options)
            let shortfall = c.worst.map { (names[$0.column], totals[$0.column], $0.achieved) }
            return Step(
                weights: c.weights, iterations: c.iterations, converged: c.converged,
                adjustment: LinearCalibrationAdjustment(c), shortfall: c.converged ? nil : shortfall)
        }
    }

    /// Refuses non-finite weights always, and unless `options` allow them non-positive weights and
    /// non-convergence. Returns whether the calibration converged.
    static func usable(
        _ step: Step, checks: [MarginCheck], base: [Double], method: CalibrationMethod, options: CalibrationOptions,
        after: WeightDiagnostics
    ) throws(CalibrationError) -> Bool {
        // Weights (or their sum, which every total estimate needs) beyond a Double are no usable answer.
        let nonFinite = step.weights.count { !$0.isFinite }
        if nonFinite > 0 || !after.sum.isFinite {
            throw .badWeights(
                "\(nonFinite) of \(step.weights.count) calibrated weights are not finite numbers, or their sum is not "
                    + "(are the margin totals beyond the range of a Double, \(formatNumber(.greatestFiniteMagnitude))?)")
        }
        var converged = step.converged
        if method != .rake && step.iterations == 1 && step.shortfall == nil {
            // One-step methods: converged when every total is met (R grake's test).
            let tolerance = max(options.epsilon, 1e-9)
            converged = checks.allSatisfy { abs($0.achieved - $0.target) / (1 + abs($0.target)) < tolerance }
        }
        if !converged && !options.allowNonConvergence {
            let worst = checks.max {
                abs($0.achieved - $0.target) / (1 + abs($0.target)) < abs($1.achieved - $1.target) / (1 + abs($1.target))
            }
            let name = step.shortfall?.margin ?? worst.map { $0.level.isEmpty ? $0.variable : "\($0.variable) = \($0.level)" } ?? ""
            throw .calibrationNotConverged(
                method: method.describedWith(options), iterations: step.iterations, margin: name,
                target: step.shortfall?.target ?? worst?.target ?? 0, achieved: step.shortfall?.achieved ?? worst?.achieved ?? 0)
        }
        if !options.allowNonPositiveWeights {
            var zero = 0
            for i in base.indices where step.weights[i] == 0 && base[i] > 0 { zero += 1 }
            if after.negative > 0 || zero > 0 {
                throw .nonPositiveWeights(
                    method: method.describedWith(options), negative: after.negative, zero: zero, minimum: after.minimum)
            }
        }
        return converged
    }

    /// A margin level with target 0 that rows with positive weight have is refused (explained).
    static func checkZeroTargets(
        variables: [CalibrationVariable], targets: [[Double]], weights: [Double]
    ) throws(CalibrationError) {
        for (k, v) in variables.enumerated() {
            var rows = [Int](repeating: 0, count: v.levels.count)
            for i in weights.indices where weights[i] > 0 { rows[Int(v.codes[i])] += 1 }
            for l in v.levels.indices where targets[k][l] == 0 && rows[l] > 0 {
                throw .zeroTarget(variable: v.name, level: v.levels[l], rows: rows[l])
            }
        }
    }
}

extension CalibrationMethod {
    /// "raking", "post-stratification", "linear calibration", "logit calibration (bounds 0.5, 2)", …
    public func describedWith(_ options: CalibrationOptions) -> String {
        switch self {
        case .rake: return "raking"
        case .poststratify: return "post-stratification"
        case .linear:
            let bounds = options.isBounded
                ? " (bounds \(formatNumber(options.lowerBound)), \(formatNumber(options.upperBound)))" : ""
            return "\(options.calfun.rawValue) calibration\(bounds)"
        }
    }
}
