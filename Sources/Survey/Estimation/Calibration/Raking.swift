/// Raking by iterative proportional fitting (IPF), as R `survey::rake`.
///
/// One iteration ("sweep") post-stratifies to each margin in turn: every row of level `l` of the
/// margin's variable is multiplied by `target_l / current_l`. IPF converges to the weights closest
/// to the starting ones in the Kullback–Leibler sense that meet every margin. Because all rows of a
/// cell of the cross-classification get the same factor, the sweeps run on cell totals and the rows
/// are touched twice (to sum the cells, to apply the factors).
///
/// Convergence: stop after the first sweep in which no step changed any weight by more than
/// `epsilon` relatively (default 1e-10), i.e. every step's factor was within `epsilon` of 1, so
/// every margin holds to about `epsilon`. (Comparing weights only between whole sweeps is not
/// enough: contradictory margins can cycle within a sweep and return to the same weights.) If `maxIterations` sweeps pass first, the error names the margin
/// furthest (relatively) from its target.
public struct RakingResult: Sendable, Equatable {
    /// Calibrated weights, one per row.
    public let weights: [Double]
    /// Number of sweeps performed.
    public let iterations: Int
    /// Whether the convergence test was met (false only with `throwIfNotConverged: false`).
    public let converged: Bool
    /// Weights after each margin's step of the last sweep (`stepWeights[k]` after margin `k`);
    /// R's `rake` keeps these as the post-strata whose influence it removes from variances.
    public let stepFactors: [[Double]]
    /// Cell of every row and level of every cell (shared by `stepFactors`).
    let cells: CrossClassification

    /// The weights after margin `k`'s step of the last sweep: base weight × cell factor.
    public func stepWeights(_ k: Int, base: [Double]) -> [Double] {
        let f = stepFactors[k]
        return (0..<base.count).map { base[$0] * f[Int(cells.cellOfRow[$0])] }
    }

    public static func == (a: RakingResult, b: RakingResult) -> Bool {
        a.weights == b.weights && a.iterations == b.iterations && a.converged == b.converged
            && a.stepFactors == b.stepFactors
    }
}

/// Rakes `weights` so that, for every variable, the weights of each level sum to its target.
///
/// - Parameters:
///   - weights: starting (design) weights; finite and non-negative, not all zero.
///   - variables: the calibration variables, classified by their margins' levels.
///   - targets: `targets[k][l]`, population total of level `l` of variable `k`.
///   - epsilon: convergence bound on the largest relative weight change in a sweep.
///   - maxIterations: most sweeps before `CalibrationError.notConverged`.
///   - throwIfNotConverged: false returns the weights of the last sweep with `converged == false`.
public func rake(
    weights: [Double], variables: [CalibrationVariable], targets: [[Double]],
    epsilon: Double = 1e-10, maxIterations: Int = 1000, throwIfNotConverged: Bool = true
) throws(CalibrationError) -> RakingResult {
    try checkWeights(weights)
    guard variables.count == targets.count, !variables.isEmpty else {
        throw .unsupported("raking needs at least one margin, and one target list per variable")
    }
    let cells = CrossClassification(variables)
    let base = cells.cellSums(weights)
    let nc = cells.cellCount
    var factor = [Double](repeating: 1, count: nc)
    var stepFactors = [[Double]](repeating: [], count: variables.count)
    var iterations = 0
    var converged = false
    while iterations < maxIterations {
        iterations += 1
        var change = 0.0
        for (k, v) in variables.enumerated() {
            var current = [Double](repeating: 0, count: v.levels.count)
            for c in 0..<nc { current[Int(cells.levelOfCell[k][c])] += base[c] * factor[c] }
            var ratio = [Double](repeating: 1, count: v.levels.count)
            for l in 0..<v.levels.count {
                if current[l] > 0 {
                    ratio[l] = targets[k][l] / current[l]
                    change = max(change, abs(ratio[l] - 1))
                } else if targets[k][l] > 0 {
                    throw .emptyCell(variable: v.name, level: v.levels[l])
                }
            }
            for c in 0..<nc { factor[c] *= ratio[Int(cells.levelOfCell[k][c])] }
            stepFactors[k] = factor
        }
        if change < epsilon {
            converged = true
            break
        }
    }
    if !converged && throwIfNotConverged {
        var worst = (k: 0, l: 0, target: 0.0, achieved: 0.0, relative: -1.0)
        for (k, v) in variables.enumerated() {
            var achieved = [Double](repeating: 0, count: v.levels.count)
            for c in 0..<nc { achieved[Int(cells.levelOfCell[k][c])] += base[c] * factor[c] }
            for l in 0..<v.levels.count {
                let rel = abs(achieved[l] - targets[k][l]) / max(abs(targets[k][l]), .leastNormalMagnitude)
                if rel > worst.relative { worst = (k, l, targets[k][l], achieved[l], rel) }
            }
        }
        throw .notConverged(
            iterations: iterations, variable: variables[worst.k].name,
            level: variables[worst.k].levels[worst.l], target: worst.target, achieved: worst.achieved)
    }
    let calibrated = (0..<weights.count).map { weights[$0] * factor[Int(cells.cellOfRow[$0])] }
    return RakingResult(
        weights: calibrated, iterations: iterations, converged: converged, stepFactors: stepFactors, cells: cells)
}

/// Throws unless every weight is finite and non-negative and their sum is positive.
func checkWeights(_ weights: [Double]) throws(CalibrationError) {
    var sum = 0.0
    for (i, w) in weights.enumerated() {
        guard w.isFinite, w >= 0 else {
            throw .badWeights("weight in row \(i + 1) is \(w.isNaN ? "missing" : String(w)); weights must be non-negative numbers")
        }
        sum += w
    }
    guard sum > 0 else { throw .badWeights("the weights sum to zero") }
}
