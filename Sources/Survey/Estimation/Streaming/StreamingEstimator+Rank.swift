import CBLAS
import SurveyData
import SurveyNumerics

/// Which rows of a streamed replicate design enter the sampled Gram matrix: every row of the
/// file's first `wholeUnits` units of `unitRows` rows and the first `rowsPerUnit` rows of every
/// later unit, by row number — so the sample (and R's df) does not depend on the chunk size, the
/// parser's threads or the block size, and every run of 1,024 rows (a PSU of a sorted file,
/// usually) has rows in it.
enum RankSample {
    /// Rows a sampling unit spans.
    static let unitRows = 1024
    /// Units taken whole at the start of the file.
    static let wholeUnits = 4
    /// Rows taken from the start of each later unit.
    static let rowsPerUnit = 32

    /// The sampled rows among file rows `range`, as runs.
    static func runs(in range: Range<Int>) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var unit = range.lowerBound / unitRows
        while unit * unitRows < range.upperBound {
            let start = unit * unitRows
            let end = start + (unit < wholeUnits ? unitRows : rowsPerUnit)
            let lower = max(start, range.lowerBound), upper = min(end, range.upperBound)
            if lower < upper { runs.append(lower..<upper) }
            unit += 1
        }
        return runs
    }
}

extension StreamingEstimator {
    /// Whether the sample proves that R's pivoted QR (LINPACK `dqrdc2`) keeps every replicate,
    /// so the rank is R (`FullRankCertificate`: the sample's Cholesky diagonal against each
    /// column's norm over all rows); otherwise the caller computes the rank from the full Gram matrix.
    func certifiedFullRank() -> Bool {
        FullRankCertificate.certifies(gram: sampleGram, sumsOfSquares: sumSquares)
    }

    /// The full Gram matrix Σ a aᵀ of `replicates` from a second pass over `source` (blocks of
    /// `BlockRows.capacity` rows, BLAS `dsyrk`), symmetric.
    static func fullGram(of source: StreamingCSV, replicates names: [String]) throws -> Matrix {
        let r = names.count, cap = BlockRows.capacity
        var gram = Matrix(rows: r, columns: r)
        var block = [Double](repeating: 0, count: cap * r)
        try source.forEachChunk { chunk, _ in
            let columns = try names.map { try chunk.numeric($0) }
            var start = 0
            while start < chunk.rowCount {
                let n = min(cap, chunk.rowCount - start)
                for (j, a) in columns.enumerated() { for i in 0..<n { block[j * cap + i] = a[start + i] } }
                try block.withUnsafeBufferPointer { b in
                    try gram.storage.withUnsafeMutableBufferPointer { g in
                        guard let bp = b.baseAddress, let gp = g.baseAddress else { return }
                        try StridedProducts.addUpperCrossproduct(a: bp, lda: cap, k: n, n: r, into: gp)
                    }
                }
                start += n
            }
        }
        for j in 0..<r { for i in 0..<j { gram.storage[j + i * r] = gram.storage[i + j * r] } }
        return gram
    }
}
