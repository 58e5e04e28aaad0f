/// Rows of one streamed table that a replicate block of `StreamingEstimator` takes: the table's
/// columns, held (not copied), and which of their rows. A block is `capacity` rows of the file
/// (the last one fewer); one that spans tables — a chunk's last rows and the next chunk's first,
/// or several small tables — is added in parts, one a table (`addCells`), with the same sums,
/// bit for bit, as the block added whole, so they do not depend on how the file was chunked.
/// Before, the rows of such a block were copied into a block of their own first: on a 2M-row,
/// 87-column ACS-shaped file streamed as 160 tables, 430 MB of copies (3.4% of the CPU samples).
struct BlockRows: Sendable {
    /// Rows per block: a group of four replicates' weights over a block (128 KB) stays in L2
    /// while each of its quantities is added, and each weight column is read in runs of 32 KB
    /// (2M-row ACS-shaped replicate estimate: the estimator's CPU 0.14-0.15 s against 0.19-0.20 s
    /// with 1,024 rows).
    static let capacity = 4096
    /// The full-sample weights, the replicate weights, the numeric variables, the level ids of
    /// each proportion variable and the domain ids (nil: no domains) of the table.
    let weights: [Double]
    let replicates: [[Double]]
    let values: [[Double]]
    let levels: [[Int32]]
    let domain: [Int32]?
    /// The table's rows in the block.
    var rows: Range<Int>
    /// The file row (0-based) of the table's row 0.
    let firstRow: Int

    /// The same columns, rows `range` of the table.
    func taking(_ range: Range<Int>) -> BlockRows {
        BlockRows(weights: weights, replicates: replicates, values: values, levels: levels, domain: domain, rows: range,
                  firstRow: firstRow)
    }

    /// The columns at row `rows.lowerBound`. Valid while this value is alive: a native array's
    /// storage does not move while the array is alive and unmutated (as `withBasePointers` relies
    /// on for its flat path), and these arrays are constants of the value.
    func columns() -> StreamingEstimator.BlockColumns {
        let at = rows.lowerBound
        func base<E>(_ array: [E]) -> UnsafePointer<E> {
            array.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { preconditionFailure("BlockRows: an empty column") }
                return base + at
            }
        }
        return StreamingEstimator.BlockColumns(units: [base(weights)] + replicates.map(base), values: values.map(base),
                                               levels: levels.map(base), domain: domain.map(base))
    }
}
