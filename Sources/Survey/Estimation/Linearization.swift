import SurveyNumerics

/// Taylor-linearization variance: the design covariance of estimated totals of *influence values*.
///
/// Any smooth estimator θ̂ is linearized as θ̂ − θ ≈ Σᵢ uᵢ, with uᵢ the (weighted) influence value
/// of row i: `wᵢ·(xᵢ − x̄)/Σw` for a mean, `wᵢ·xᵢ` for a total, `wᵢ·(aᵢ − R̂·bᵢ)/B̂` for a ratio.
/// Its variance is the design variance of a total of the uᵢ, which is all this file computes —
/// R `survey`'s `svyrecvar` (`multistage` → `onestage` → `onestrat`) with the recursion flattened
/// over stages (see `VarianceStage`).
///
/// Goals, in order: 1. match R `survey` 4.x (including each lonely-PSU policy); 2. speed — rows
/// are summed into leaf units once, then each stage is a contiguous pass and one `dsyrk`.
extension SurveyDesign {
    /// Design covariance (k × k) of the column totals of an `n × k` influence matrix whose
    /// entries are already weighted (as R's `x * pweights / psum` for a mean, `x / prob` for a total).
    ///
    /// This is the entry point for any estimator not built in (regression, Rao–Scott…): supply the
    /// influence matrix, get the covariance. Rows outside a domain simply carry zeros. On a
    /// calibrated design the influence values are first residualized by the calibration.
    ///
    /// Example — the covariance of two means x̄, ȳ (influence wᵢ(xᵢ − x̄)/Σw):
    ///
    ///     let u = try Matrix(columns: [x, y].map { v in
    ///         let m = zip(w, v).reduce(0) { $0 + $1.0 * $1.1 } / w.reduce(0, +)
    ///         return zip(w, v).map { $0 * ($1 - m) / w.reduce(0, +) } })
    ///     let cov = try design.variance(influence: u)   // 2 × 2
    public func variance(influence: Matrix) throws -> Matrix {
        guard influence.rows == rowCount else {
            throw DesignError.lengthMismatch("influence matrix has \(influence.rows) rows, design has \(rowCount)")
        }
        let adjusted = try calibration.map { try $0.residualize(influence) } ?? influence
        return try variance(leafTotals: leafTotals(of: adjusted))
    }

    /// Sums an `n × k` influence matrix into the design's leaf units (`leafCount × k`).
    public func leafTotals(of influence: Matrix) -> Matrix {
        let k = influence.columns, n = rowCount, leaves = leafCount
        var out = Matrix(rows: leaves, columns: k)
        influence.storage.withUnsafeBufferPointer { src in
            leafOfRow.withUnsafeBufferPointer { leaf in
                out.storage.withUnsafeMutableBufferPointer { dst in
                    for j in 0..<k {
                        let s = j * n, d = j * leaves
                        for i in 0..<n { dst[d + Int(leaf[i])] += src[s + i] }
                    }
                }
            }
        }
        return out
    }

    /// Design covariance from influence totals per leaf unit (`leafCount × k`).
    /// The last stage takes the totals over (centred in place: no copy of leaves × k doubles).
    func variance(leafTotals: consuming Matrix) throws -> Matrix {
        let k = leafTotals.columns
        var v = Matrix(rows: k, columns: k)
        for stage in stages.dropLast() {
            try addStageVariance(stage, leafTotals: copy leafTotals, into: &v)
        }
        if let last = stages.last {
            try addStageVariance(last, leafTotals: leafTotals, into: &v)
        }
        return v
    }

