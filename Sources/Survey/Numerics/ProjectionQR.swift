import CBLAS

/// Householder QR of a tall matrix `A` (n × p, n ≥ p, full column rank) through LAPACK `dgeqrf`,
/// kept for two jobs calibration needs:
/// - residuals `B − A(AᵀA)⁻¹AᵀB = (I − QQᵀ)B` of many columns at once (R's `qr.resid`), by two
///   `dormqr` applications of Q, never forming Q or AᵀA;
/// - solving the normal equations `AᵀA t = d` as `RᵀR t = d` by two triangular solves (`dtrtrs`).
///
/// Rank: a column whose |R_jj| is below `1e-10 · max|R_kk|` is (numerically) a combination of the
/// earlier ones; `init` throws `rankDeficient` naming it rather than producing garbage.
package struct ProjectionQR: Sendable {
    /// Compact QR factors as `dgeqrf` leaves them (R in the upper triangle, reflectors below).
    let factors: Matrix
    /// Householder scalars.
    let tau: [Double]

    /// Factors `a`; `names` label its columns in the rank-deficiency error.
    package init(_ a: Matrix, names: [String]? = nil) throws(LinearAlgebraError) {
        let (n, p) = (a.rows, a.columns)
        guard n >= p else { throw .tooFewObservations(observations: n, parameters: p) }
        var f = a
        var tau = [Double](repeating: 0, count: p)
        if p > 0 {
            let (n32, p32, lda) = (try lapackInt(n), try lapackInt(p), try lapackInt(max(1, n)))
            let info = f.storage.withUnsafeMutableBufferPointer { s in
                tau.withUnsafeMutableBufferPointer { t in
                    LAPACKE_dgeqrf(LAPACK_COL_MAJOR, n32, p32, s.baseAddress, lda, t.baseAddress)
                }
            }
            guard info == 0 else { throw .lapack(routine: "dgeqrf", info: info) }
            let diag = (0..<p).map { abs(f[$0, $0]) }
            let largest = diag.max() ?? 0
            let bad = (0..<p).filter { diag[$0] <= 1e-10 * largest || !diag[$0].isFinite }
            if !bad.isEmpty {
                throw .rankDeficient(columns: bad.map { names?[$0] ?? "column \($0 + 1)" })
            }
        }
        self.factors = f
        self.tau = tau
    }

    /// `(I − QQᵀ) b`, column by column: the residuals of least-squares fits of each column of `b`
    /// on the columns of A.
    package func residuals(of b: Matrix) throws(LinearAlgebraError) -> Matrix {
        let (n, p) = (factors.rows, factors.columns)
        guard b.rows == n else { throw .dimensionMismatch("residuals of \(b.rows) rows against a QR of \(n) rows") }
        if p == 0 || b.columns == 0 { return b }
        var c = b
        try applyQ(to: &c, transpose: true)
        for j in 0..<c.columns {
            for i in 0..<p { c[i, j] = 0 }
        }
        try applyQ(to: &c, transpose: false)
        return c
    }

    /// Solves `AᵀA t = d` (i.e. `RᵀR t = d`).
    package func solveNormalEquations(_ d: [Double]) throws(LinearAlgebraError) -> [Double] {
        let p = factors.columns
        guard d.count == p else { throw .dimensionMismatch("right-hand side of \(d.count) for \(p) unknowns") }
        if p == 0 { return [] }
        var t = d
        try triangularSolve(&t, transpose: true)
        try triangularSolve(&t, transpose: false)
        return t
    }

    private func applyQ(to c: inout Matrix, transpose: Bool) throws(LinearAlgebraError) {
        let (m32, n32, k32) = (try lapackInt(c.rows), try lapackInt(c.columns), try lapackInt(factors.columns))
        let lda = try lapackInt(max(1, factors.rows)), ldc = try lapackInt(max(1, c.rows))
        let side = CChar(UInt8(ascii: "L")), trans = CChar(UInt8(ascii: transpose ? "T" : "N"))
        let info = factors.storage.withUnsafeBufferPointer { a in
            tau.withUnsafeBufferPointer { t in
                c.storage.withUnsafeMutableBufferPointer { cp in
                    LAPACKE_dormqr(
                        LAPACK_COL_MAJOR, side, trans, m32, n32, k32, a.baseAddress, lda, t.baseAddress,
                        cp.baseAddress, ldc)
                }
            }
        }
        guard info == 0 else { throw .lapack(routine: "dormqr", info: info) }
    }

    private func triangularSolve(_ x: inout [Double], transpose: Bool) throws(LinearAlgebraError) {
        let p32 = try lapackInt(factors.columns), lda = try lapackInt(max(1, factors.rows))
        let uplo = CChar(UInt8(ascii: "U")), trans = CChar(UInt8(ascii: transpose ? "T" : "N"))
        let diag = CChar(UInt8(ascii: "N"))
        let info = factors.storage.withUnsafeBufferPointer { a in
            x.withUnsafeMutableBufferPointer { b in
                LAPACKE_dtrtrs(LAPACK_COL_MAJOR, uplo, trans, diag, p32, 1, a.baseAddress, lda, b.baseAddress, p32)
            }
        }
        guard info == 0 else { throw .lapack(routine: "dtrtrs", info: info) }
    }
}
