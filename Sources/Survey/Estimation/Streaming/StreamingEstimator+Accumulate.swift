import SurveyData
import SurveyNumerics

/// The per-chunk sums of `StreamingEstimator`: replicate totals (and the Gram matrix of the
/// replicate weights) or PSU totals.
extension StreamingEstimator {
    /// Replicate designs: adds the chunk's rows by blocks of `BlockRows.capacity` rows of the
    /// file (`addCells`): the rows that complete a block begun in earlier chunks join the rows
    /// held for it (`pending`), and the block is added in parts; the whole blocks after them are
    /// added from the chunk's columns; the rest is held for the next block. So every block is
    /// added whole, whatever the chunking, and the sums are the same bit for bit.
    mutating func accumulateReplicates(
        _ chunk: Table, weights w: [Double], spec: StreamingReplicates, values: [[Double]], levelIDs: [[Int32]],
        domain: [Int32]?
    ) throws {
        let n = w.count, cap = BlockRows.capacity
        let table = BlockRows(weights: w, replicates: try spec.replicates.map { try chunk.numeric($0) }, values: values,
                              levels: levelIDs, domain: domain, rows: 0..<n, firstRow: rows)
        var start = 0
        if !pending.isEmpty {
            let held = pending.reduce(0) { $0 + $1.rows.count }
            start = min(cap - held, n)
            pending.append(table.taking(0..<start))
            guard held + start == cap else { return }
            let parts = pending
            pending = []
            try addCells(parts)
        }
        while n - start >= cap {
            try addCells([table.taking(start..<(start + cap))])
            start += cap
        }
        if start < n { pending = [table.taking(start..<n)] }
    }

    /// Adds the last, partial block and the sampled rows not yet added, and completes the Gram
    /// matrix's lower triangle (before `estimate`).
    mutating func finishPending() throws {
        if !pending.isEmpty {
            let parts = pending
            pending = []
            try addCells(parts)
        }
        try addSample()
        let r = gram.rows
        for j in 0..<r { for i in 0..<j { gram.storage[j + i * r] = gram.storage[i + j * r] } }
    }

    /// Taylor: each row adds w·x of each quantity to its PSU's total in its slots.
    mutating func accumulatePSUs(
        weights w: [Double], units: [Int32], quantities: [(q: Int, x: [Double]?)], levelQ: [[Int32]], domain: [Int32]?
    ) {
        let width = self.width, slots = self.slots
        totals.withUnsafeMutableBufferPointer { t in
            guard let tp = t.baseAddress else { return }
            for row in 0..<w.count {
                let u = Int(units[row]), wi = w[row]
                let s = domain.map { Int($0[row]) + 1 } ?? 0
                func add(_ q: Int, _ x: Double) {
                    let all = tp + q * slots * width + u
                    all[0] += wi * x
                    if s > 0 { all[s * width] += wi * x }
                }
                for (q, x) in quantities { add(q, x?[row] ?? 1) }
                for ids in levelQ { add(Int(ids[row]), 1) }
            }
        }
    }

    /// Taylor: each row's PSU id (new PSUs numbered as met), or nil for replicate designs.
    /// A cluster id met in two strata is an error unless ids are nested in strata.
    mutating func unitIDs(_ chunk: Table, rowsBefore: Int) throws -> [Int32]? {
        guard case .taylor(_, let strataName, let cluster, let nested) = design else { return nil }
        let n = chunk.rowCount
        let stratumIDs = try strataName.map { try strata.ids(of: chunk.column(crossing: $0)) }
            ?? [Int32](repeating: strata.id(.text("")), count: n)
        let clusterColumn = try chunk.column(named: cluster)
        var local = KeyTable()
        let clusterIDs = local.ids(of: clusterColumn)
        var out = [Int32](repeating: 0, count: n)
        var lastLocal: Int32 = -2, lastStratum: Int32 = -2, lastID: Int32 = 0
        for i in 0..<n {
            let h = stratumIDs[i], c = clusterIDs[i]
            if h < 0 { throw DesignError.missingDesignValue(variable: strataName ?? "strata", row: rowsBefore + i) }
            if c < 0 { throw DesignError.missingDesignValue(variable: cluster, row: rowsBefore + i) }
            if c != lastLocal || h != lastStratum {
                let key = PSUKey(stratum: nested ? h : -1, key: local.keys[Int(c)])
                if let id = psus[key] {
                    if psuStratum[id] != h {
                        throw DesignError.clusterInTwoStrata(
                            cluster: psuLabels[id], strata: (label(strata.keys[Int(psuStratum[id])]), label(strata.keys[Int(h)])))
                    }
                    lastID = Int32(id)
                } else {
                    lastID = Int32(psus.count)
                    psus[key] = psus.count
                    psuStratum.append(h)
                    psuLabels.append(label(local.keys[Int(c)]))
                }
                (lastLocal, lastStratum) = (c, h)
            }
            out[i] = lastID
        }
        return out
    }

    /// A key as text, for messages.
    func label(_ key: KeyTable.Key) -> String {
        switch key {
        case .number(let v): formatNumber(v)
        case .text(let s): s
        }
    }
}
