#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Both tails of the regularized incomplete beta function and the density at the point.
struct BetaTails: Sendable {
    /// I_x(a, b) = P(X ≤ x) for X ~ Beta(a, b).
    var lower: Double
    /// 1 − I_x(a, b) = I_y(b, a), computed directly when it is the smaller tail.
    var upper: Double
    /// The Beta(a, b) density at x, x^(a−1) y^(b−1) / B(a, b).
    var density: Double
}

/// The regularized incomplete beta function I_x(a, b) for a, b > 0.
///
/// The caller passes both x and y = 1 − x: near x = 1 the complement must be known to full
/// *relative* precision (the t and F tails with 10⁶ degrees of freedom live at x ≈ 1 − 10⁻⁵), so
/// it is never recomputed as 1 − x here.
///
/// Method (goals in order: relative accuracy of the smaller tail, then speed):
/// 1. The tail that lies on the near side of the switch point (a + 1)/(a + b + 2) (close to the
///    mean) is computed directly; the other is 1 minus it, which is at least about ½ so the
///    subtraction loses nothing.
/// 2. That tail is K/a · 1/CF, with K = x^a y^b / B(a, b) from `logBetaPrefactor` (Stirling-based,
///    no `lgamma` cancellation) and CF the even contraction of the classical continued fraction
///    (Abramowitz & Stegun 26.5.8), evaluated by the modified Lentz method. The contraction's
///    partial denominators are rewritten in terms of y (see `contractedFraction`) so that no
///    "1 − (nearly 1)" occurs when x is close to 1.
///
/// `deviation`, if given, is s = x·b − y·a = (a + b)(x − a/(a + b)), the scaled distance from the
/// centre, which callers that know x only as a formula (t: ν/(ν + t²), F: ν₁F/(ν₁F + ν₂)) can form
/// without rounding x first; near the centre with a, b ~ 10⁶ one ulp of x is 10⁻¹² of the tail.
func regularizedIncompleteBeta(x: Double, y: Double, a: Double, b: Double, deviation: Double? = nil) -> BetaTails {
    guard a > 0, b > 0, x >= 0, y >= 0, !x.isNaN, !y.isNaN else {
        return BetaTails(lower: .nan, upper: .nan, density: .nan)
    }
    if x == 0 { return BetaTails(lower: 0, upper: 1, density: a < 1 ? .infinity : (a == 1 ? b : 0)) }
    if y == 0 { return BetaTails(lower: 1, upper: 0, density: b < 1 ? .infinity : (b == 1 ? a : 0)) }
    // s = x(a+b) − a or b − y(a+b), from the smaller of x, y with one fused rounding.
    let s = deviation ?? (x <= y ? (-a).addingProduct(x, a + b) : -((-b).addingProduct(y, a + b)))
    let logK = logBetaPrefactor(x: x, y: y, a: a, b: b, deviation: s)
    let k = exp(logK)
    let density = exp(logK - log(x) - log(y))
    if x <= (a + 1) / (a + b + 2) {
        let lower = k / (a * contractedFraction(x: x, y: y, a: a, b: b, deviation: s))
        return BetaTails(lower: lower, upper: 1 - lower, density: density)
    }
    let upper = k / (b * contractedFraction(x: y, y: x, a: b, b: a, deviation: -s))
    return BetaTails(lower: 1 - upper, upper: upper, density: density)
}

