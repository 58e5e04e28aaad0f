/// The per-chunk sums of `StreamingEstimator`: replicate totals (and the Gram matrix of the
/// replicate weights) or PSU totals.
extension StreamingEstimator {
    /// Rows per block: the block's weights, row-major (1 + R per row), stay in L1/L2.
    static let blockRows = 1024

    /// Replicate designs: for each row, each quantity x adds x·(w, a₁…a_R) into its all-rows slot
    /// and its domain slot; each block's replicate weights add to the Gram matrix (`dsyrk`).
    mutating func accumulateReplicates(
        _ chunk: Table, weights w: [Double], spec: StreamingReplicates, quantities: [(q: Int, x: [Double]?)],
        levelQ: [[Int32]], domain: [Int32]?
    ) throws {
        let r = spec.replicates.count, width = self.width, slots = self.slots, n = w.count
        let columns = try spec.replicates.map { name in
            let a = try chunk.numeric(name)
            if let i = a.firstIndex(where: { !$0.isFinite }) {
                throw DesignError.invalidReplicates("replicate weight '\(name)' is not a finite number at row \(rows + i + 1)")
            }
            return a
        }
        var block = [Double](repeating: 0, count: Self.blockRows * width)
        var panel = [Double](repeating: 0, count: Self.blockRows * r)
        var start = 0
        while start < n {
            let length = min(Self.blockRows, n - start)
            for i in 0..<length { block[i * width] = w[start + i] }
            for (j, a) in columns.enumerated() {
                for i in 0..<length {
                    block[i * width + 1 + j] = a[start + i]
                    panel[j * length + i] = a[start + i]
                }
            }
            try gram.addCrossproduct(of: Array(panel[0..<(length * r)]), rows: length)
            block.withUnsafeBufferPointer { b in
                totals.withUnsafeMutableBufferPointer { t in
                    guard let bp = b.baseAddress, let tp = t.baseAddress else { return }
                    for i in 0..<length {
                        let row = start + i, src = bp + i * width
                        let s = domain.map { Int($0[row]) + 1 } ?? 0
                        func add(_ q: Int, _ x: Double) {
                            let all = tp + q * slots * width
                            for u in 0..<width { all[u] += x * src[u] }
                            if s > 0 {
                                let dom = all + s * width
                                for u in 0..<width { dom[u] += x * src[u] }
                            }
                        }
                        for (q, x) in quantities { add(q, x?[row] ?? 1) }
                        for ids in levelQ { add(Int(ids[row]), 1) }
                    }
                }
            }
            start += length
        }
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
        let stratumIDs = try strataName.map { try strata.ids(of: chunk.column(named: $0)) }
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
