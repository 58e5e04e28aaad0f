import SurveyNumerics

/// The one blocked pass over stored replicate weights that gives a statistic's replicate totals
/// (statistics of level codes, such as proportions, take `cellTotals` instead)
/// Aᵀ Z — and, for a design built with `deferChecks`, its checks and R's rank-based df in the
/// same pass (`PendingScan`), so the weights are read from memory once.
extension ReplicateDesign {
    /// Per-thread state of the pass.
    private struct Part {
        var totals: [Double], z: [Double], panel: [Double], projected: [Double]
        var scan: ReplicateScan?
        var failure: LinearAlgebraError?
    }

    /// Aᵀ Z for the dense replicate matrix A, `result[r + q·R]`. Row blocks are split between
    /// `ReplicateWeights.parts` threads; in each block, Z's rows are built once (`StatisticColumn.copy`)
    /// and the replicates are taken `panelReplicates` at a time into a cache-resident panel that
    /// BLAS multiplies by Z (`dgemm`) and, when the checks are pending, by the scan's fixed
    /// projections — the fingerprints of the rank — while the pattern checks read the same panel.
    func denseTotals(of statistic: RatioStatistic, pairs: [(column: Int, slot: Int)]) throws -> [Double] {
        let r = replicateCount, p = pairs.count
        let fused = pending.flatMap { $0.isResolved ? nil : $0 }
        if let layout = CellLayout(statistic, pairs: pairs) { return try cellTotals(of: layout, pairs: p, fused: fused) }
        let block = ReplicateWeights.blockRows(replicates: r)
        let group = ReplicateWeights.panelReplicates(replicates: r), parts = ReplicateWeights.parts
        let projections: [[Double]] = fused.map { pending in
            let scan = pending.scanner(replicates: r)
            return stride(from: 0, to: r, by: group).map { scan.projectionBlock($0, min(group, r - $0)) }
        } ?? []
        var state = (0..<parts).map { _ in
            Part(totals: [Double](repeating: 0, count: r * p), z: [Double](repeating: 0, count: block * p),
                 panel: [Double](repeating: 0, count: block * group),
                 projected: [Double](repeating: 0, count: fused == nil ? 0 : 2 * block),
                 scan: fused?.scanner(replicates: r), failure: nil)
        }
        weights.withUnsafeBufferPointer { w in
            state.withUnsafeMutableBufferPointer { states in
                replicates.forEachRowBlock(blockRows: block, parts: parts) { k, start, length, columns in
                    Self.fill(&states[k].z, statistic: statistic, pairs: pairs, start: start, length: length)
                    if states[k].scan != nil {
                        states[k].scan?.begin(start: start, length: length, columns: columns)
                        for i in 0..<(2 * length) { states[k].projected[i] = 0 }
                    }
                    var g = 0
                    while g < r && states[k].failure == nil {
                        let width = min(group, r - g)
                        do throws(LinearAlgebraError) {
                            try Self.multiply(&states[k], columns: columns, first: g, width: width, start: start, length: length,
                                              p: p, r: r, projection: projections.isEmpty ? nil : projections[g / group], weights: w)
                        } catch {
                            states[k].failure = error
                        }
                        g += width
                    }
                    if states[k].scan != nil {
                        states[k].projected.withUnsafeBufferPointer { h in
                            states[k].scan?.end(projected: UnsafeBufferPointer(rebasing: h[0..<(2 * length)]), columns: columns)
                        }
                    }
                }
            }
        }
        if let failure = state.first(where: { $0.failure != nil })?.failure { throw failure }
        var totals = state[0].totals
        for part in state.dropFirst() { for i in totals.indices { totals[i] += part.totals[i] } }
        if let fused, var scan = state[0].scan {
            for part in state.dropFirst() { if let later = part.scan { scan.merge(later) } }
            fused.record(scan, replicates, weights: weights)
            _ = try fused.resolve(replicates, weights: weights).get()
        }
        return totals
    }

    /// Z's rows `start..<start + length`, column q of `z` for pair q (zero outside its domain).
    private static func fill(_ z: inout [Double], statistic: RatioStatistic, pairs: [(column: Int, slot: Int)],
                             start: Int, length: Int) {
        z.withUnsafeMutableBufferPointer { zp in
            guard let out = zp.baseAddress else { return }
            for (q, pair) in pairs.enumerated() {
                let base = q * length
                if pair.slot == 0 {
                    statistic.columns[pair.column].copy(start: start, length: length, to: out + base)
                } else if let codes = statistic.domainCodes {
                    statistic.columns[pair.column].copy(start: start, length: length, to: out + base)
                    let d = Int32(pair.slot - 1)
                    codes.withUnsafeBufferPointer { c in
                        for i in 0..<length where c[start + i] != d { zp[base + i] = 0 }
                    }
                } else {
                    for i in 0..<length { zp[base + i] = 0 }
                }
            }
        }
    }

    /// Replicates `first..<first + width` of one row block: gathered into the panel (few
    /// concurrent streams, so the prefetcher keeps up), multiplied by Z's block into the totals
    /// and, when checks are pending, by their projections; the pattern checks read the panel.
    private static func multiply(
        _ part: inout Part, columns: [UnsafePointer<Double>], first g: Int, width: Int, start: Int, length: Int,
        p: Int, r: Int, projection: [Double]?, weights: UnsafeBufferPointer<Double>
    ) throws(LinearAlgebraError) {
        var panelColumns: [UnsafePointer<Double>] = []
        try part.panel.withUnsafeMutableBufferPointer { (a: inout UnsafeMutableBufferPointer<Double>) throws(LinearAlgebraError) in
            guard let out = a.baseAddress else { return }
            for j in 0..<width { (out + j * length).update(from: columns[g + j] + start, count: length) }
            let panel = UnsafeBufferPointer(rebasing: UnsafeBufferPointer(a)[0..<(length * width)])
            try part.z.withUnsafeBufferPointer { (zp: UnsafeBufferPointer<Double>) throws(LinearAlgebraError) in
                try part.totals.withUnsafeMutableBufferPointer { (t: inout UnsafeMutableBufferPointer<Double>) throws(LinearAlgebraError) in
                    try accumulateTransposedProduct(
                        a: panel, k: length, m: width,
                        b: UnsafeBufferPointer(rebasing: zp[0..<(length * p)]), n: p,
                        into: UnsafeMutableBufferPointer(rebasing: t[g...]), ldc: r)
                }
            }
            guard let projection else { return }
            try projection.withUnsafeBufferPointer { (k: UnsafeBufferPointer<Double>) throws(LinearAlgebraError) in
                try part.projected.withUnsafeMutableBufferPointer { (h: inout UnsafeMutableBufferPointer<Double>) throws(LinearAlgebraError) in
                    try accumulateProduct(a: panel, m: length, k: width, b: k, n: 2,
                                          into: UnsafeMutableBufferPointer(rebasing: h[0..<(2 * length)]))
                }
            }
            panelColumns = (0..<width).map { UnsafePointer(out + $0 * length) }
            part.scan?.scanPattern(g, panelColumns, weights: weights)
        }
    }
}
