import SurveyNumerics

/// R's replicate df, rank(A) − 1 under `qr(A, tol = 1e-5)`, from the Gram matrix G = AᵀA alone:
/// with G = VΛVᵀ, B = Λ^½ Vᵀ has BᵀB = G, so pivoted QR of the R × R matrix B makes the same
/// pivots and |R_kk| as pivoted QR of the n × R matrix A (both depend on A only through AᵀA).
/// Used where A has too many distinct rows to factor: the streamed pass, and subsets with more
/// than `distinctRowLimit` distinct rows.
enum GramRank {
    /// Distinct rows above which a subset's rank comes from its Gram matrix instead of a QR of
    /// the rows (the QR's cost grows with the rows, the Gram route's only with R).
    static let distinctRowLimit = 20_000

    /// rank − 1 of the matrix whose Gram matrix is `gram` (symmetric, both triangles).
    static func rankDF(gram: Matrix) throws(DesignError) -> Int {
        let r = gram.rows
        do {
            let (eigenvalues, vectors) = try LAPACK.dsyev(gram, divideAndConquer: true)
            var b = Matrix(rows: r, columns: r)
            for k in 0..<r {
                let s = max(eigenvalues[k], 0).squareRoot()
                for j in 0..<r { b[k, j] = s * vectors[j, k] }
            }
            return try PivotedQR(b, rankTolerance: 1e-5).rank - 1
        } catch {
            throw .invalidReplicates("rank of the replicate weights could not be computed: \(error)")
        }
    }

    /// Σ aᵢ aᵢᵀ over rows `rows` of `a` (the weights as they are), gathered 4,096 rows at a time
    /// for BLAS; symmetric.
    static func gram(of a: ReplicateWeights, rows: [Int]) throws(DesignError) -> Matrix {
        let r = a.columns, block = 4096
        var gram = Matrix(rows: r, columns: r)
        var panel = [Double](repeating: 0, count: block * r)
        var start = 0
        while start < rows.count {
            let m = min(block, rows.count - start)
            if m < block { panel = [Double](repeating: 0, count: m * r) }
            for j in 0..<r {
                let column = a.storage[j]
                for k in 0..<m { panel[j * m + k] = column[rows[start + k]] }
            }
            do { try gram.addCrossproduct(of: panel, rows: m) } catch {
                throw .invalidReplicates("rank of the replicate weights could not be computed: \(error)")
            }
            start += m
        }
        return gram
    }
}
