/// Replicate totals of a statistic whose columns are 0/1 functions of level codes (`CellLayout`):
/// one blocked pass over the replicate columns in place that adds each weight to its row's cell
/// — four replicates at a time (`CellSums`) — and, when the checks are pending, runs
/// them on the same blocks while they are in cache; R's rank-based df then comes from a
/// certificate (`FullRankCertificate`: each replicate's sum of squares, kept in registers, and a
/// sparse subset of rows copied on the way), or, when that does not certify, the exact computation.
extension ReplicateDesign {
    /// Per-thread state of the pass.
    private struct CellPart {
        /// Per group of four replicates: `CellSums.sets` sets (rows by k mod 4) of `cells` × 4 sums.
        var sums: [Double]
        var offsets: [Int32]
        /// Per replicate (padded to whole groups of four): the sum of its squared weights.
        var squares: [Double]
        /// The part's rows of the certificate's subset, one after another (R weights each).
        var subset: [Double]
        var scan: ReplicateScan?
    }

    /// Aᵀ Z as `denseTotals` (`result[r + q·R]`), by cells.
    func cellTotals(of layout: CellLayout, pairs: Int, fused: PendingScan?) throws -> [Double] {
        let r = replicateCount, cells = layout.cells, groups = (r + 3) / 4
        let split = ReplicateWeights.blockRows(replicates: r), parts = ReplicateWeights.parts
        let block = ReplicateWeights.cellBlockRows
        let rank = fused.map { $0.givenDF == nil } ?? false
        let stride = FullRankCertificate.stride(rows: rowCount, replicates: r)
        // A padded replicate of the last group reads a column of zeros: it adds nothing anywhere.
        let zeros = [Double](repeating: 0, count: block)
        var state = (0..<parts).map { _ in
            CellPart(sums: [Double](repeating: 0, count: groups * 4 * CellSums.sets * cells), offsets: [Int32](repeating: 0, count: block),
                     squares: [Double](repeating: 0, count: rank ? groups * 4 : 0), subset: [],
                     scan: fused?.scanner(replicates: r, fingerprints: false))
        }
        weights.withUnsafeBufferPointer { w in
            zeros.withUnsafeBufferPointer { zero in
                state.withUnsafeMutableBufferPointer { states in
                    replicates.forEachRowBlock(blockRows: block, parts: parts, splitRows: split) { k, start, length, columns in
                        Self.cellBlock(&states[k], layout: layout, columns: columns, start: start, length: length,
                                       rank: rank, stride: stride, zero: zero, weights: w)
                    }
                }
            }
        }
        // Per replicate and cell: the parts' sums in part order, each its sets in set order.
        var cellSums = [Double](repeating: 0, count: r * cells)
        for part in state {
            part.sums.withUnsafeBufferPointer { sums in
                guard let base = sums.baseAddress else { return }
                for j in 0..<r {
                    let group = base + (j / 4) * 4 * CellSums.sets * cells
                    for c in 0..<cells { cellSums[j * cells + c] += CellSums.total(group, cell: c, lane: j % 4, cells: cells) }
                }
            }
        }
        if let fused, var scan = state[0].scan {
            for part in state.dropFirst() { if let later = part.scan { scan.merge(later) } }
            // Every weight was added to one cell: a replicate with a missing or infinite weight has a
            // non-finite cell sum (or overflowed: then the search finds nothing).
            let suspect = (0..<r).filter { j in !(0..<cells).allSatisfy { cellSums[j * cells + $0].isFinite } }
            scan.findNonFinite(in: replicates, among: suspect)
            let certified = rank && FullRankCertificate.certifies(
                subset: state.flatMap(\.subset), replicates: r,
                sumsOfSquares: (0..<r).map { j in state.reduce(0) { $0 + $1.squares[j] } })
            fused.record(scan, replicates, weights: weights, certifiedFullRank: certified)
            _ = try fused.resolve(replicates, weights: weights).get()
        }
        var totals = [Double](repeating: 0, count: r * pairs)
        for (q, member) in layout.members.enumerated() {
            for j in 0..<r { totals[j + q * r] = member.reduce(0) { $0 + cellSums[j * cells + $1] } }
        }
        return totals
    }

    /// One row block of `cellTotals`.
    private static func cellBlock(
        _ part: inout CellPart, layout: CellLayout, columns: [UnsafePointer<Double>], start: Int, length: Int,
        rank: Bool, stride: Int, zero: UnsafeBufferPointer<Double>, weights: UnsafeBufferPointer<Double>
    ) {
        let r = columns.count, cells = layout.cells
        guard let zeroBase = zero.baseAddress else { return }
        part.scan?.begin(start: start, length: length, columns: columns)
        part.offsets.withUnsafeMutableBufferPointer { o in
            guard let offsets = o.baseAddress else { return }
            layout.cellOffsets(start: start, length: length, scale: 32, into: offsets)
            part.squares.withUnsafeMutableBufferPointer { q in
                part.sums.withUnsafeMutableBufferPointer { s in
                    guard let sums = s.baseAddress else { return }
                    var g = 0
                    while g < r {
                        let width = min(4, r - g)
                        guard let units = CellSums.group(columns, from: g, offset: start, zero: zeroBase) else { break }
                        let group = sums + (g / 4) * 4 * CellSums.sets * cells
                        // The next group's weights stream in alongside this group's.
                        let next = CellSums.group(columns, from: g + 4, offset: start, zero: zeroBase)
                        if rank, let squares = q.baseAddress {
                            CellSums.addFirst(units, rows: length, offsets: offsets, sums: group, cells: cells,
                                              squares: squares + g, next: next)
                        } else {
                            CellSums.add(units, rows: length, offsets: offsets, sums: group, cells: cells, next: next)
                        }
                        if part.scan?.wantsPattern(g, width) == true {
                            part.scan?.scanPattern(g, Array([units.0, units.1, units.2, units.3][0..<width]), weights: weights)
                        }
                        g += width
                    }
                }
                part.scan?.end()
            }
            // The certificate's rows in this block (every `stride`-th row of the file).
            guard rank else { return }
            var i = (start + stride - 1) / stride * stride
            while i < start + length {
                for x in columns { part.subset.append(x[i]) }
                i += stride
            }
        }
    }
}
