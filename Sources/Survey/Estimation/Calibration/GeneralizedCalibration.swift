import SurveyNumerics

/// Calibration in the GREG family by Newton's method, as R `survey::calibrate` with a `calfun`
/// other than unbounded linear (R's `grake`): find λ so that the weights `w_i g(x_iᵀλ)` reproduce
/// the population totals `T`, with `g` from `CalibrationFunction` (bounded linear, raking, logit).
///
/// Each step solves `(Xᵀ diag(w g′) X) Δλ = T − Xᵀ(w g)` (by Householder QR of `√(w g′) X`), then
/// halves the step while any g is not finite. Converged when every
/// `|T_j − (Xᵀ w g)_j| / (1 + |T_j|) < epsilon` (R's test). As R does, when every population total
/// is more than 20 times its sample total, the design weights are first scaled by the mean of those
/// ratios (bounds then apply to the scaled weights) and g is multiplied back at the end.
///
/// Differences from R: R solves with a pseudo-inverse (`MASS::ginv`), so a step where too many
/// rows sit at a bound to identify λ still moves; here that is a `singular` error naming the column.
/// R's `cal.raking` derivative tests `u` rather than `eᵘ` against the bounds; the exact derivative is
/// used here (same fixed point, so the same weights at convergence).
struct GeneralizedCalibration {
    /// g-weights (calibrated ÷ design weight), one per row.
    let g: [Double]
    /// Newton iterations performed.
    let iterations: Int
    /// Whether the convergence test was met.
    let converged: Bool
    /// The largest `|T_j − achieved_j| / (1 + |T_j|)` at the end, and the column it belongs to.
    let worstMisfit: (column: Int, value: Double, achieved: Double)

    init(
        weights: [Double], x: Matrix, totals: [Double], names: [String], options: CalibrationOptions
    ) throws(CalibrationError) {
        let n = weights.count, p = x.columns
        var w = weights
        var sampleTotals = Self.totals(x, weights: w, g: nil)
        let ratios = (0..<p).map { totals[$0] / sampleTotals[$0] }
        var scale = 1.0
        if let smallest = ratios.min(), smallest > 20 {
            scale = ratios.reduce(0, +) / Double(p)
            w = w.map { $0 * scale }
            sampleTotals = sampleTotals.map { $0 * scale }
        }
        let (lower, upper, calfun) = (options.lowerBound, options.upperBound, options.calfun)
        var lambda = [Double](repeating: 0, count: p)
        var f = [Double](repeating: 0, count: n)
        var slope = [Double](repeating: 0, count: n)
        func evaluate(_ l: [Double]) throws(CalibrationError) {
            let u: [Double]
            do { u = try x.multiplied(by: l) } catch { throw .singular("\(error)") }
            for i in 0..<n { (f[i], slope[i]) = calfun.distance(u[i], lower: lower, upper: upper) }
        }
        func misfit() -> [Double] {
            let achieved = Self.totals(x, weights: w, g: f)
            return (0..<p).map { totals[$0] - sampleTotals[$0] - achieved[$0] }
        }
        try evaluate(lambda)
        var iterations = 1
        var converged = false
        var gap = misfit()
        while true {
            var scaled = x
            for j in 0..<p { for i in 0..<n { scaled[i, j] *= (w[i] * slope[i]).squareRoot() } }
            var step: [Double]
            do { step = try ProjectionQR(scaled, names: names).solveNormalEquations(gap) } catch {
                throw .singular(
                    "\(error) in Newton step \(iterations) (\(calfun.rawValue) calibration): too many weights at "
                        + "their bounds to meet every margin; widen --bounds")
            }
            lambda = (0..<p).map { lambda[$0] + step[$0] }
            try evaluate(lambda)
            while iterations < options.maxIterations && !(f.allSatisfy(\.isFinite) && slope.allSatisfy(\.isFinite)) {
                iterations += 1
                step = step.map { $0 / 2 }
                lambda = (0..<p).map { lambda[$0] - step[$0] }
                try evaluate(lambda)
            }
            gap = misfit()
            if (0..<p).allSatisfy({ abs(gap[$0]) / (1 + abs(totals[$0])) < options.epsilon }) {
                converged = true
                break
            }
            iterations += 1
            if iterations > options.maxIterations { break }
        }
        let relative = (0..<p).map { abs(gap[$0]) / (1 + abs(totals[$0])) }
        let worst = relative.indices.max { relative[$0] < relative[$1] } ?? 0
        self.worstMisfit = (worst, relative.isEmpty ? 0 : relative[worst], totals.isEmpty ? 0 : totals[worst] - gap[worst])
        self.g = f.map { (1 + $0) * scale }
        self.iterations = iterations
        self.converged = converged
    }

    /// `Xᵀ(w ⊙ g)` (or `Xᵀw` without g).
    static func totals(_ x: Matrix, weights: [Double], g: [Double]?) -> [Double] {
        (0..<x.columns).map { j in
            var s = 0.0
            for i in 0..<x.rows { s += x[i, j] * weights[i] * (g?[i] ?? 1) }
            return s
        }
    }
}
