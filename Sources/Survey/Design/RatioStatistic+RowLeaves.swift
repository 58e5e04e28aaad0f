/// Values and influence totals when every row is its own leaf unit (a one-stage design without
/// clusters, R's `id = ~1`): the leaf sums are the rows' products wᵢxᵢ themselves, so they are
/// formed as they are used instead of stored — n doubles per column less (10M rows, 5 means: 480
/// MB). Same products, summed in the same order, as `leafSums` + `values(leafSums:)` +
/// `leafInfluence(leafSums:)`, so the same bits.
extension RatioStatistic {
    /// Nil when the statistic has domains or a column that is neither stored nor all ones.
    func rowLeafEstimates(weights w: [Double]) -> (values: [Double], influence: Matrix)? {
        guard domainCodes == nil, columns.allSatisfy({ $0.stored != nil || $0.isOnes }) else { return nil }
        let (list, numerator, denominator) = pairs()
        let n = w.count
        /// Calls `body` with wᵢxᵢ of pair `p` for every row i, in row order.
        func products(_ p: Int, _ body: (Int, Double) -> Void) {
            w.withUnsafeBufferPointer { wp in
                if let x = columns[list[p].column].stored {
                    x.withUnsafeBufferPointer { xp in for i in 0..<n { body(i, wp[i] * xp[i]) } }
                } else {
                    for i in 0..<n { body(i, wp[i] * 1) }
                }
            }
        }
        // Σᵢ wᵢxᵢ per pair, from 0 in row order (as `reduce(0, +)` over the leaf sums).
        let totals = list.indices.map { p -> Double in
            var s = 0.0
            products(p) { _, v in s += v }
            return s
        }
        let values = terms.indices.map { t in denominator[t].map { totals[numerator[t]] / totals[$0] } ?? totals[numerator[t]] }
        var u = Matrix(rows: n, columns: terms.count)
        u.storage.withUnsafeMutableBufferPointer { out in
            for t in terms.indices {
                let base = t * n
                products(numerator[t]) { i, a in out[base + i] = a }
                if let d = denominator[t] {
                    let theta = values[t], scale = 1 / totals[d]
                    products(d) { i, b in out[base + i] = (out[base + i] - theta * b) * scale }
                }
            }
        }
        return (values, u)
    }
}
