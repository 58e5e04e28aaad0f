/// A cheap proof that replicate weights have full column rank under R's rule for the df,
/// `qr(repweights, tol = 1e-5)$rank` (LINPACK `dqrdc2`), so the exact rank computation can be skipped.
///
/// `dqrdc2` sets column j aside only when its residual after projection on the columns kept
/// before it falls below tol·‖a_j‖ (‖a_j‖ over all rows; a zero column always). That residual is
/// at least the residual of a_j on all the other columns, which in turn is at least the same
/// residual over any subset S of the rows (a least-squares fit on fewer rows fits no worse).
/// So if, on S, every column's residual on the others is at least `margin`·tol·‖a_j‖, no column
/// is set aside and the rank is R. The residuals on S come from its Gram matrix G = SᵀS:
/// residual_j² = 1 / (G⁻¹)_jj. The margin absorbs rounding in both this check and `dqrdc2`.
/// A design it does not certify (a repeated or near-dependent column, too few distinct rows in S)
/// falls back to the exact computation.
enum FullRankCertificate {
    /// R's tolerance and the safety factor on it.
    static let tolerance = 1e-5, margin = 10.0

    /// S is the rows whose index is a multiple of this: about max(512, 4R) rows spread over the file
    /// (its Gram matrix costs 512·R² multiply-adds: a millisecond at R = 100).
    static func stride(rows n: Int, replicates r: Int) -> Int {
        max(1, n / max(512, 4 * r))
    }

    /// Whether the rank is certified full: `subset` holds the rows of S one after another (R
    /// values each), `sumsOfSquares[j]` is ‖a_j‖² over all rows.
    static func certifies(subset: [Double], replicates r: Int, sumsOfSquares: [Double]) -> Bool {
        guard r > 0, sumsOfSquares.count == r, subset.count % r == 0 else { return false }
        let m = subset.count / r
        guard m >= r, sumsOfSquares.allSatisfy({ $0 > 0 && $0.isFinite }) else { return false }
        // S column-major (m × R) for the Gram matrix.
        var s = [Double](repeating: 0, count: m * r)
        for i in 0..<m { for j in 0..<r { s[i + j * m] = subset[i * r + j] } }
        var gram = Matrix(rows: r, columns: r)
        guard (try? gram.addCrossproduct(of: s, rows: m)) != nil,
              let inverse = try? Cholesky(gram).inverse() else { return false }
        let bound = (margin * tolerance) * (margin * tolerance)
        // residual_j² = 1/(G⁻¹)_jj ≥ bound·‖a_j‖²  ⇔  (G⁻¹)_jj · bound · ‖a_j‖² ≤ 1.
        return (0..<r).allSatisfy { j in
            let g = inverse[j, j]
            return g > 0 && g.isFinite && g * bound * sumsOfSquares[j] <= 1
        }
    }
}
