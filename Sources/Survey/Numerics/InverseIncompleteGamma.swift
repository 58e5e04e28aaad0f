#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// The x with P(a, x) = p, given p and q = 1 − p (the smaller one is targeted, so upper-tail
/// quantiles near p = 1 keep their accuracy).
///
/// Starts from the Wilson–Hilferty cube-root normal approximation
/// x ≈ a·(1 − 1/(9a) + z/(3√a))³, or the small-x power law P ≈ xᵃ/Γ(a + 1) when that is not
/// positive, and polishes with `solveLogNewton` on log P − log p (or log Q − log q).
func inverseRegularizedIncompleteGamma(a: Double, p: Double, q: Double) -> Double {
    guard a > 0, p >= 0, q >= 0, !p.isNaN, !q.isNaN else { return .nan }
    if p == 0 { return 0 }
    if q == 0 { return .infinity }
    let useLower = p <= q
    let logTarget = log(useLower ? p : q)
    let z = useLower ? Normal.standardQuantile(p) : -Normal.standardQuantile(q)
    let c = 1 / (9 * a)
    let cube = 1 - c + z * c.squareRoot()
    var start = a * cube * cube * cube
    if !(start > 0) || (useLower && p < 1e-3 && a < 1) {
        start = exp((log(p) + SpecialFunctions.logGamma(a + 1)) / a)
    }
    return solveLogNewton(start: start, lowerBound: 0, upperBound: .infinity, increasing: useLower) { x in
        let tails = regularizedIncompleteGamma(a: a, x: x)
        let tail = useLower ? tails.lower : tails.upper
        let residual = tail > 0 ? log(tail) - logTarget : -Double.infinity
        let slope = (useLower ? 1 : -1) * tails.density / tail
        return (residual, slope)
    }
}
