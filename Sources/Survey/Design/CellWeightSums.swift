/// Full-sample weight sums per cell of a `CellLayout` — Σw, and on request rows, rows with
/// non-zero weight and Σw² — from one pass over the level codes and weights. A column that is a
/// function of the codes (ones, a level's indicator, non-missing) has as its weighted total in a
/// slot the sum over its cells, so `slotTotals` and `baseSizes` of proportions read the 4-byte
/// codes instead of n-length 0/1 columns. The rows are split into `forEachRowPart`'s fixed ranges
/// (threads for large n); within a range, four interleaved sets of accumulators (row i into set
/// i mod 4) keep consecutive rows of one cell off the same add chain. Sums combine in fixed order,
/// so they do not depend on the cores.
struct CellWeightSums {
    /// Per cell: Σw.
    private(set) var sumW: [Double]
    /// Per cell: rows, rows with non-zero weight and Σw² (empty unless `sizes`).
    private(set) var rows: [Int], nonZero: [Int], sumW2: [Double]

    /// Accumulator sets per range.
    private static let lanes = 4
    /// Rows whose cells are computed at a time (`CellLayout.cellOffsets`).
    private static let block = 4096

    /// The sums over `weights`; `sizes` adds the counts and Σw² that `baseSizes` reports.
    init(_ layout: CellLayout, weights: [Double], sizes: Bool) {
        let cells = layout.cells, lanes = Self.lanes, n = weights.count, parts = ReplicateWeights.parts
        let width = cells * lanes, stats = sizes ? 4 : 1
        // Per part: lane-major accumulators, stat-major (Σw, Σw², rows, non-zero rows).
        var partial = [[Double]](repeating: [], count: parts)
        weights.withUnsafeBufferPointer { w in
            partial.withUnsafeMutableBufferPointer { out in
                forEachRowPart(rows: n, parts: parts) { k, range in
                    var acc = [Double](repeating: 0, count: width * stats)
                    var cell = [Int32](repeating: 0, count: Self.block)
                    acc.withUnsafeMutableBufferPointer { a in
                        cell.withUnsafeMutableBufferPointer { c in
                            guard let offsets = c.baseAddress else { return }
                            var start = range.lowerBound
                            while start < range.upperBound {
                                let length = min(Self.block, range.upperBound - start)
                                layout.cellOffsets(start: start, length: length, scale: 1, into: offsets)
                                if sizes {
                                    Self.addSizes(a, cells: c, weights: w, start: start, length: length, width: width)
                                } else {
                                    Self.addWeights(a, cells: c, weights: w, start: start, length: length)
                                }
                                start += length
                            }
                        }
                    }
                    out[k] = acc
                }
            }
        }
        // Lanes, then parts, in order.
        var total = [Double](repeating: 0, count: cells * stats)
        for acc in partial {
            for s in 0..<stats {
                for j in 0..<cells {
                    var v = 0.0
                    for lane in 0..<lanes { v += acc[s * width + lane * cells + j] }
                    total[s * cells + j] += v
                }
            }
        }
        sumW = Array(total[0..<cells])
        if sizes {
            sumW2 = Array(total[cells..<(2 * cells)])
            rows = total[(2 * cells)..<(3 * cells)].map { Int($0) }
            nonZero = total[(3 * cells)..<(4 * cells)].map { Int($0) }
        } else {
            (sumW2, rows, nonZero) = ([], [], [])
        }
    }

    /// Σw of a block's rows into their cells.
    @inline(__always)
    private static func addWeights(_ a: UnsafeMutableBufferPointer<Double>, cells c: UnsafeMutableBufferPointer<Int32>,
                                   weights w: UnsafeBufferPointer<Double>, start: Int, length: Int) {
        let cells = a.count / lanes
        for i in 0..<length {
            a[(i & 3) * cells + Int(c[i])] += w[start + i]
        }
    }

    /// Σw, Σw², rows and non-zero rows of a block's rows into their cells (`width` values per stat).
    @inline(__always)
    private static func addSizes(_ a: UnsafeMutableBufferPointer<Double>, cells c: UnsafeMutableBufferPointer<Int32>,
                                 weights w: UnsafeBufferPointer<Double>, start: Int, length: Int, width: Int) {
        let cells = width / lanes
        for i in 0..<length {
            let x = w[start + i], j = (i & 3) * cells + Int(c[i])
            a[j] += x
            a[width + j] += x * x
            a[2 * width + j] += 1
            a[3 * width + j] += x != 0 ? 1 : 0
        }
    }

    /// The sums over `cells` (a column's cells in one slot, `CellLayout.members`), in the given order.
    func total(_ cells: [Int]) -> (rows: Int, n: Int, sumW: Double, sumW2: Double) {
        var result = (rows: 0, n: 0, sumW: 0.0, sumW2: 0.0)
        for j in cells {
            result.sumW += sumW[j]
            if !rows.isEmpty {
                result.rows += rows[j]; result.n += nonZero[j]; result.sumW2 += sumW2[j]
            }
        }
        return result
    }
}
