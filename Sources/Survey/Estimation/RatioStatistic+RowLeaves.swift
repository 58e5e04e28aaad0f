import SurveyNumerics

/// Values and influence totals when every row is its own leaf unit (a one-stage design without
/// clusters, R's `id = ~1`): the leaf sums are the rows' products wᵢxᵢ themselves, so they are
/// formed as they are used instead of stored (`leafSums` keeps n × (1 + domains) doubles per
/// column: 9.2M rows, 10 domains, 2 means, 6.4 GB). Same products, summed in the same order, as
/// `leafSums` + `values(leafSums:)` + `leafInfluence(leafSums:)`, so the same bits. With domains,
/// a (column, domain) pair's leaf sums are wᵢxᵢ on the domain's rows and 0 elsewhere (`leafSums`
/// never adds to them), so its sums skip the other rows and its influence there stays 0.
extension RatioStatistic {
    /// The pairs' totals Σᵢ wᵢxᵢ and the statistic's values, or nil when a column is neither
    /// stored, an indicator nor all ones (the general path takes it).
    func rowLeafTotals(weights w: [Double]) -> RowLeafTotals? {
        guard columns.allSatisfy({ $0.stored != nil || $0.isOnes || $0.indicator != nil }) else { return nil }
        let (list, numerator, denominator) = pairs()
        // Each domain's rows, in order: a domain pair visits only its own rows.
        var domainRows = [[Int32]](repeating: [], count: domainCodes == nil ? 0 : domainCount)
        if let codes = domainCodes {
            for (i, d) in codes.enumerated() where d >= 0 && Int(d) < domainRows.count { domainRows[Int(d)].append(Int32(i)) }
        }
        // From 0 in row order (as `reduce(0, +)` over the leaf sums; the zeros of other domains'
        // rows add nothing: a sum started at +0 is never −0).
        let totals = list.indices.map { p -> Double in
            var s = 0.0
            eachProduct(p, list: list, domainRows: domainRows, weights: w, rows: 0..<w.count) { _, v in s += v }
            return s
        }
        let values = terms.indices.map { t in denominator[t].map { totals[numerator[t]] / totals[$0] } ?? totals[numerator[t]] }
        return RowLeafTotals(list: list, domainRows: domainRows, numerator: numerator, denominator: denominator,
                             totals: totals, values: values)
    }

    /// Influence totals of rows `rows` into `out` (column t at `out + t·ld`, row i at offset
    /// i − rows.lowerBound; rows outside a term's domain get 0): (aᵢ − θbᵢ)/B̂ for a ratio, aᵢ for
    /// a total, as `leafInfluence(leafSums:)` computes them.
    func rowLeafInfluence(_ totals: RowLeafTotals, weights w: [Double], rows: Range<Int>,
                          into out: UnsafeMutablePointer<Double>, ld: Int) {
        let from = rows.lowerBound, count = rows.count
        for t in terms.indices {
            let column = out + t * ld
            let p = totals.numerator[t]
            if totals.list[p].slot == 0 {
                // Every row has a product: written straight, no zeros first.
                withDenseFactor(p, list: totals.list, weights: w, from: from) { weight, factor in
                    switch factor {
                    case .stored(let x): for r in 0..<count { column[r] = weight[r] * x[r] }
                    case .indicator(let c, let level): for r in 0..<count { column[r] = weight[r] * (c[r] == level ? 1 : 0) }
                    case .one: column.update(from: weight, count: count)
                    }
                }
            } else {
                column.update(repeating: 0, count: rows.count)
                eachProduct(p, list: totals.list, domainRows: totals.domainRows, weights: w, rows: rows) { i, a in
                    column[i - from] = a
                }
            }
            if let d = totals.denominator[t] {
                let theta = totals.values[t], scale = 1 / totals.totals[d]
                if totals.list[d].slot == 0 {
                    withDenseFactor(d, list: totals.list, weights: w, from: from) { weight, factor in
                        switch factor {
                        case .stored(let y):
                            for r in 0..<count { column[r] = (column[r] - theta * (weight[r] * y[r])) * scale }
                        case .indicator(let c, let level):
                            for r in 0..<count { column[r] = (column[r] - theta * (weight[r] * (c[r] == level ? 1 : 0))) * scale }
                        case .one:
                            for r in 0..<count { column[r] = (column[r] - theta * weight[r]) * scale }
                        }
                    }
                } else {
                    eachProduct(d, list: totals.list, domainRows: totals.domainRows, weights: w, rows: rows) { i, b in
                        column[i - from] = (column[i - from] - theta * b) * scale
                    }
                }
            }
        }
    }

