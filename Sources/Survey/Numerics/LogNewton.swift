#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Finds the root of a monotone function on (lowerBound, upperBound) ⊂ (0, ∞) by Newton's
/// method in log s, safeguarded by a bracket.
///
/// `evaluate(s)` returns the residual r(s) = log(F(s)/target) and its derivative dr/ds. Working
/// with log F and log s makes the tails (F ≈ c·sᵃ, so r is linear in log s) converge in one or
/// two steps from a rough start. Every evaluation narrows the bracket; a step that leaves it is
/// replaced by bisection (geometric when the bracket spans more than a factor of 4, since roots
/// such as 10⁻²⁴ are found from 0.5). Stops when the step is below 2 ulp relative, the bracket
/// has closed, or after 300 evaluations (returning the best point so far).
func solveLogNewton(
    start: Double, lowerBound: Double, upperBound: Double, increasing: Bool,
    evaluate: (Double) -> (residual: Double, slope: Double)
) -> Double {
    var lo = lowerBound, hi = upperBound
    var s = min(max(start, lo), hi)
    if !(s > lo && s < hi) { s = nextGuess(lo: lo, hi: hi) }
    var best = s, bestResidual = Double.infinity
    for _ in 0..<300 {
        let (r, slope) = evaluate(s)
        if r == 0 { return s }
        if abs(r) < bestResidual { best = s; bestResidual = abs(r) }
        if r.isNaN { return best }
        if (r > 0) == increasing { hi = s } else { lo = s }
        var next = s * exp(max(-50, min(50, -r / (s * slope))))
        if !(next > lo && next < hi) || !next.isFinite || slope.isNaN || slope == 0 {
            next = nextGuess(lo: lo, hi: hi)
        }
        if abs(next - s) <= 2 * Double.ulpOfOne * s || (hi.isFinite && hi - lo <= 4 * Double.ulpOfOne * hi) {
            // Converged: take the closer of the two final points by residual.
            if next == s { return s }
            let (rn, _) = evaluate(next)
            return abs(rn) <= abs(r) ? next : s
        }
        s = next
    }
    return best
}

/// Bisection point of (lo, hi): geometric mean when the bracket spans more than a factor of 4,
/// a step of 16 towards an open end (0 or ∞), else the midpoint.
private func nextGuess(lo: Double, hi: Double) -> Double {
    if hi == .infinity { return max(lo, 1e-300) * 16 }
    if lo <= 0 { return hi / 16 }
    if hi / lo > 4 { return (lo * hi).squareRoot() }
    return lo + (hi - lo) / 2
}
