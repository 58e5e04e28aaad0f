#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// The x (and y = 1 − x, each to full relative precision) with I_x(a, b) = p, given both
/// p and q = 1 − p accurately (q matters when p is close to 1).
///
/// The smaller of p and q is targeted (I_x(a,b) = p ⇔ I_y(b,a) = q), so the residual is always a
/// directly computed tail. The unknown is whichever of x or y is below ½ at the root (decided by
/// I_½), so that its complement is never formed by cancellation — the F and t quantiles need
/// y/x when x ≈ 1 − 10⁻⁶. The root is polished by `solveLogNewton` from a normal approximation
/// (or the small-x power law I_x ≈ xᵃ/(a·B(a,b)) when that falls outside (0, 1)).
func inverseRegularizedIncompleteBeta(p: Double, q: Double, a: Double, b: Double) -> (x: Double, y: Double) {
    guard a > 0, b > 0, p >= 0, q >= 0, !p.isNaN, !q.isNaN else { return (.nan, .nan) }
    if p == 0 { return (0, 1) }
    if q == 0 { return (1, 0) }
    if p > q {
        let r = lowerBetaRoot(target: q, a: b, b: a)
        return (r.y, r.x)
    }
    return lowerBetaRoot(target: p, a: a, b: b)
}

/// Solves I_x(a, b) = target for target ≤ ½.
private func lowerBetaRoot(target: Double, a: Double, b: Double) -> (x: Double, y: Double) {
    let atHalf = regularizedIncompleteBeta(x: 0.5, y: 0.5, a: a, b: b).lower
    if atHalf == target { return (0.5, 0.5) }
    let solveForX = atHalf > target
    let logTarget = log(target)

    // Starting point: normal approximation, else the power law of the near tail.
    let mean = a / (a + b)
    let sd = (a * b / ((a + b) * (a + b) * (a + b + 1))).squareRoot()
    let z = Normal.standardQuantile(target)
    var x0 = mean + z * sd, y0 = b / (a + b) - z * sd
    if !(x0 > 0 && x0 < 1) {
        x0 = exp((logTarget + log(a) + SpecialFunctions.logBeta(a, b)) / a)
        y0 = 1 - x0
    }
    let start = solveForX ? x0 : y0

    let s = solveLogNewton(start: start, lowerBound: 0, upperBound: 0.5, increasing: solveForX) { s in
        let tails = solveForX
            ? regularizedIncompleteBeta(x: s, y: 1 - s, a: a, b: b)
            : regularizedIncompleteBeta(x: 1 - s, y: s, a: a, b: b)
        let residual = tails.lower > 0 ? log(tails.lower) - logTarget : -Double.infinity
        let slope = (solveForX ? 1 : -1) * tails.density / tails.lower
        return (residual, slope)
    }
    return solveForX ? (s, 1 - s) : (1 - s, s)
}