    /// What multiplies the weight in a pair's products wᵢxᵢ: a stored column, a level indicator, or 1.
    private enum DenseFactor {
        case stored(UnsafePointer<Double>)
        case indicator(UnsafePointer<Int32>, Int32)
        case one
    }

    /// Calls `body` once with the weights and pair `p`'s factor, each from row `from` on, so the
    /// caller's loop over the rows computes each product wᵢxᵢ inline (the same products as
    /// `eachProduct`'s, without a closure call per row).
    private func withDenseFactor(_ p: Int, list: [(column: Int, slot: Int)], weights w: [Double], from: Int,
                                 _ body: (UnsafePointer<Double>, DenseFactor) -> Void) {
        w.withUnsafeBufferPointer { wp in
            guard let weight = wp.baseAddress.map({ $0 + from }) else { return }
            let column = columns[list[p].column]
            if let stored = column.stored {
                stored.withUnsafeBufferPointer { xp in xp.baseAddress.map { body(weight, .stored($0 + from)) } }
            } else if let (levels, level) = column.indicator {
                levels.withUnsafeBufferPointer { cp in cp.baseAddress.map { body(weight, .indicator($0 + from, level)) } }
            } else {
                body(weight, .one)
            }
        }
    }

    /// The whole n × k influence matrix (for variances the blockwise path does not cover).
    func rowLeafInfluenceMatrix(_ totals: RowLeafTotals, weights w: [Double]) -> Matrix {
        var u = Matrix(rows: w.count, columns: terms.count)
        u.storage.withUnsafeMutableBufferPointer { out in
            guard let base = out.baseAddress else { return }
            rowLeafInfluence(totals, weights: w, rows: 0..<w.count, into: base, ld: w.count)
        }
        return u
    }

    /// Values and the whole n × k influence matrix.
    func rowLeafEstimates(weights w: [Double]) -> (values: [Double], influence: Matrix)? {
        rowLeafTotals(weights: w).map { ($0.values, rowLeafInfluenceMatrix($0, weights: w)) }
    }

    /// Calls `body` with wᵢxᵢ of pair `p` for every row i of `rows` in its slot, in row order.
    private func eachProduct(_ p: Int, list: [(column: Int, slot: Int)], domainRows: [[Int32]], weights w: [Double],
                             rows: Range<Int>, _ body: (Int, Double) -> Void) {
        let slot = list[p].slot
        let members = slot == 0 ? [] : domainRows[slot - 1]
        w.withUnsafeBufferPointer { wp in
            members.withUnsafeBufferPointer { m in
                func each(_ x: (Int) -> Double) {
                    if slot == 0 {
                        for i in rows { body(i, wp[i] * x(i)) }
                        return
                    }
                    // The domain's first row at or after rows.lowerBound (binary search), then on in order.
                    var lo = 0, hi = m.count
                    while lo < hi {
                        let mid = (lo + hi) / 2
                        if Int(m[mid]) < rows.lowerBound { lo = mid + 1 } else { hi = mid }
                    }
                    while lo < m.count {
                        let i = Int(m[lo])
                        if i >= rows.upperBound { break }
                        body(i, wp[i] * x(i))
                        lo += 1
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
}

/// What `rowLeafInfluence` needs besides the rows: the (column, slot) pairs, each domain's rows,
/// each term's numerator and denominator pair, the pairs' totals and the statistic's values.
struct RowLeafTotals {
    let list: [(column: Int, slot: Int)]
    /// Each domain's rows in increasing order (empty without domains).
    let domainRows: [[Int32]]
    let numerator: [Int]
    let denominator: [Int?]
    let totals: [Double]
    let values: [Double]
}
