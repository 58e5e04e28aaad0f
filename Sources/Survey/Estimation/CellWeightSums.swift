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

    /// The sums over `weights`; `sizes` adds the counts and Σw² that `baseSizes` reports.
    init(_ layout: CellLayout, weights: [Double], sizes: Bool) {
        let cells = layout.cells, lanes = Self.lanes, n = weights.count, parts = ReplicateWeights.parts
        let width = cells * lanes, stats = sizes ? 4 : 1
        // Per part: accumulators stat-major (Σw, Σw², rows, non-zero rows), then lane-major.
        var partial = [[Double]](repeating: [], count: parts)
        let codes = layout.codes ?? [], domainCodes = layout.domainCodes ?? []
        weights.withUnsafeBufferPointer { w in
            codes.withUnsafeBufferPointer { code in
                domainCodes.withUnsafeBufferPointer { domain in
                    partial.withUnsafeMutableBufferPointer { out in
                        forEachRowPart(rows: n, parts: parts) { k, range in
                            var acc = [Double](repeating: 0, count: width * stats)
                            let cell = Cell(layout, codes: code, domains: domain)
                            acc.withUnsafeMutableBufferPointer { a in
                                if sizes {
                                    for i in range {
                                        let x = w[i], j = (i & 3) * cells + cell(i)
                                        a[j] += x
                                        a[width + j] += x * x
                                        a[2 * width + j] += 1
                                        a[3 * width + j] += x != 0 ? 1 : 0
                                    }
                                } else {
                                    for i in range { a[(i & 3) * cells + cell(i)] += w[i] }
                                }
                            }
                            out[k] = acc
                        }
                    }
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

    /// The cell of a row, as `CellLayout.cellOffsets` numbers them: code cell (missing, each
    /// level, any other code) plus code cells × domain cell (none, each domain).
    private struct Cell {
        let codes: UnsafeBufferPointer<Int32>, domains: UnsafeBufferPointer<Int32>
        let levels: Int32, domainCount: Int32, codeCells: Int, hasCodes: Bool, hasDomains: Bool

        init(_ layout: CellLayout, codes: UnsafeBufferPointer<Int32>, domains: UnsafeBufferPointer<Int32>) {
            (self.codes, self.domains) = (codes, domains)
            (levels, domainCount, codeCells) = (Int32(layout.levels), Int32(layout.domains), layout.codeCells)
            (hasCodes, hasDomains) = (layout.codes != nil, layout.domainCodes != nil)
        }

        @inline(__always)
        func callAsFunction(_ i: Int) -> Int {
            var cell = 0
            if hasCodes {
                let c = codes[i]
                cell = c >= 0 && c < levels ? Int(c) + 1 : (c < 0 ? 0 : Int(levels) + 1)
            }
            if hasDomains {
                let d = domains[i]
                cell += (d >= 0 && d < domainCount ? Int(d) + 1 : 0) * codeCells
            }
            return cell
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
