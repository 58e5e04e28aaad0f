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

/// Calibrated weights for a table, with the report (`iterations`, achieved-vs-target margins) and
/// the variance adjustment designs apply to influence values afterwards.
///
/// Margins given as proportions (every variable summing to 1) are scaled to the sum of the input
/// weights. All variables must then sum to the same total (relative tolerance 1e-6), every margin
/// level must occur in the data unless its total is 0, and every data level must have a margin.
public struct Calibration: Sendable {
    public let method: CalibrationMethod
    /// Calibrated weights, one per row.
    public let weights: [Double]
    /// Sweeps for raking; 1 for post-stratification and linear calibration.
    public let iterations: Int
    /// Achieved against target, every level of every margin, in margins-file order.
    public let checks: [MarginCheck]
    /// The residualisation that makes Taylor variances account for this calibration.
    public let adjustment: any CalibrationAdjustment
    /// The classified calibration variables and their (scaled) targets, for re-use on replicates.
    public let variables: [CalibrationVariable]
    public let targets: [[Double]]
    /// Raking convergence settings used.
    public let epsilon: Double
    public let maxIterations: Int

    /// Calibrates `weights` (one per row of `table`) to `margins` by `method`.
    public init(
        table: Table, weights: [Double], margins: CalibrationMargins, method: CalibrationMethod,
        epsilon: Double = 1e-10, maxIterations: Int = 1000
    ) throws(CalibrationError) {
        guard weights.count == table.rowCount else {
            throw .badWeights("\(weights.count) weights for \(table.rowCount) rows")
        }
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
        self.method = method
        self.variables = variables
        self.targets = targets
        self.epsilon = epsilon
        self.maxIterations = maxIterations
        switch method {
        case .rake:
            let r = try rake(
                weights: weights, variables: variables, targets: targets, epsilon: epsilon,
                maxIterations: maxIterations)
            self.weights = r.weights
            self.iterations = r.iterations
            self.adjustment = RakingAdjustment(
                codes: variables.map(\.codes), levelCounts: variables.map(\.levels.count), baseWeights: weights,
                cellOfRow: r.cells.cellOfRow, stepFactors: r.stepFactors)
        case .poststratify:
            guard variables.count == 1 else {
                throw .unsupported(
                    "post-stratification needs the joint population counts of one variable; the margins give "
                        + "\(variables.count) variables (\(variables.map(\.name).joined(separator: ", "))): "
                        + "use --method rake or linear, or a single combined variable")
            }
            let w = try postStratify(weights: weights, variable: variables[0], targets: targets[0])
            self.weights = w
            self.iterations = 1
            self.adjustment = PostStratificationAdjustment(
                cells: variables[0].codes, cellCount: variables[0].levels.count, weights: w, oldWeights: weights)
        case .linear:
            let (x, names, totals) = calibrationMatrix(variables: variables, targets: targets)
            let c = try LinearCalibration(weights: weights, x: x, totals: totals, names: names)
            self.weights = c.weights
            self.iterations = 1
            self.adjustment = LinearCalibrationAdjustment(c)
        }
        // Weights (or their sum, which every total estimate needs) beyond a Double are no usable answer.
        let nonFinite = self.weights.count { !$0.isFinite }
        if nonFinite > 0 || !self.weights.reduce(0, +).isFinite {
            throw .badWeights(
                "\(nonFinite) of \(self.weights.count) calibrated weights are not finite numbers, or their sum is not "
                    + "(margin totals beyond the range of a Double, \(formatTotal(.greatestFiniteMagnitude))?)")
        }
        self.checks = Self.checks(variables: variables, targets: targets, before: weights, after: self.weights)
    }

    /// Calibrates another weight vector (a replicate) the same way: same variables, same targets,
    /// same method and convergence settings. Used to calibrate every replicate of a replicate design.
    public func recalibrate(_ w: [Double]) throws(CalibrationError) -> [Double] {
        switch method {
        case .rake:
            return try rake(
                weights: w, variables: variables, targets: targets, epsilon: epsilon,
                maxIterations: maxIterations
            ).weights
        case .poststratify:
            return try postStratify(weights: w, variable: variables[0], targets: targets[0])
        case .linear:
            let (x, names, totals) = calibrationMatrix(variables: variables, targets: targets)
            return try LinearCalibration(weights: w, x: x, totals: totals, names: names).weights
        }
    }

    /// The largest relative gap between an achieved margin and its target.
    public var worstRelativeGap: Double {
        checks.map { abs($0.achieved - $0.target) / max(abs($0.target), .leastNormalMagnitude) }.max() ?? 0
    }

    private static func checks(
        variables: [CalibrationVariable], targets: [[Double]], before: [Double], after: [Double]
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
        return out
    }
}
