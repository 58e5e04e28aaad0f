import CBLAS

/// R's rank of a matrix, `qr(a, tol)$rank` by LINPACK `dqrdc2`: the columns are taken in order,
/// and one whose residual after the columns kept before it is below `tolerance` times its own
/// norm is set aside (moved to the end, not counted); a column kept is brought in by a
/// Householder reflection (LAPACK `dlarfg`, applied to the columns after it with BLAS `ddot` and
/// `daxpy`). Residual norms are computed afresh at every step (`dnrm2`), where `dqrdc2` downdates
/// them. `PivotedQR`'s rule differs: LAPACK's largest-norm-first pivoting and |R_kk| against
/// |R_00|, which counted a replicate design's df wrong when a replicate nearly equals the sum of
/// two others (a column's residual against its own norm is what R compares).
package enum LimitedPivotingRank {
    /// The number of columns of `a` that R's `dqrdc2` keeps under `tolerance`. `norms`, when given,
    /// are the columns' exact norms (a matrix rebuilt from a Gram matrix has them only up to
    /// rounding: a zero column came back as noise and counted), and a residual must also pass
    /// `floor` (that rounding's level) to count.
    package static func rank(of a: Matrix, tolerance: Double, norms given: [Double]? = nil,
                             floor: Double = 0) throws(LinearAlgebraError) -> Int {
        let n = a.rows, p = a.columns
        guard n > 0, p > 0 else { return 0 }
        let m32 = try lapackInt(n)
        _ = try lapackInt(p)
        var x = a.storage
        let norms = given ?? (0..<p).map { j in x.withUnsafeBufferPointer { cblas_dnrm2(m32, $0.baseAddress! + j * n, 1) } }
        // Columns still to be decided, in R's order (set-aside ones are never taken back).
        var pending = Array(0..<p)
        var kept = 0
        var w = [Double](repeating: 0, count: p)
        while !pending.isEmpty, kept < n {
            let j = pending.removeFirst()
            let rows = Int32(n - kept)
            let residual = x.withUnsafeBufferPointer { cblas_dnrm2(rows, $0.baseAddress! + j * n + kept, 1) }
            // A zero column is always set aside (R: its norm is 0, so no residual exceeds tol·0).
            guard residual > tolerance * norms[j], residual > floor, residual > 0, norms[j] > 0 else { continue }
            var tau = 0.0
            x.withUnsafeMutableBufferPointer { buffer in
                let base = buffer.baseAddress!
                let head = base + j * n + kept
                _ = LAPACKE_dlarfg(rows, head, head + 1, 1, &tau)
                guard tau != 0, !pending.isEmpty else { return }
                // H = I − τ v vᵀ with v = (1, head[1...]) applied to each pending column's rows kept...<n.
                let beta = head.pointee
                head.pointee = 1
                for (k, c) in pending.enumerated() {
                    w[k] = cblas_ddot(rows, head, 1, base + c * n + kept, 1)
                }
                for (k, c) in pending.enumerated() where w[k] != 0 {
                    cblas_daxpy(rows, -tau * w[k], head, 1, base + c * n + kept, 1)
                }
                head.pointee = beta
            }
            kept += 1
        }
        return kept
    }
}