/// log(x^a y^b / B(a, b)), accurate in absolute terms even when a, b ~ 10⁶.
///
/// With both parameters large, Stirling's formula turns it into
/// a·log1pmx(u) + b·log1pmx(v) + ½ log(ab / (2π(a + b))) − δ(a) − δ(b) + δ(a + b),
/// where x = x₀(1 + u), y = y₀(1 + v) around the mode-like point x₀ = a/(a + b) and
/// a·u + b·v = 0 (so the large linear terms cancel exactly). The deviation x − x₀ is formed as
/// x(a + b) − a (or b − y(a + b)) from the smaller of x and y, avoiding 1 − x.
func logBetaPrefactor(x: Double, y: Double, a: Double, b: Double, deviation s: Double) -> Double {
    let threshold = SpecialFunctions.stirlingThreshold
    // log x and log y, each through log1p of the other when it is close to 1.
    let logX = x < y ? log(x) : log1p(-y)
    let logY = y < x ? log(y) : log1p(-x)
    if a >= threshold && b >= threshold {
        // u = s/a, v = −s/b from the caller's deviation s = (a+b)(x − x₀) (two separately
        // rounded products x·b, y·a would put ~3e-13 relative error into a 1e-30 tail at
        // a = 10⁵, b = 2·10⁵).
        let u = s / a, v = -s / b
        // a·(log(x/x₀) − u): log1pmx near u = 0; far from it log(x/x₀) from log x directly
        // (u = −1 + 1e-20 would lose x entirely).
        let termA = abs(u) < 0.5 ? a * SpecialFunctions.log1pmx(u) : a * (logX - log(a) + log(a + b) - u)
        let termB = abs(v) < 0.5 ? b * SpecialFunctions.log1pmx(v) : b * (logY - log(b) + log(a + b) - v)
        return termA + termB
            + 0.5 * (log(a) + log(b) - log(a + b) - SpecialFunctions.logTwoPi)
            - SpecialFunctions.stirlingCorrection(a) - SpecialFunctions.stirlingCorrection(b)
            + SpecialFunctions.stirlingCorrection(a + b)
    }
    if b >= threshold {
        // log Γ(a+b) − log Γ(b) by Stirling; Γ(a) small enough for lgamma.
        return a * logX + b * logY - SpecialFunctions.logGamma(a) + SpecialFunctions.logGammaRatio(a, b)
    }
    if a >= threshold {
        return a * logX + b * logY - SpecialFunctions.logGamma(b) + SpecialFunctions.logGammaRatio(b, a)
    }
    return a * logX + b * logY - SpecialFunctions.logBeta(a, b)
}

/// The even contraction of the continued fraction for I_x(a, b) (A&S 26.5.8):
/// I_x(a,b) = K/a · 1/(1 + d₁/(1 + d₂/(1 + …))) with
/// d₂ₘ₊₁ = −(a+m)(a+b+m)x / ((a+2m)(a+2m+1)), d₂ₘ = m(b−m)x / ((a+2m−1)(a+2m)).
/// Contracting pairs gives 1/(e₀ − f₁/(e₁ − f₂/(e₂ − …))) with fₘ = d₂ₘ₋₁d₂ₘ and
/// eₘ = 1 + d₂ₘ + d₂ₘ₊₁ = [2m(a+m)(1+y) + (a−1)((a+b)y − b + 1)] / ((a+2m−1)(a+2m+1))
/// (e₀ = ((a+b)y − b + 1)/(a+1)), an algebraic identity that removes the cancellation
/// 1 + d₂ₘ + d₂ₘ₊₁ ≈ 0 for x near 1. Returns the denominator e₀ − f₁/(e₁ − …).
/// Converges quickly for x below (a+1)/(a+b+2); the iteration count grows like √max(a, b).
func contractedFraction(x: Double, y: Double, a: Double, b: Double, deviation s: Double) -> Double {
    let tiny = 1e-300
    // λ = (a+b)y − b + 1 = a + 1 − (a+b)x = 1 − s: from the deviation, never as a difference of
    // two large rounded numbers (b ~ 10⁶, x ~ 10⁻⁶ would leave λ with 10⁻¹⁰ relative error).
    let lambda = 1 - s
    var value = lambda / (a + 1)
    if value == 0 { value = tiny }
    var c = value, d = 0.0
    var m = 1.0
    while m < 1e7 {
        let twoM = 2 * m
        let e = (twoM * (a + m) * (1 + y) + (a - 1) * lambda) / ((a + twoM - 1) * (a + twoM + 1))
        let f = -(a + m - 1) * (a + b + m - 1) * x / ((a + twoM - 2) * (a + twoM - 1))
            * (m * (b - m) * x) / ((a + twoM - 1) * (a + twoM))
        d = e - f * d
        if d == 0 { d = tiny }
        c = e - f / c
        if c == 0 { c = tiny }
        d = 1 / d
        let delta = c * d
        value *= delta
        if abs(delta - 1) <= Double.ulpOfOne { break }
        m += 1
    }
    return value
}
