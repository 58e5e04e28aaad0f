import Foundation

/// The linear algebra the trend models need, in one place so every factorisation goes through the
/// numerics layer (LAPACK): weighted least squares with its unscaled covariance, the inverse of
/// a small positive-definite cross-product, and the binomial logit fit.
enum TrendAlgebra {
    /// Weighted least squares β = argmin Σ wᵢ(yᵢ − xᵢᵀβ)² and (XᵀWX)⁻¹.
    ///
    /// QR of W^½X (LAPACK `dgeqrf`, `ProjectionQR`); β from the semi-normal equations RᵀRβ = XᵀWy
    /// followed by one step of iterative refinement on the residuals (corrected semi-normal
    /// equations, as accurate as Qᵀy for these well-conditioned, centred-time designs); the
    /// covariance by solving RᵀR C = I column by column.
    static func weightedLeastSquares(x: Matrix, y: [Double], weights w: [Double]) throws(LinearAlgebraError) -> (coefficients: [Double], unscaledCovariance: Matrix) {
        let n = x.rows, p = x.columns
        guard n > p else { throw .tooFewObservations(observations: n, parameters: p) }
        var a = x
        var b = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let s = w[i].squareRoot()
            for j in 0..<p { a[i, j] *= s }
            b[i] = y[i] * s
        }
        let qr = try ProjectionQR(a)
        var beta = try qr.solveNormalEquations(try a.multiplied(by: b, transposed: true))
        let fitted = try a.multiplied(by: beta)
        let r = (0..<n).map { b[$0] - fitted[$0] }
        let correction = try qr.solveNormalEquations(try a.multiplied(by: r, transposed: true))
        for j in 0..<p { beta[j] += correction[j] }
        var cov = Matrix(rows: p, columns: p)
        for j in 0..<p {
            var e = [Double](repeating: 0, count: p)
            e[j] = 1
            let c = try qr.solveNormalEquations(e)
            for i in 0..<p { cov[i, j] = c[i] }
        }
        return (beta, cov)
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

    /// Binomial GLM with logit link of `response` (shares) on (1, time) with prior weights,
    /// by iteratively reweighted least squares from the empirical logits; converged when the
    /// relative change in deviance is below 1e-14 (at most 100 iterations).
    static func binomialLogit(time: [Double], response y: [Double], priorWeights m: [Double]) throws(LinearAlgebraError) -> BinomialFit {
        let n = y.count
        var x = Matrix(rows: n, columns: 2)
        for i in 0..<n { x[i, 0] = 1; x[i, 1] = time[i] }
        var eta = y.map { log($0 / (1 - $0)) }
        var mu = y
        var deviance = Double.infinity
        var fit: (coefficients: [Double], unscaledCovariance: Matrix) = ([0, 0], Matrix(rows: 2, columns: 2))
        for _ in 0..<100 {
            var z = [Double](repeating: 0, count: n), w = [Double](repeating: 0, count: n)
            for i in 0..<n {
                let v = mu[i] * (1 - mu[i])
                z[i] = eta[i] + (y[i] - mu[i]) / v
                w[i] = m[i] * v
            }
            fit = try weightedLeastSquares(x: x, y: z, weights: w)
            var dev = 0.0
            for i in 0..<n {
                eta[i] = fit.coefficients[0] + fit.coefficients[1] * time[i]
                mu[i] = expit(eta[i])
                dev += 2 * m[i] * (xlogy(y[i], y[i] / mu[i]) + xlogy(1 - y[i], (1 - y[i]) / (1 - mu[i])))
            }
            let done = abs(dev - deviance) <= 1e-14 * (abs(dev) + 0.1)
            deviance = dev
            if done { break }
        }
        // Covariance at the final μ.
        var w = [Double](repeating: 0, count: n), z = [Double](repeating: 0, count: n)
        for i in 0..<n { w[i] = m[i] * mu[i] * (1 - mu[i]); z[i] = eta[i] }
        let final = try weightedLeastSquares(x: x, y: z, weights: w)
        return BinomialFit(
            coefficients: fit.coefficients, unscaledCovariance: final.unscaledCovariance.storage, fitted: mu)
    }

    /// x·log(y) with 0·log(·) = 0.
    @inline(__always)
    static func xlogy(_ x: Double, _ y: Double) -> Double { x == 0 ? 0 : x * log(y) }
}
