import SurveyData
import SurveyNumerics

/// The per-chunk sums of `StreamingEstimator`: replicate totals (and the Gram matrix of the
/// replicate weights) or PSU totals.
extension StreamingEstimator {
    /// Replicate designs: stages the chunk's rows (weights, replicate weights, variables, level
    /// and domain ids) into the pending block, adding each full block (`addBlock`), so blocks are
    /// rows k·capacity..<(k + 1)·capacity of the file whatever the chunking.
    mutating func accumulateReplicates(
        _ chunk: Table, weights w: [Double], spec: StreamingReplicates, values: [[Double]], levelIDs: [[Int32]],
        domain: [Int32]?
    ) throws {
        let n = w.count
        let columns = try spec.replicates.map { try chunk.numeric($0) }
        var block = pending ?? ReplicateBlock(width: width, variables: variables.count, proportions: levelIDs.count)
        pending = nil
        defer { pending = block }
        var start = 0
        while start < n {
            let length = min(ReplicateBlock.capacity - block.rows, n - start)
            block.stage(start..<(start + length), weights: w, replicates: columns, values: values, levelIDs: levelIDs, domainIDs: domain)
            // Checked in the block, in cache; a non-finite weight anywhere in the chunk is then
            // reported as the chunk-wide search finds it (first column, first row).
            if !block.replicatesFinite(rows: (block.rows - length)..<block.rows) {
                for (name, a) in zip(spec.replicates, columns) {
                    if let i = a.firstIndex(where: { !$0.isFinite }) {
                        throw DesignError.invalidReplicates("replicate weight '\(name)' is not a finite number at row \(rows + i + 1)")
                    }
                }
            }
            start += length
            if block.rows == ReplicateBlock.capacity { try addBlock(&block) }
        }
    }

    /// Adds a pending block: per slot (rows sorted by domain), Σ over its rows of each unit weight
    /// times each quantity, one `dgemm` (width × quantities), into that slot and the all-rows
    /// slot; and the replicate weights' crossproduct into the upper triangle of the Gram matrix.
    mutating func addBlock(_ block: inout ReplicateBlock) throws {
        let n = block.rows, cap = ReplicateBlock.capacity, width = self.width, q = quantityCount, slots = self.slots
        guard n > 0 else { return }
        block.grow(quantities: q)
        let sortedBySlot = request.by != nil
        let ranges = sortedBySlot ? block.sortBySlot(slots: slots) : [0..<n]
        if sortedBySlot {
            ReplicateBlock.fillIndicators(&block.sorted, levels: block.sortedLevels, rows: n, width: width,
                                          firstLevelQuantity: 1 + variables.count, quantities: q, levelQuantity: levelQuantity)
        } else {
            ReplicateBlock.fillIndicators(&block.staged, levels: block.levels, rows: n, width: width,
                                          firstLevelQuantity: 1 + variables.count, quantities: q, levelQuantity: levelQuantity)
        }
        if block.product.count < width * q { block.product = [Double](repeating: 0, count: width * q) }
        let buffer = sortedBySlot ? block.sorted : block.staged
        var product = block.product
        try buffer.withUnsafeBufferPointer { b in
            try product.withUnsafeMutableBufferPointer { c in
                try totals.withUnsafeMutableBufferPointer { t in
                    guard let bp = b.baseAddress, let cp = c.baseAddress, let tp = t.baseAddress else { return }
                    for (s, range) in ranges.enumerated() where !range.isEmpty {
                        try StridedProducts.transposedProduct(
                            a: bp + range.lowerBound, lda: cap, b: bp + width * cap + range.lowerBound, ldb: cap,
                            k: range.count, m: width, n: q, into: cp)
                        for k in 0..<q {
                            let all = tp + k * slots * width, column = cp + k * width
                            for u in 0..<width { all[u] += column[u] }
                            if s > 0 {
                                let slot = all + s * width
                                for u in 0..<width { slot[u] += column[u] }
                            }
                        }
                    }
                }
            }
        }
        block.product = product
        try addToGrams(block.staged, rows: n)
        blocksAdded += 1
        block.rows = 0
    }

    /// Adds a block's replicate weights (column-major, from column 1 of `staged`, leading
    /// dimension `capacity`) to the sums R's df needs: each replicate's Σ a², the sampled rows'
    /// crossproduct, and — with no `source` to read again — every row's crossproduct.
    mutating func addToGrams(_ staged: [Double], rows n: Int) throws {
        let r = gram.rows, cap = ReplicateBlock.capacity
        let sampled = blocksAdded < RankSample.wholeBlocks ? n : min(n, RankSample.rowsPerBlock)
        let full = source == nil
        try staged.withUnsafeBufferPointer { a in
            guard let ap = a.baseAddress else { return }
            StridedProducts.addColumnSumsOfSquares(a: ap + cap, lda: cap, k: n, n: r, into: &sumSquares)
            try sampleGram.storage.withUnsafeMutableBufferPointer { g in
                guard let gp = g.baseAddress else { return }
                try StridedProducts.addUpperCrossproduct(a: ap + cap, lda: cap, k: sampled, n: r, into: gp)
            }
            if full {
                try gram.storage.withUnsafeMutableBufferPointer { g in
                    guard let gp = g.baseAddress else { return }
                    try StridedProducts.addUpperCrossproduct(a: ap + cap, lda: cap, k: n, n: r, into: gp)
                }
            }
        }
    }

    /// Adds the last, partial block and completes the Gram matrix's lower triangle (before `estimate`).
    mutating func finishPending() throws {
        guard var block = pending else { return }
        pending = nil
        try addBlock(&block)
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
