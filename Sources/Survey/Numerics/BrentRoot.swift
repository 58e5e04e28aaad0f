/// Brent's root finder (Brent 1973, "Algorithms for minimization without derivatives", ch. 4;
/// the Forsythe–Malcolm–Moler `zeroin` form R's `uniroot` runs), so a root that R finds with
/// `uniroot(f, c(a, b), tol =)` is found here at the same point — which matters when f is a step
/// function and only the side of the jump where the search stops is defined (R's score interval
/// of `svyquantile`).
///
/// Keeps a bracket [b, c] with f(b), f(c) of opposite signs and |f(b)| ≤ |f(c)|; each step is an
/// inverse quadratic (or secant) interpolation when it falls well inside the bracket and shrinks
/// it fast enough, else bisection, and never shorter than the working tolerance
/// 2ε|b| + tol/2. Stops when half the bracket is within that tolerance or f(b) = 0, and returns b.
/// `fLower`, `fUpper` are f at the ends (opposite signs or zero; the caller checks).
/// Returns nil only when `maxIterations` pass without convergence.
package func brentRoot(lower: Double, upper: Double, fLower: Double, fUpper: Double, tolerance: Double,
               maxIterations: Int = 1000, _ f: (Double) throws -> Double) rethrows -> Double? {
    if fLower == 0 { return lower }
    if fUpper == 0 { return upper }
    // a: previous iterate; b: best iterate; c: the end of the bracket opposite b.
    var (a, fa) = (lower, fLower)
    var (b, fb) = (upper, fUpper)
    var (c, fc) = (a, fa)
    for _ in 0...maxIterations {
        let previousStep = b - a
        if abs(fc) < abs(fb) {
            (a, fa) = (b, fb)
            (b, fb) = (c, fc)
            (c, fc) = (a, fa)
        }
        let working = 2 * Double.ulpOfOne * abs(b) + tolerance / 2
        var step = (c - b) / 2
        if abs(step) <= working || fb == 0 { return b }
        if abs(previousStep) >= working && abs(fa) > abs(fb) {
            // Interpolate: step = p/q, the sign carried by q.
            let span = c - b
            var p: Double, q: Double
            if a == c {
                let s = fb / fa
                p = span * s
                q = 1 - s
            } else {
                let ac = fa / fc, bc = fb / fc, ba = fb / fa
                p = ba * (span * ac * (ac - bc) - (b - a) * (bc - 1))
                q = (ac - 1) * (bc - 1) * (ba - 1)
            }
            if p > 0 { q = -q } else { p = -p }
            if p < 0.75 * span * q - abs(working * q) / 2 && p < abs(previousStep * q / 2) {
                step = p / q
            }
        }
        if abs(step) < working { step = step > 0 ? working : -working }
        (a, fa) = (b, fb)
        b += step
        fb = try f(b)
        if (fb > 0 && fc > 0) || (fb < 0 && fc < 0) { (c, fc) = (a, fa) }
    }
    return nil
}
