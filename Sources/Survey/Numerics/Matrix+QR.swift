/// A rank-revealing QR factorization with column pivoting, A·P = Q·R (LAPACK `dgeqp3`).
///
/// Goals, in priority order: (1) never return a garbage answer for a rank-deficient matrix — the
/// numerical rank is decided here and callers name the dropped columns; (2) keep Q implicit
/// (Householder reflectors applied with `dormqr`), so an n × p problem needs O(np) memory;
/// (3) speed through LAPACK's blocked routines.
///
/// Rank rule: with the pivoting of `dgeqp3`, |R_00| ≥ |R_11| ≥ … (up to rounding) and |R_kk| is
/// the distance of pivoted column k from the span of the columns before it. Column k counts as
/// independent when |R_kk| > `rankTolerance` · |R_00|. Callers that scale columns to unit norm
/// first (as `LeastSquares` does) make this a scale-free test: a column closer than
/// `rankTolerance` (relative) to a combination of the others is treated as collinear.
public struct PivotedQR: Sendable {
    /// R (upper triangle) and the Householder vectors (below it), as `dgeqp3` leaves them.
    let factors: Matrix
    let tau: [Double]
    /// Column `j` of A·P is column `permutation[j]` of A (0-based).
    public let permutation: [Int]
    /// Numerical rank under `rankTolerance`.
    public let rank: Int
    /// The tolerance the rank was decided with (relative to |R_00|).
    public let rankTolerance: Double

    /// Factors `a`; throws only for LAPACK failures (rank deficiency is reported through `rank`).
    public init(_ a: Matrix, rankTolerance: Double) throws(LinearAlgebraError) {
        var f = a
        let (tau, perm) = try LAPACK.dgeqp3(&f)
        factors = f
        self.tau = tau
        permutation = perm
        self.rankTolerance = rankTolerance
        let k = min(a.rows, a.columns)
        let r00 = k > 0 ? abs(f[0, 0]) : 0
        var r = 0
        while r < k, abs(f[r, r]) > rankTolerance * r00, abs(f[r, r]) > 0 { r += 1 }
        rank = r
    }

    /// Rows of A.
    public var rows: Int { factors.rows }
    /// Columns of A.
    public var columns: Int { factors.columns }

    /// |R_kk| for k < min(rows, columns), non-increasing up to rounding.
    public var diagonalOfR: [Double] { factors.diagonal }

    /// Qᵀ·b (length `rows`).
    public func qTransposed(times b: [Double]) throws(LinearAlgebraError) -> [Double] {
        var c = try Matrix(rows: b.count, columns: 1, storage: b)
        try LAPACK.dormqr(factors: factors, tau: tau, k: tau.count, c: &c, transpose: true)
        return c.storage
    }

    /// Q·b (length `rows`).
    public func q(times b: [Double]) throws(LinearAlgebraError) -> [Double] {
        var c = try Matrix(rows: b.count, columns: 1, storage: b)
        try LAPACK.dormqr(factors: factors, tau: tau, k: tau.count, c: &c, transpose: false)
        return c.storage
    }

    /// Solves R₁₁·x = b, R₁₁ the leading `rank × rank` block of R (`dtrtrs`); b has `rank` entries.
    public func solveR(_ b: [Double]) throws(LinearAlgebraError) -> [Double] {
        var m = try Matrix(rows: b.count, columns: 1, storage: b)
        try LAPACK.dtrtrs(upper: factors, n: rank, b: &m, transpose: false)
        return m.storage
    }

    /// Solves R₁₁ᵀ·x = b (`dtrtrs` with transpose).
    public func solveRTransposed(_ b: [Double]) throws(LinearAlgebraError) -> [Double] {
        var m = try Matrix(rows: b.count, columns: 1, storage: b)
        try LAPACK.dtrtrs(upper: factors, n: rank, b: &m, transpose: true)
        return m.storage
    }

    /// (R₁₁ᵀR₁₁)⁻¹ = R₁₁⁻¹R₁₁⁻ᵀ, the `rank × rank` unscaled covariance in pivoted order, from
    /// LAPACK `dpotri` applied to R₁₁ (RᵀR equals (A·P)ᵀ(A·P), so no cross-product is formed).
    /// The full symmetric matrix is returned.
    public func inverseCrossProduct() throws(LinearAlgebraError) -> Matrix {
        var r = Matrix(rows: rank, columns: rank)
        for j in 0..<rank { for i in 0...j { r[i, j] = factors[i, j] } }
        try LAPACK.dpotri(&r)
        for j in 0..<rank { for i in 0..<j { r[j, i] = r[i, j] } }
        return r
    }

    /// Reciprocal 1-norm condition number of R₁₁ (`dtrcon`), an estimate of 1/cond(A·P) for the
    /// retained columns; 1 is perfectly conditioned, near 1e-16 is numerically singular.
    public func reciprocalCondition() throws(LinearAlgebraError) -> Double {
        try LAPACK.dtrcon(upper: factors, n: rank)
    }
}
