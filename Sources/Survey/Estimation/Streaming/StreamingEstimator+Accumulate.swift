import SurveyData
import SurveyNumerics

/// The per-chunk sums of `StreamingEstimator`: replicate totals (and the Gram matrix of the
/// replicate weights) or PSU totals.
extension StreamingEstimator {
    /// Replicate designs: adds the chunk's rows by blocks of `ReplicateBlock.capacity` rows of the
    /// file (`addCells`): the rows that complete a block begun in an earlier chunk join it in the
    /// pending block, which is then added; the whole blocks after them are added in place, from
    /// the chunk's columns; the rest begins the next pending block. So every block is added whole,
    /// whatever the chunking, and the sums are the same bit for bit.
    mutating func accumulateReplicates(
        _ chunk: Table, weights w: [Double], spec: StreamingReplicates, values: [[Double]], levelIDs: [[Int32]],
        domain: [Int32]?
    ) throws {
        let n = w.count, cap = ReplicateBlock.capacity
        let columns = try spec.replicates.map { try chunk.numeric($0) }
        var start = 0
        // The completed pending block's buffers take the chunk's last rows (no new 2.7 MB block
        // zeroed per chunk: 1.3% of a 2M-row ACS-shaped estimate's CPU samples).
        var recycled: ReplicateBlock?
        func stage(_ range: Range<Int>, into block: inout ReplicateBlock) throws {
            block.stage(range, weights: w, replicates: columns, values: values, levelIDs: levelIDs, domainIDs: domain)
            // Checked in the block, in cache; a non-finite weight anywhere in the chunk is then
            // reported as the chunk-wide search finds it (first column, first row).
            if !block.replicatesFinite(rows: (block.rows - range.count)..<block.rows) {
                try throwNonFinite(spec.replicates, columns)
            }
        }
        if var block = pending {
            pending = nil
            let length = min(cap - block.rows, n)
            try stage(0..<length, into: &block)
            start = length
            guard block.rows == cap else { pending = block; return }
            try addStaged(block)
            block.rows = 0
            recycled = block
        }
        if n - start >= cap {
            try withBasePointers([w] + columns) { units in
                try withBasePointers(values) { valuePointers in
                    try withBasePointers(levelIDs) { levelPointers in
                        try withBasePointers(domain.map { [$0] } ?? []) { domainPointer in
                            while n - start >= cap {
                                let block = BlockColumns(units: units.map { $0 + start }, values: valuePointers.map { $0 + start },
                                                         levels: levelPointers.map { $0 + start }, domain: domainPointer.first.map { $0 + start })
                                try addCells(block, rows: cap)
                                start += cap
                            }
                        }
                    }
                }
            }
            // Every weight of those blocks went into a total: a non-finite one left one there.
            if !totalsOverflowed && !totals.allSatisfy(\.isFinite) {
                try throwNonFinite(spec.replicates, columns)
                totalsOverflowed = true   // finite weights whose sums overflowed: nothing to report
            }
        }
        if start < n {
            // Taken out, not copied: a second reference would make the first write copy the buffers.
            var block = recycled.take() ?? ReplicateBlock(width: width, variables: variables.count, proportions: levelIDs.count)
            try stage(start..<n, into: &block)
            pending = block
        }
    }

    /// The error for the chunk's first non-finite replicate weight (first column, first row),
    /// found by a chunk-wide search once a block or the totals have shown there is one.
    func throwNonFinite(_ names: [String], _ columns: [[Double]]) throws {
        for (name, a) in zip(names, columns) {
            if let i = a.firstIndex(where: { !$0.isFinite }) {
                throw DesignError.invalidReplicates("replicate weight '\(name)' is not a finite number at row \(rows + i + 1)")
            }
        }
    }

    /// Adds the pending block's staged rows (`addCells`).
    mutating func addStaged(_ block: ReplicateBlock) throws {
        let cap = ReplicateBlock.capacity, n = block.rows
        try block.staged.withUnsafeBufferPointer { staged in
            guard let base = staged.baseAddress else { return }
            try withBasePointers(block.levels) { levelPointers in
                try block.domain.withUnsafeBufferPointer { domain in
                    let columns = BlockColumns(units: (0..<width).map { base + $0 * cap },
                                               values: (0..<variables.count).map { base + (width + $0) * cap },
                                               levels: levelPointers, domain: request.by == nil ? nil : domain.baseAddress)
                    try addCells(columns, rows: n)
                }
            }
        }
    }

    /// Adds the last, partial block and the sampled rows not yet added, and completes the Gram
    /// matrix's lower triangle (before `estimate`).
    mutating func finishPending() throws {
        if let block = pending {
            pending = nil
            if block.rows > 0 { try addStaged(block) }
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