    /// One stage: cluster totals, centred within strata, scaled, and crossproduct into `v`.
    private func addStageVariance(_ stage: VarianceStage, leafTotals: consuming Matrix, into v: inout Matrix) throws {
        let k = leafTotals.columns, clusters = stage.clusterCount, strataCount = stage.sampled.count
        let leaves = leafTotals.rows
        // Cluster totals (identity when leaves are the stage clusters, e.g. single-stage designs).
        var y: [Double]
        let identity = clusters == leaves && stage.clusterOfLeaf.enumerated().allSatisfy { $0.offset == Int($0.element) }
        if identity {
            y = (consume leafTotals).storage
        } else {
            y = [Double](repeating: 0, count: clusters * k)
            leafTotals.storage.withUnsafeBufferPointer { src in
                y.withUnsafeMutableBufferPointer { dst in
                    for j in 0..<k {
                        for l in 0..<leaves { dst[j * clusters + Int(stage.clusterOfLeaf[l])] += src[j * leaves + l] }
                    }
                }
            }
        }
        let (coef, centred, missing) = stratumScaling(stage)
        // `average`: each recursion group's sum is scaled by #strata / #strata not NA, counting
        // (per column, as R evaluates each domain on its own subset) only strata whose clusters
        // carry a non-zero total in that column — R's domain subsets drop the other strata.
        var columnScale: [Double]? = nil
        if lonelyPSU == .average && missing.contains(true) {
            let groups = stage.groupCount
            var scales = [Double](repeating: 1, count: groups * k)
            var present = [Bool](repeating: false, count: strataCount)
            for j in 0..<k {
                for h in 0..<strataCount { present[h] = false }
                for c in 0..<clusters where y[j * clusters + c] != 0 { present[Int(stage.stratumOfCluster[c])] = true }
                var total = [Int](repeating: 0, count: groups), ok = [Int](repeating: 0, count: groups)
                for h in 0..<strataCount where present[h] {
                    let g = Int(stage.group[h])
                    total[g] += 1
                    if !missing[h] { ok[g] += 1 }
                }
                for g in 0..<groups where total[g] != ok[g] {
                    scales[g * k + j] = Double(total[g]) / Double(ok[g])   // 0 strata left: ∞ → NaN as R
                }
            }
            columnScale = scales
        }
        // Centre within strata and scale by √coef.
        var mean = [Double](repeating: 0, count: strataCount)
        let root = coef.map { $0.squareRoot() }
        y.withUnsafeMutableBufferPointer { yp in
            for j in 0..<k {
                for h in 0..<strataCount { mean[h] = 0 }
                let base = j * clusters
                for c in 0..<clusters { mean[Int(stage.stratumOfCluster[c])] += yp[base + c] }
                for h in 0..<strataCount where stage.sampled[h] > 0 {
                    mean[h] = centred[h] ? mean[h] / Double(stage.sampled[h]) : 0
                }
                for c in 0..<clusters {
                    let h = Int(stage.stratumOfCluster[c])
                    var value = (yp[base + c] - mean[h]) * root[h]
                    if let columnScale, !missing[h] { value *= columnScale[Int(stage.group[h]) * k + j].squareRoot() }
                    yp[base + c] = value
                }
            }
        }
        try v.addCrossproduct(of: y, rows: clusters)
    }

    /// Per stratum of `stage`: scale² n/(n − 1)·f·m, whether it is centred, and whether it is NA
    /// under `average` (R's onestrat handling of a one-PSU stratum).
    func stratumScaling(_ stage: VarianceStage) -> (coef: [Double], centred: [Bool], missing: [Bool]) {
        let strataCount = stage.sampled.count
        var coef = [Double](repeating: 0, count: strataCount)
        var centred = [Bool](repeating: true, count: strataCount)
        var missing = [Bool](repeating: false, count: strataCount)
        for h in 0..<strataCount {
            let n = stage.sampled[h], f = stage.factor[h], m = stage.multiplier[h]
            if n == 0 || m == 0 || f < 1e-7 { continue }
            if n > 1 {
                coef[h] = m * f * Double(n) / Double(n - 1)
            } else {
                switch lonelyPSU {
                case .adjust: coef[h] = m * f; centred[h] = false
                case .average: missing[h] = true
                case .remove, .certainty, .fail: break
                }
            }
        }
        return (coef, centred, missing)
    }
}
