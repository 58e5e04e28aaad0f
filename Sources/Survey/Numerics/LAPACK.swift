import CBLAS

/// Thin Swift wrappers over the LAPACKE routines the numerics layer uses.
///
/// Each wrapper converts dimensions with `lapackInt` (throwing `.tooLarge` instead of trapping on
/// 32-bit overflow), works on column-major storage with leading dimension = rows, and checks
/// `info`: a negative `info` (an illegal argument, a bug on our side) becomes `.lapack(routine:info:)`;
/// a positive `info` is routine-specific and mapped to the matching typed error.
package enum LAPACK {
    private static let colMajor = Int32(LAPACK_COL_MAJOR)

    private static func char(_ c: Character) -> CChar { CChar(c.asciiValue ?? 0) }

    private static func check(_ routine: String, _ info: Int32) throws(LinearAlgebraError) {
        if info < 0 { throw .lapack(routine: routine, info: info) }
    }

    /// `dgeqp3`: QR with column pivoting, A·P = Q·R. On return `a` holds R in its upper triangle and
    /// the Householder vectors below it; `tau` the reflector scalars; the 0-based permutation is
    /// returned (column `j` of A·P is column `perm[j]` of A).
    static func dgeqp3(_ a: inout Matrix) throws(LinearAlgebraError) -> (tau: [Double], permutation: [Int]) {
        let m = try lapackInt(a.rows), n = try lapackInt(a.columns), lda = try lapackInt(max(1, a.rows))
        var jpvt = [Int32](repeating: 0, count: a.columns)   // 0 = free column
        var tau = [Double](repeating: 0, count: min(a.rows, a.columns))
        if a.rows == 0 || a.columns == 0 { return (tau, Array(0..<a.columns)) }
        let info = LAPACKE_dgeqp3(colMajor, m, n, &a.storage, lda, &jpvt, &tau)
        try check("dgeqp3", info)
        return (tau, jpvt.map { Int($0) - 1 })
    }

    /// `dormqr`: overwrites `c` with Qᵀ·C (`transpose`) or Q·C, Q given by the first `k` reflectors
    /// stored in `factors`/`tau` (as `dgeqp3` leaves them).
    static func dormqr(
        factors: Matrix, tau: [Double], k: Int, c: inout Matrix, transpose: Bool
    ) throws(LinearAlgebraError) {
        guard c.rows == factors.rows else {
            throw .dimensionMismatch("Q is \(factors.rows)×\(factors.rows), C has \(c.rows) rows")
        }
        if c.rows == 0 || c.columns == 0 || k == 0 { return }
        let m = try lapackInt(c.rows), n = try lapackInt(c.columns), kk = try lapackInt(k)
        let lda = try lapackInt(max(1, factors.rows)), ldc = try lapackInt(max(1, c.rows))
        var a = factors.storage   // LAPACKE takes a mutable pointer; dormqr restores it
        let info = LAPACKE_dormqr(
            colMajor, char("L"), char(transpose ? "T" : "N"), m, n, kk, &a, lda, tau, &c.storage, ldc)
        try check("dormqr", info)
    }

    /// `dtrtrs`: solves op(T)·X = B for the leading `n × n` upper-triangular block of `t`
    /// (its strict lower part is ignored); positive `info` means an exactly zero diagonal.
    static func dtrtrs(
        upper t: Matrix, n: Int, b: inout Matrix, transpose: Bool
    ) throws(LinearAlgebraError) {
        guard b.rows == n, t.rows >= n, t.columns >= n else {
            throw .dimensionMismatch("triangular \(n)×\(n) system with \(b.rows) right-hand-side rows")
        }
        if n == 0 || b.columns == 0 { return }
        let nn = try lapackInt(n), nrhs = try lapackInt(b.columns)
        let lda = try lapackInt(max(1, t.rows)), ldb = try lapackInt(max(1, b.rows))
        let info = LAPACKE_dtrtrs(
            colMajor, char("U"), char(transpose ? "T" : "N"), char("N"), nn, nrhs, t.storage, lda,
            &b.storage, ldb)
        try check("dtrtrs", info)
        if info > 0 { throw .singular("triangular factor has a zero at diagonal \(info)") }
    }

    /// `dtrcon`: reciprocal 1-norm condition number of the leading `n × n` upper triangle of `t`.
    static func dtrcon(upper t: Matrix, n: Int) throws(LinearAlgebraError) -> Double {
        if n == 0 { return 1 }
        let nn = try lapackInt(n), lda = try lapackInt(max(1, t.rows))
        var rcond = 0.0
        let info = LAPACKE_dtrcon(colMajor, char("1"), char("U"), char("N"), nn, t.storage, lda, &rcond)
        try check("dtrcon", info)
        return rcond
    }

    /// `dsyev`: eigenvalues (ascending) and eigenvectors (columns) of a symmetric matrix (upper
    /// triangle used). `divideAndConquer` runs `dsyevd` instead — the same decomposition, several
    /// times faster on large matrices (an R × R Gram matrix of thousands of replicate weights), at
    /// O(n²) more workspace.
    package static func dsyev(_ a: Matrix, divideAndConquer: Bool = false) throws(LinearAlgebraError) -> (values: [Double], vectors: Matrix) {
        guard a.rows == a.columns else { throw .dimensionMismatch("eigenvalues of a \(a.rows)×\(a.columns) matrix") }
        var v = a
        var w = [Double](repeating: 0, count: a.rows)
        if a.rows == 0 { return (w, v) }
        let n = try lapackInt(a.rows)
        let routine = divideAndConquer ? "dsyevd" : "dsyev"
        let info = divideAndConquer ? LAPACKE_dsyevd(colMajor, char("V"), char("U"), n, &v.storage, n, &w)
            : LAPACKE_dsyev(colMajor, char("V"), char("U"), n, &v.storage, n, &w)
        try check(routine, info)
        if info > 0 { throw .singular("\(routine) did not converge (\(info))") }
        return (w, v)
    }

    /// `dpotrf`: Cholesky factor of a symmetric positive-definite matrix (upper: A = UᵀU), in place
    /// in the upper triangle; positive `info` = the leading minor that is not positive definite.
    package static func dpotrf(_ a: inout Matrix) throws(LinearAlgebraError) {
        guard a.rows == a.columns else { throw .dimensionMismatch("Cholesky of a \(a.rows)×\(a.columns) matrix") }
        if a.rows == 0 { return }
        let n = try lapackInt(a.rows)
        let info = LAPACKE_dpotrf(colMajor, char("U"), n, &a.storage, n)
        try check("dpotrf", info)
        if info > 0 { throw .notPositiveDefinite(minor: Int(info)) }
    }

    /// `dpotri`: given the upper Cholesky factor U (A = UᵀU) in the upper triangle of `u`, overwrites
    /// that triangle with the upper triangle of A⁻¹ = U⁻¹U⁻ᵀ. Also used with a QR factor R, since
    /// RᵀR = AᵀA: it yields (AᵀA)⁻¹ without ever forming AᵀA.
    static func dpotri(_ u: inout Matrix) throws(LinearAlgebraError) {
        guard u.rows == u.columns else { throw .dimensionMismatch("dpotri of a \(u.rows)×\(u.columns) matrix") }
        if u.rows == 0 { return }
        let n = try lapackInt(u.rows)
        let info = LAPACKE_dpotri(colMajor, char("U"), n, &u.storage, n)
        try check("dpotri", info)
        if info > 0 { throw .singular("factor has a zero at diagonal \(info)") }
    }

    /// `dpotrs`: solves A·X = B given the upper Cholesky factor of A.
    static func dpotrs(factor u: Matrix, b: inout Matrix) throws(LinearAlgebraError) {
        guard u.rows == u.columns, b.rows == u.rows else {
            throw .dimensionMismatch("Cholesky solve: \(u.rows)×\(u.columns) factor, \(b.rows) rows")
        }
        if u.rows == 0 || b.columns == 0 { return }
        let n = try lapackInt(u.rows), nrhs = try lapackInt(b.columns)
        let info = LAPACKE_dpotrs(colMajor, char("U"), n, nrhs, u.storage, n, &b.storage, n)
        try check("dpotrs", info)
    }
}
