import SurveyData
import SurveyNumerics

/// The `n × R` replicate analysis weights of a `ReplicateDesign`, kept as R separate columns —
/// the arrays a file reader already parsed — so building a design from a file never copies the
/// matrix. Passes over it go by blocks of rows across all columns (`forEachRowBlock`), so each
/// element is read from memory once per pass whatever the layout.
public struct ReplicateWeights: Sendable, Equatable {
    /// Number of rows (n).
    public let rows: Int
    /// One array of `rows` weights per replicate.
    public private(set) var storage: [[Double]]

    /// Number of replicates (R).
    public var columns: Int { storage.count }

    /// Replicate weights over the given columns (all `rows` long); no copy is made.
    public init(rows: Int, columns: [[Double]]) throws(DesignError) {
        for (j, c) in columns.enumerated() where c.count != rows {
            throw .lengthMismatch("replicate weight column \(j + 1) has \(c.count) rows, weights \(rows)")
        }
        self.rows = rows
        self.storage = columns
    }

    /// The columns of a column-major matrix (copied).
    public init(_ matrix: Matrix) {
        rows = matrix.rows
        storage = (0..<matrix.columns).map { matrix.column($0) }
    }

    /// Weight of row `i` in replicate `j`.
    @inlinable
    public subscript(i: Int, j: Int) -> Double { storage[j][i] }

    /// Replicate `j` (shares storage; no copy).
    public func column(_ j: Int) -> [Double] { storage[j] }

    /// The weights as a column-major matrix (a copy: for small designs and tests).
    public var matrix: Matrix {
        (try? Matrix(columns: storage)) ?? Matrix(rows: rows, columns: 0)
    }

    /// Multiplies every replicate by `weights` row-wise (replicates given as factors), in place
    /// when a column is not shared.
    mutating func multiplyRows(by weights: [Double]) {
        for j in storage.indices {
            storage[j].withUnsafeMutableBufferPointer { c in
                weights.withUnsafeBufferPointer { w in for i in 0..<c.count { c[i] *= w[i] } }
            }
        }
    }

    /// The sum of every weight, column by column: one pass over the weights at memory speed, the
    /// lower bound that `scripts/bench` compares replicate estimation with — on `parts` threads,
    /// each summing its half of every column, as the replicate passes are split.
    public func streamSum(parts: Int = 1) -> Double {
        let parts = max(1, parts)
        var partial = [Double](repeating: 0, count: parts)
        partial.withUnsafeMutableBufferPointer { out in
            parallelFor(parts) { k in
                let lo = rows * k / parts, hi = rows * (k + 1) / parts
                var total = 0.0
                for column in storage {
                    column.withUnsafeBufferPointer { x in
                        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
                        var i = lo
                        while i + 4 <= hi {
                            s0 += x[i]; s1 += x[i + 1]; s2 += x[i + 2]; s3 += x[i + 3]
                            i += 4
                        }
                        while i < hi { s0 += x[i]; i += 1 }
                        total += (s0 + s1) + (s2 + s3)
                    }
                }
                out[k] = total
            }
        }
        return partial.reduce(0, +)
    }

    /// Replaces replicate `j`.
    mutating func replaceColumn(_ j: Int, with values: [Double]) throws(DesignError) {
        guard values.count == rows else {
            throw .lengthMismatch("replicate \(j + 1): \(values.count) weights for \(rows) rows")
        }
        storage[j] = values
    }

    /// Rows per block of the blocked passes: 32 KB of each column, so every column segment is a
    /// run of whole pages the prefetcher follows, and per-block overhead is small.
    static func blockRows(replicates: Int) -> Int { 4096 }

    /// Rows per block of the cell pass (`ReplicateDesign.cellTotals`): 128 KB of each column. Its
    /// per-block state (cell offsets, 64 KB) stays in L2; longer runs per column cut the restarts
    /// of the hardware prefetcher (1M x 100 JK1 proportions: compute 47 -> 42 ms against 4,096 rows).
    static let cellBlockRows = 16_384

    /// Replicates gathered into one panel per BLAS call (bounded so the panel stays in L2).
    static func panelReplicates(replicates: Int) -> Int { min(replicates, 16) }

    /// Calls `body(start, length, columns)` for consecutive row blocks, `columns[j]` pointing at
    /// row 0 of replicate j (valid only inside `body`).
    func forEachRowBlock<E: Error>(
        blockRows: Int, _ body: (Int, Int, [UnsafePointer<Double>]) throws(E) -> Void
    ) throws(E) {
        guard rows > 0, !storage.isEmpty else { return }
        var failure: E?
        withBasePointers(storage) { p in
            var start = 0
            while start < rows {
                let length = min(blockRows, rows - start)
                do throws(E) { try body(start, length, p) } catch { failure = error; return }
                start += length
            }
        }
        if let failure { throw failure }
    }

    /// Threads of the replicate passes: a fixed two-way split of the rows (deterministic sums
    /// whatever the cores; this machine class has two), run concurrently when cores allow.
    public static let parts = 2

    /// As `forEachRowBlock(blockRows:_:)`, with the blocks split into `parts` runs of consecutive
    /// blocks, run on their own threads: `body(part, start, length, columns)`; each part must
    /// touch only its own state.
    /// `splitRows` (default `blockRows`) is the granule of the split between parts, so passes with
    /// longer blocks can keep the parts (and so the order of their sums) of a shorter-block pass.
    func forEachRowBlock(blockRows: Int, parts: Int, splitRows: Int? = nil,
                         _ body: (Int, Int, Int, [UnsafePointer<Double>]) -> Void) {
        guard rows > 0, !storage.isEmpty else { return }
        let granule = splitRows ?? blockRows
        let blocks = (rows + granule - 1) / granule, parts = max(1, parts)
        withBasePointers(storage) { p in
            parallelFor(parts) { k in
                var start = (blocks * k / parts) * granule
                let stop = min(rows, (blocks * (k + 1) / parts) * granule)
                while start < stop {
                    let length = min(blockRows, stop - start)
                    body(k, start, length, p)
                    start += length
                }
            }
        }
    }
}
