#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// The least-squares core shared by `LinearModel` (OLS/WLS) and `GeneralizedLinearModel` (IRLS).
///
/// Goals, in priority order (see `docs/accuracy.md` for the measured result):
/// 1. Never solve the normal equations and never return an answer for a rank-deficient design:
///    the scaled design A = W^½XS is factored by rank-revealing QR (`dgeqp3`), and columns whose
///    |R_kk| falls below `rankTolerance`·|R_00| are named in `.rankDeficient(columns:)`.
/// 2. NIST StRD accuracy beyond what a double-precision QR gives (≈ 8 digits on Filip): Björck's
///    iterative refinement of the augmented system
///        [ I  A ] [r]   [b]
///        [ Aᵀ 0 ] [x] = [c]
///    with the residuals f = b − r − A·x and g = c − Aᵀr computed in `ExtendedFloat` from the
///    design evaluated in extended precision (`DesignTerm` keeps powers symbolic), and each
///    correction solved with the double-precision QR factors:
///        h = R⁻ᵀg,  d = Qᵀf,  δx = R⁻¹(d₁ − h),  δr = Q·[h; d₂].
///    Unlike refining x alone, this also converges for large-residual problems (Wampler 4/5).
///    Ref: Å. Björck, "Iterative refinement of linear least squares solutions I", BIT 7 (1967);
///    Björck, *Numerical Methods for Least Squares Problems* (SIAM 1996), §2.9.
/// 3. Covariance (AᵀA)⁻¹ from `dpotri` on R; when R is ill-conditioned (reciprocal condition
///    below `covarianceRefinementThreshold`) each column is refined the same way (b = 0, c = −e_k,
///    whose solution x is column k of (AᵀA)⁻¹).
/// 4. Speed: O(np²) in LAPACK; each refinement step is one O(np) pass in extended precision.
package enum LeastSquares {
    /// Default relative tolerance on |R_kk| / |R_00| for the numerical rank (columns scaled to
    /// norm in [1, 2)). Exactly collinear data give ratios near 1e-16; the hardest certified NIST
    /// problem (Filip, degree-10 polynomial) has 6e-10; at 1e-12 refinement still contracts by
    /// about 1e-4 per step, so everything accepted is solved to full accuracy.
    static let defaultRankTolerance = 1e-12
    /// Refine the covariance when `dtrcon`'s reciprocal condition of R is below this (the
    /// double-precision (RᵀR)⁻¹ then loses more than ~6 of its 16 digits).
    static let covarianceRefinementThreshold = 1e-6
    /// Default cap on refinement steps (the first step is the plain QR solution).
    static let defaultMaxSteps = 12

    /// Solves min ‖W^½(y − Xβ)‖₂.
    package static func solve(
        design: WeightedDesign, response y: [Double], rankTolerance: Double = defaultRankTolerance,
        maxSteps: Int = defaultMaxSteps
    ) throws(LinearAlgebraError) -> LeastSquaresSolution {
        let m = design.count, p = design.terms.count
        guard m >= p else { throw .tooFewObservations(observations: m, parameters: p) }
        try checkConstantPredictors(design)
        let a = design.matrix
        for j in 0..<p where !(0..<m).allSatisfy({ a[$0, j].isFinite }) {
            throw .invalidData("\(design.terms[j].name) overflows double precision (|value| > 1.8e308)")
        }
        let qr = try PivotedQR(a, rankTolerance: rankTolerance)
        guard qr.rank == p else {
            let dropped = qr.permutation[qr.rank...].sorted().map { design.terms[$0].name }
            throw .rankDeficient(columns: dropped)
        }
        let solver = AugmentedSolver(design: design, qr: qr)
        let b = design.weightedResponse(y)
        let (x, r, steps) = try solver.refine(b: b, c: [ExtendedFloat](repeating: 0, count: p), maxSteps: maxSteps)

        // Covariance (AᵀA)⁻¹ in pivoted, scaled coordinates.
        let rcond = try qr.reciprocalCondition()
        var c = try qr.inverseCrossProduct()
        if rcond < covarianceRefinementThreshold {
            for k in 0..<p {
                var e = [ExtendedFloat](repeating: 0, count: p)
                e[k] = -1
                let (ck, _, _) = try solver.refine(b: [ExtendedFloat](repeating: 0, count: m), c: e, maxSteps: maxSteps)
                for a in 0..<p { c[a, k] = Double(ck[a]) }
            }
            for k in 0..<p { for a in 0..<k { let v = (c[a, k] + c[k, a]) / 2; c[a, k] = v; c[k, a] = v } }
        }
        // Undo pivoting and scaling: β_perm[a] = s·x_a, Cov_perm[a],perm[b] = s_a s_b C_ab.
        var beta = [Double](repeating: 0, count: p)
        var betaExtended = [ExtendedFloat](repeating: 0, count: p)
        var cov = Matrix(rows: p, columns: p)
        for a in 0..<p {
            let ja = qr.permutation[a]
            betaExtended[ja] = x[a] * ExtendedFloat(design.scales[ja])
            beta[ja] = Double(betaExtended[ja])
            for bb in 0..<p {
                let jb = qr.permutation[bb]
                cov[ja, jb] = c[a, bb] * design.scales[ja] * design.scales[jb]
            }
        }
        if let centring = design.centring {   // back from powers of z = (x − c)/h to powers of x
            let n = centring.basisChange(parameters: p)
            betaExtended = PolynomialCentring.apply(n, to: betaExtended)
            beta = betaExtended.map { Double($0) }
            cov = PolynomialCentring.transform(n, covariance: cov)
        }
        return LeastSquaresSolution(
            coefficients: beta, extendedCoefficients: betaExtended, unscaledCovariance: cov,
            weightedResiduals: r, refinementSteps: steps, reciprocalCondition: rcond)
    }

    /// With an intercept, a predictor that is constant over the used rows duplicates it; name
    /// such predictors directly (QR pivoting could otherwise name the intercept instead).
    private static func checkConstantPredictors(_ design: WeightedDesign) throws(LinearAlgebraError) {
        guard design.terms.contains(where: \.isIntercept), let first = design.rows.first else { return }
        var constant: [String] = []
        for term in design.terms {
            guard case .variable(let v, _) = term.kind else { continue }
            let x0 = v[first]
            if design.rows.allSatisfy({ v[$0] == x0 }) { constant.append(term.name) }
        }
        if !constant.isEmpty { throw .rankDeficient(columns: constant) }
    }
}

/// What `LeastSquares.solve` returns, in the caller's column order.
package struct LeastSquaresSolution {
    /// β, rounded to `Double`.
    package let coefficients: [Double]
    /// β as refined, before rounding (used to evaluate fitted values in extended precision).
    let extendedCoefficients: [ExtendedFloat]
    /// (XᵀWX)⁻¹.
    package let unscaledCovariance: Matrix
    /// √wᵢ(yᵢ − xᵢβ) for the used rows, in extended precision.
    let weightedResiduals: [ExtendedFloat]
    /// Refinement steps taken (1 = the plain QR solution was already converged).
    let refinementSteps: Int
    /// `dtrcon` reciprocal condition of R for the scaled design.
    let reciprocalCondition: Double
}
