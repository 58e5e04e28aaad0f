import SurveyNumerics

/// The variance of a one-stage design whose PSUs are its rows (no clusters: R's `id = ~1`) with
/// the influence totals formed a block of rows at a time (`RatioStatistic.rowLeafInfluence`)
/// instead of as an n × k matrix (9.2M rows, 50 proportions by domain: 3.7 GB): a first pass sums
/// them per stratum, a second centres and scales each block as `addStageVariance` does and adds its
/// crossproduct (BLAS `dsyrk`). The same centred values; the crossproduct is summed block by block
/// instead of in one call, so its last bits may differ.
extension SurveyDesign {
    /// Rows per block: the block (rows × k doubles) stays in cache.
    static let rowLeafBlock = 2048

    /// Nil where the general path is needed: several stages, clusters, or `lonelyPSU = average`
    /// (which rescales per column by the strata present).
    func rowLeafVariance(_ statistic: RatioStatistic, totals: RowLeafTotals) throws -> Matrix? {
        guard stages.count == 1, lonelyPSU != .average, let stage = stages.first, stage.clusterCount == rowCount,
              stage.clusterOfLeaf.count == rowCount,
              stage.clusterOfLeaf.enumerated().allSatisfy({ $0.offset == Int($0.element) }) else { return nil }
        let k = statistic.terms.count, n = rowCount, strata = stage.sampled.count, size = Self.rowLeafBlock
        var v = Matrix(rows: k, columns: k)
        guard k > 0, n > 0 else { return v }
        let (coef, centred, _) = stratumScaling(stage)
        let root = coef.map { $0.squareRoot() }
        var buffer = [Double](repeating: 0, count: size * k)
        // Per term and stratum (t · strata + h): the sum of the influence totals, in row order.
        var mean = [Double](repeating: 0, count: k * strata)
        try stage.stratumOfCluster.withUnsafeBufferPointer { stratumOf in
            try buffer.withUnsafeMutableBufferPointer { b in
                guard let base = b.baseAddress else { return }
                var start = 0
                while start < n {
                    let end = min(start + size, n), rows = end - start
                    statistic.rowLeafInfluence(totals, weights: weights, rows: start..<end, into: base, ld: rows)
                    for t in 0..<k {
                        for r in 0..<rows { mean[t * strata + Int(stratumOf[start + r])] += base[t * rows + r] }
                    }
                    start = end
                }
                for t in 0..<k {
                    for h in 0..<strata where stage.sampled[h] > 0 {
                        mean[t * strata + h] = centred[h] ? mean[t * strata + h] / Double(stage.sampled[h]) : 0
                    }
                }
                start = 0
                while start < n {
                    let end = min(start + size, n), rows = end - start
                    statistic.rowLeafInfluence(totals, weights: weights, rows: start..<end, into: base, ld: rows)
                    for t in 0..<k {
                        for r in 0..<rows {
                            let h = Int(stratumOf[start + r])
                            base[t * rows + r] = (base[t * rows + r] - mean[t * strata + h]) * root[h]
                        }
                    }
                    try v.addCrossproduct(of: UnsafeBufferPointer(start: base, count: rows * k), rows: rows)
                    start = end
                }
            }
        }
        return v
    }
}
