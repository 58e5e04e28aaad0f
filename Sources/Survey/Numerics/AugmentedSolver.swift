/// Björck's iterative refinement for the augmented least-squares system
///
///     r + A·x = b,   Aᵀ·r = c,
///
/// A = `design` (scaled, pivoted by `qr`). For c = 0 this is min ‖b − Ax‖ with residual r; for
/// b = 0, c = −e_k the solution x is column k of (AᵀA)⁻¹. See `LeastSquares` for the algorithm
/// and references. All vectors here are in the pivoted order of `qr`.
struct AugmentedSolver {
    let design: WeightedDesign
    let qr: PivotedQR

    /// Stop when every |δx_a| ≤ `componentTolerance`·|x_a| (2⁻⁵⁶: the next step could not change
    /// the `Double` rounding of x).
    static let componentTolerance = Double.ulpOfOne / 16

    /// Iterates from x = 0, r = 0 (whose first step is the plain QR solution) until the correction
    /// is negligible, stops getting smaller (the problem is too ill-conditioned for refinement to
    /// help further; the last, larger correction is then not applied), or `maxSteps` is reached.
    func refine(
        b: [ExtendedFloat], c: [ExtendedFloat], maxSteps: Int
    ) throws(LinearAlgebraError) -> (x: [ExtendedFloat], r: [ExtendedFloat], steps: Int) {
        let m = design.count, p = qr.columns
        var x = [ExtendedFloat](repeating: 0, count: p)
        var r = [ExtendedFloat](repeating: 0, count: m)
        var previousNorm = Double.infinity
        var steps = 0
        var column = [ExtendedFloat](repeating: 0, count: m)
        while steps < max(1, maxSteps) {
            // Residuals of the augmented system in extended precision.
            var f = [ExtendedFloat](repeating: 0, count: m)
            for i in 0..<m { f[i] = b[i] - r[i] }
            var g = [Double](repeating: 0, count: p)
            // From x = 0, r = 0 the residuals are just (b, c): skip the pass over the design.
            for a in 0..<p where steps == 0 { g[a] = Double(c[a]) }
            for a in 0..<p where steps > 0 {
                design.column(qr.permutation[a], into: &column)
                let xa = x[a]
                var dot: ExtendedFloat = 0
                for i in 0..<m {
                    f[i] -= column[i] * xa
                    dot += column[i] * r[i]
                }
                g[a] = Double(c[a] - dot)
            }
            let (dx, dr) = try correction(f: f.map { Double($0) }, g: g)
            let norm = dx.reduce(0) { max($0, abs($1)) }
            // Not contracting: the problem is beyond what refinement can improve; keep the iterate.
            if steps > 0 && norm >= previousNorm && norm > 0 { break }
            for a in 0..<p { x[a] += ExtendedFloat(dx[a]) }
            for i in 0..<m { r[i] += ExtendedFloat(dr[i]) }
            steps += 1
            previousNorm = norm
            var converged = true
            for a in 0..<p where abs(dx[a]) > Self.componentTolerance * abs(Double(x[a])) {
                converged = false
                break
            }
            if converged { break }
        }
        return (x, r, steps)
    }

    /// One correction: h = R⁻ᵀg, d = Qᵀf, δx = R⁻¹(d₁ − h), δr = Q·[h; d₂].
    private func correction(f: [Double], g: [Double]) throws(LinearAlgebraError) -> (dx: [Double], dr: [Double]) {
        let p = qr.columns
        let h = try qr.solveRTransposed(g)
        var d = try qr.qTransposed(times: f)
        var top = [Double](repeating: 0, count: p)
        for a in 0..<p { top[a] = d[a] - h[a] }
        let dx = try qr.solveR(top)
        for a in 0..<p { d[a] = h[a] }
        let dr = try qr.q(times: d)
        return (dx, dr)
    }
}
