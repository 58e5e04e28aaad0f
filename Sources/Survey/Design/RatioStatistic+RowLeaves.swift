/// Values and influence totals when every row is its own leaf unit (a one-stage design without
/// clusters, R's `id = ~1`): the leaf sums are the rows' products wᵢxᵢ themselves, so they are
/// formed as they are used instead of stored — n doubles per column less (10M rows, 5 means: 480
/// MB). Same products, summed in the same order, as `leafSums` + `values(leafSums:)` +
/// `leafInfluence(leafSums:)`, so the same bits.
extension RatioStatistic {
    /// Nil when a column is neither stored, an indicator nor all ones. With domains, a (column, domain) pair's
    /// leaf sums are wᵢxᵢ on the domain's rows and 0 elsewhere (`leafSums` never adds to them), so
    /// the sums skip the other rows and their influence stays 0 — n × (1 + domains) doubles per
    /// column not stored (9.2M rows, 10 domains, 2 means: 6.4 GB of new memory before).
    func rowLeafEstimates(weights w: [Double]) -> (values: [Double], influence: Matrix)? {
        guard columns.allSatisfy({ $0.stored != nil || $0.isOnes || $0.indicator != nil }) else { return nil }
        let (list, numerator, denominator) = pairs()
        let n = w.count, codes = domainCodes ?? []
        /// Calls `body` with wᵢxᵢ of pair `p` for every row i of its slot, in row order.
        func products(_ p: Int, _ body: (Int, Double) -> Void) {
            let slot = list[p].slot, domain = Int32(slot - 1)
            w.withUnsafeBufferPointer { wp in
                codes.withUnsafeBufferPointer { d in
                    func each(_ x: (Int) -> Double) {
                        if slot == 0 {
                            for i in 0..<n { body(i, wp[i] * x(i)) }
                        } else {
                            for i in 0..<n where d[i] == domain { body(i, wp[i] * x(i)) }
                        }
                    }
                    let column = columns[list[p].column]
                    if let stored = column.stored {
                        stored.withUnsafeBufferPointer { xp in each { xp[$0] } }
                    } else if let (levels, level) = column.indicator {
                        levels.withUnsafeBufferPointer { c in each { c[$0] == level ? 1 : 0 } }
                    } else {
                        each { _ in 1 }
                    }
                }
            }
        }
        // Σᵢ wᵢxᵢ per pair, from 0 in row order (as `reduce(0, +)` over the leaf sums; the zeros
        // of other domains' rows add nothing: a sum started at +0 is never −0).
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
