import SurveyNumerics

/// A cheap proof that replicate weights have full column rank under R's rule for the df,
/// `qr(repweights, tol = 1e-5)$rank` (LINPACK `dqrdc2`), so the exact rank computation can be
/// skipped — shared by the in-memory cell pass (`ReplicateDesign.cellTotals`) and the streamed
/// estimator (`StreamingEstimator.certifiedFullRank`).
///
/// `dqrdc2` sets column j aside when its residual after the columns kept before it falls below
/// tol·‖a_j‖ over all rows (a zero column always). With no column set aside, that residual is
/// the Cholesky diagonal U_jj of the Gram matrix of all rows, and it is at least the U_jj of the
/// Gram matrix of any subset of the rows (a least-squares fit on fewer rows fits no worse). So
/// U_jj(subset) ≥ `margin`·tol·‖a_j‖ for every j certifies rank R; the margin keeps rounding in
/// the Cholesky factor and in R's own downdated norms far from deciding. A failed Cholesky or a
/// smaller U_jj (a repeated or near-dependent column, too few distinct rows sampled) certifies
/// nothing, and the caller computes the rank exactly.
enum FullRankCertificate {
    /// R's tolerance and the safety factor on it.
    static let tolerance = 1e-5, margin = 10.0

    /// The in-memory pass samples the rows whose index is a multiple of this: about max(512, 4R)
    /// rows spread over the file (their Gram matrix is 512·R² multiply-adds: about a millisecond at R = 100).
    static func stride(rows n: Int, replicates r: Int) -> Int {
        max(1, n / max(512, 4 * r))
    }

    /// Whether `gram` (the R × R Gram matrix of a subset of the rows, upper triangle read) and
    /// `sumsOfSquares` (‖a_j‖² over all rows) certify rank R.
    static func certifies(gram: Matrix, sumsOfSquares: [Double]) -> Bool {
        let r = gram.rows
        guard r > 0, gram.columns == r, sumsOfSquares.count == r else { return false }
        var u = gram
        do { try LAPACK.dpotrf(&u) } catch { return false }
        for j in 0..<r {
            let norm = sumsOfSquares[j].squareRoot()
            guard norm.isFinite, norm > 0, u[j, j] >= margin * tolerance * norm else { return false }
        }
        return true
    }

    /// `certifies(gram:sumsOfSquares:)` for a subset given as its rows one after another (R values each).
    static func certifies(subset: [Double], replicates r: Int, sumsOfSquares: [Double]) -> Bool {
        guard r > 0, subset.count % r == 0, subset.count >= r * r else { return false }
        let m = subset.count / r
        // The subset column-major (m × R) for BLAS.
        var s = [Double](repeating: 0, count: m * r)
        for i in 0..<m { for j in 0..<r { s[i + j * m] = subset[i * r + j] } }
        var gram = Matrix(rows: r, columns: r)
        guard (try? gram.addCrossproduct(of: s, rows: m)) != nil else { return false }
        return certifies(gram: gram, sumsOfSquares: sumsOfSquares)
    }
}
