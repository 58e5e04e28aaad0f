import Foundation

/// The linear algebra the trend models need, in one place, all through the numerics layer
/// (LAPACK underneath): weighted least squares with its unscaled covariance (`LeastSquares`:
/// column-scaled pivoted QR with iterative refinement), the inverse of a small cross-product
/// (`ProjectionQR`), and the binomial logit GLM (`GeneralizedLinearModel`, IRLS).
enum TrendAlgebra {
    /// Weighted least squares β = argmin Σ wᵢ(yᵢ − xᵢᵀβ)² and (XᵀWX)⁻¹ (unscaled).
    static func weightedLeastSquares(x: Matrix, y: [Double], weights w: [Double]) throws(LinearAlgebraError) -> (coefficients: [Double], unscaledCovariance: Matrix) {
        let n = x.rows
        guard n > x.columns else { throw .tooFewObservations(observations: n, parameters: x.columns) }
        let terms = (0..<x.columns).map { j in DesignTerm.variable("x\(j + 1)", x.column(j)) }
        let design = WeightedDesign(terms: terms, observations: n, weights: w, centre: false)
        let s = try LeastSquares.solve(design: design, response: y)
        return (s.coefficients, s.unscaledCovariance)
    }

    /// (AᵀA)⁻¹ for a tall matrix A of full column rank, from its QR factor (never forming AᵀA).
    static func inverseCrossProduct(_ a: Matrix) throws(LinearAlgebraError) -> Matrix {
        let qr = try ProjectionQR(a)
        let p = a.columns
        var inv = Matrix(rows: p, columns: p)
        for j in 0..<p {
            var e = [Double](repeating: 0, count: p)
            e[j] = 1
            let c = try qr.solveNormalEquations(e)
            for i in 0..<p { inv[i, j] = c[i] }
        }
        return inv
    }

    /// Binomial GLM with logit link of `response` (shares) on (1, time) with prior weights m.
    static func binomialLogit(time: [Double], response y: [Double], priorWeights m: [Double]) throws(LinearAlgebraError) -> BinomialFit {
        var model = GeneralizedLinearModel(
            response: y, terms: [.intercept, .variable("time", time)], family: .binomial, priorWeights: m)
        model.tolerance = 1e-14
        model.maxIterations = 100
        let fit: GLMFit
        do {
            fit = try model.fit()
        } catch .notConverged(let message) where message.contains("did not converge") {
            // 1e-14 on the relative deviance change is below the rounding noise of the deviance
            // when the fit is very good (deviance ≈ 10 from terms of size ≈ m ≈ 1000: e.g. Gallup
            // Uzbekistan/China approval with n = 1000), so IRLS circles without ever meeting it.
            // IRLS converges quadratically: once the change is below 1e-10 the coefficients are
            // converged to far below any reported digit (R's glm stops at 1e-8).
            model.tolerance = 1e-10
            fit = try model.fit()
        }
        return BinomialFit(
            coefficients: fit.coefficients, unscaledCovariance: fit.unscaledCovariance.storage, fitted: fit.fittedValues)
    }
}
