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
    /// Gathers the block's sampled rows (`RankSample`) for the sampled Gram matrices (`sample`,
    /// added a panel at a time: `addSample`) and — with no `source` to read again — adds every
    /// row to the full ones (BLAS `dsyrk`, upper triangles), from the replicate weights gathered
    /// in file order (`gramRows`, leading dimension `capacity`).
    mutating func addToGrams(_ parts: [BlockPart], rows n: Int) throws {
        let r = gram.rows, cap = BlockRows.capacity, first = blocksAdded * cap
        let full = source == nil
        let domains = parts.allSatisfy { $0.columns.domain != nil } && request.domainDF != .design
        // The domains' matrices are made room for first: the panel may be added below, with
        // this block's domain ids in it.
        if domains {
            if domainRanks == nil { domainRanks = DomainRanks(replicates: r, full: full) }
            domainRanks?.reserve(domains: slots - 1)
        }
        if sample.replicates != r { sample = SampledRows(replicates: r) }
        for run in RankSample.runs(in: first..<(first + n)) {
            for part in parts {
                var lower = max(run.lowerBound - first, part.rows.lowerBound)
                let upper = min(run.upperBound - first, part.rows.upperBound)
                while lower < upper {
                    if !sample.fits(1) { try addSample() }
                    let take = min(upper - lower, SampledRows.capacity - sample.count)
                    let at = lower - part.rows.lowerBound
                    sample.append(part.replicates, rows: at..<(at + take), domain: domains ? part.columns.domain : nil)
                    lower += take
                }
            }
        }
        guard full else { return }
        if cellBuffers.gramRows.count < cap * r { cellBuffers.gramRows = [Double](repeating: 0, count: cap * r) }
        if cellBuffers.gramDomains.count < cap { cellBuffers.gramDomains = [Int32](repeating: -1, count: cap) }
        cellBuffers.gramRows.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for part in parts {
                for j in 0..<r { (base + j * cap + part.rows.lowerBound).update(from: part.replicates[j], count: part.rows.count) }
            }
        }
        if domains {
            cellBuffers.gramDomains.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                for part in parts {
                    if let d = part.columns.domain { (base + part.rows.lowerBound).update(from: d, count: part.rows.count) }
                }
            }
        }
        try cellBuffers.gramRows.withUnsafeBufferPointer { a in
            guard let ap = a.baseAddress else { return }
            try gram.storage.withUnsafeMutableBufferPointer { g in
                guard let gp = g.baseAddress else { return }
                try StridedProducts.addUpperCrossproduct(a: ap, lda: cap, k: n, n: r, into: gp)
            }
            guard domains else { return }
            try cellBuffers.gramDomains.withUnsafeBufferPointer { d in
                guard let dp = d.baseAddress else { return }
                try domainRanks?.add((0..<r).map { ap + $0 * cap }, domain: dp, rows: n)
            }
        }
    }

    /// Adds the gathered sampled rows (`sample`) to the sampled Gram matrix and to their domains'
    /// (`DomainRanks.addSample`), and empties the panel.
    mutating func addSample() throws {
        // Taken out while the matrices it is added to change (no overlapping access to self).
        var panel = SampledRows()
        swap(&panel, &sample)
        defer {
            panel.clear()
            swap(&panel, &sample)
        }
        let r = panel.replicates
        try panel.withRows { a, domain, n in
            try sampleGram.storage.withUnsafeMutableBufferPointer { g in
                guard let gp = g.baseAddress else { return }
                try StridedProducts.addUpperCrossproduct(a: a[0], lda: SampledRows.capacity, k: n, n: r, into: gp)
            }
            try domainRanks?.addSample(a, domain: domain, rows: n)
        }
    }

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
