/// Post-stratification, as R `survey::postStratify`: every row of post-stratum `l` has its weight
/// multiplied by `N_l / Ŵ_l`, the population count over the sample's weight sum in that stratum,
/// so the new weights reproduce each stratum's population count exactly (one step, no iterations).
///
/// Throws `emptyCell` when a stratum with a positive population count has zero sample weight
/// (R: "Some strata absent from sample"). A stratum with count 0 and no sample weight is ignored.
public func postStratify(
    weights: [Double], variable: CalibrationVariable, targets: [Double]
) throws(CalibrationError) -> [Double] {
    try checkWeights(weights)
    guard targets.count == variable.levels.count else {
        throw .unsupported("post-stratification needs one population count per level of '\(variable.name)'")
    }
    var sums = [Double](repeating: 0, count: targets.count)
    for i in 0..<weights.count { sums[Int(variable.codes[i])] += weights[i] }
    var ratio = [Double](repeating: 1, count: targets.count)
    for l in 0..<targets.count {
        if sums[l] > 0 {
            ratio[l] = targets[l] / sums[l]
        } else if targets[l] > 0 {
            throw .emptyCell(variable: variable.name, level: variable.levels[l])
        }
    }
    return (0..<weights.count).map { weights[$0] * ratio[Int(variable.codes[$0])] }
}
