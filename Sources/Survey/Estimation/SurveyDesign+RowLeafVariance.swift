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
        try buffer.withUnsafeMutableBufferPointer { b in
            try stage.stratumOfCluster.withUnsafeBufferPointer { s in
                guard let base = b.baseAddress, let stratum = s.baseAddress else { return }
                // Per term and stratum (t · strata + h): the mean of the influence totals (their
                // sum in row order, over the stratum's rows; 0 where the stratum is not centred).
                var mean = [Double](repeating: 0, count: k * strata)
                mean.withUnsafeMutableBufferPointer { m in
                    guard let sums = m.baseAddress else { return }
                    forEachInfluenceBlock(statistic, totals, into: base) { start, rows in
                        Self.addStratumSums(base, rows: rows, terms: k, strata: stratum + start, into: sums, stride: strata)
                    }
                }
                for t in 0..<k {
                    for h in 0..<strata where stage.sampled[h] > 0 {
                        mean[t * strata + h] = centred[h] ? mean[t * strata + h] / Double(stage.sampled[h]) : 0
                    }
                }
                try mean.withUnsafeBufferPointer { m in
                    try root.withUnsafeBufferPointer { r in
                        guard let means = m.baseAddress, let scales = r.baseAddress else { return }
                        try forEachInfluenceBlock(statistic, totals, into: base) { start, rows in
                            let one = Self.oneStratum(stratum + start, rows: rows)
                            for t in 0..<k {
                                Self.centre(base + t * rows, rows: rows, strata: stratum + start, one: one,
                                            means: means + t * strata, scales: scales)
                            }
                            try v.addCrossproduct(of: UnsafeBufferPointer(start: base, count: rows * k), rows: rows)
                        }
                    }
                }
            }
        }
        return v
    }

    /// Calls `body` with each block of `rowLeafBlock` rows (its first row and row count) after
    /// writing the block's influence totals to `out` (term t's at `out + t · rows`).
    private func forEachInfluenceBlock(_ statistic: RatioStatistic, _ totals: RowLeafTotals, into out: UnsafeMutablePointer<Double>,
                                       _ body: (Int, Int) throws -> Void) rethrows {
        var start = 0
        while start < rowCount {
            let end = min(start + Self.rowLeafBlock, rowCount)
            statistic.rowLeafInfluence(totals, weights: weights, rows: start..<end, into: out, ld: end - start)
            try body(start, end - start)
            start = end
        }
    }

    /// Adds a block's influence totals (`terms` columns of `rows`) to their strata's sums (term t,
    /// stratum h at `sums[t · stride + h]`), each in row order. In a block of one stratum, four
    /// terms' sums go side by side (independent chains of additions; the same additions per term).
    private static func addStratumSums(_ block: UnsafePointer<Double>, rows: Int, terms k: Int, strata stratum: UnsafePointer<Int32>,
                                       into sums: UnsafeMutablePointer<Double>, stride: Int) {
        let one = oneStratum(stratum, rows: rows)
        var t = 0
        if one {
            let h = Int(stratum[0])
            while t + 4 <= k {
                addFour(block + t * rows, rows: rows, into: sums + t * stride + h, stride: stride)
                t += 4
            }
        }
        while t < k {
            addByStratum(block + t * rows, rows: rows, strata: stratum, one: one, into: sums + t * stride)
            t += 1
        }
    }

    /// Whether rows `0..<rows` all lie in one stratum (always, in a design without strata).
    private static func oneStratum(_ stratum: UnsafePointer<Int32>, rows: Int) -> Bool {
        var differ: Int32 = 0
        for r in 0..<rows { differ |= stratum[r] ^ stratum[0] }
        return differ == 0
    }

    /// Adds each of `rows` values to its stratum's sum (`sums[stratum[r]]`), in row order. A sum
    /// stays in a register while the stratum does (rows come sorted by stratum, or all in one),
    /// instead of going through memory on every row: the same additions in the same order.
    private static func addByStratum(_ values: UnsafePointer<Double>, rows: Int, strata stratum: UnsafePointer<Int32>,
                                     one: Bool, into sums: UnsafeMutablePointer<Double>) {
        guard rows > 0 else { return }
        var h = Int(stratum[0]), sum = sums[h]
        if one {
            // One stratum (a design without strata): no test per row.
            for r in 0..<rows { sum += values[r] }
            sums[h] = sum
            return
        }
        for r in 0..<rows {
            let g = Int(stratum[r])
            if g != h {
                sums[h] = sum
                h = g
                sum = sums[h]
            }
            sum += values[r]
        }
        sums[h] = sum
    }

    /// Adds the `rows` values of four consecutive columns (`rows` apart) each to its own sum
    /// (`sums[0]`, `sums[stride]`, …), in row order: the additions of `addByStratum` for one
    /// stratum, four chains at a time.
    private static func addFour(_ values: UnsafePointer<Double>, rows: Int, into sums: UnsafeMutablePointer<Double>, stride: Int) {
        let (a, b, c, d) = (values, values + rows, values + 2 * rows, values + 3 * rows)
        var (s0, s1, s2, s3) = (sums[0], sums[stride], sums[2 * stride], sums[3 * stride])
        for r in 0..<rows {
            s0 += a[r]
            s1 += b[r]
            s2 += c[r]
            s3 += d[r]
        }
        (sums[0], sums[stride], sums[2 * stride], sums[3 * stride]) = (s0, s1, s2, s3)
    }

    /// Replaces each of `rows` values x by (x − its stratum's mean) × its stratum's scale.
    private static func centre(_ values: UnsafeMutablePointer<Double>, rows: Int, strata stratum: UnsafePointer<Int32>,
                               one: Bool, means: UnsafePointer<Double>, scales: UnsafePointer<Double>) {
        guard rows > 0 else { return }
        if one {
            let h = Int(stratum[0]), mean = means[h], scale = scales[h]
            for r in 0..<rows { values[r] = (values[r] - mean) * scale }
            return
        }
        var h = -1, mean = 0.0, scale = 0.0
        for r in 0..<rows {
            let g = Int(stratum[r])
            if g != h {
                h = g
                mean = means[h]
                scale = scales[h]
            }
            values[r] = (values[r] - mean) * scale
        }
    }
}
