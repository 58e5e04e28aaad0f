#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Elementary special functions shared by the incomplete beta and gamma functions.
///
/// The goal is full double precision for the *logarithm of the prefactors*
/// `x^a y^b / B(a,b)` and `x^a e^-x / Γ(a)` when `a` and `b` are as large as 10⁶: there,
/// `lgamma(a)` is about 10⁷, so forming the prefactor from differences of `lgamma` values would
/// lose ten digits. Instead the large parameters are handled with Stirling's formula, whose
/// leading terms cancel analytically, leaving `a·(log(1+t) − t)` terms computed by `log1pmx`.
enum SpecialFunctions {
    /// Parameters at or above this use Stirling's series (truncation error < 4e-17 there);
    /// smaller ones use the C library's `lgamma`, whose absolute error is a few ulp of ≤ 13.
    static let stirlingThreshold = 10.0

    /// `log(2π)`.
    static let logTwoPi = 1.8378770664093454835606594728112

    /// log Γ(a) for a > 0 (C library; accurate to a few ulp in absolute terms).
    static func logGamma(_ a: Double) -> Double {
        lgamma(a)
    }

    /// Stirling correction δ(a) = log Γ(a) − [(a − ½) log a − a + ½ log 2π] for a > 0.
    ///
    /// For a ≥ 10 the asymptotic series 1/(12a) − 1/(360a³) + … up to the a⁻¹³ term (Abramowitz &
    /// Stegun 6.1.41) is accurate to 4e-17; below that it is computed from `lgamma` directly.
    static func stirlingCorrection(_ a: Double) -> Double {
        if a >= stirlingThreshold {
            let r = 1 / a, r2 = r * r
            let series = 1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680
                - r2 * (1.0 / 1188 - r2 * (691.0 / 360_360 - r2 / 156)))))
            return r * series
        }
        return lgamma(a) - ((a - 0.5) * log(a) - a + 0.5 * logTwoPi)
    }

    /// log(1 + t) − t for t > −1, accurate near t = 0 where the two terms cancel.
    ///
    /// For |t| < ½ it uses r = t/(2 + t), log(1 + t) = 2 atanh r and t − 2r = t·r, so
    /// log(1 + t) − t = −t·r + 2(r³/3 + r⁵/5 + …) with |r| ≤ ⅓ (about 17 terms at worst).
    static func log1pmx(_ t: Double) -> Double {
        guard abs(t) < 0.5 else { return log1p(t) - t }
        let r = t / (2 + t), r2 = r * r
        var power = r * r2, sum = 0.0, k = 3.0
        while true {
            let term = power / k
            sum += term
            if abs(term) <= 1e-17 * abs(sum) { break }
            power *= r2
            k += 2
        }
        return -t * r + 2 * sum
    }

    /// log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b), with the large-argument cancellation
    /// handled by Stirling corrections.
    static func logBeta(_ a: Double, _ b: Double) -> Double {
        let small = min(a, b), large = max(a, b)
        if small >= stirlingThreshold {
            return 0.5 * logTwoPi - 0.5 * log(large) + (small - 0.5) * log(small / (small + large))
                + large * log1p(-small / (small + large)) + stirlingCorrection(small)
                + stirlingCorrection(large) - stirlingCorrection(small + large)
        }
        if large >= stirlingThreshold {
            return lgamma(small) - logGammaRatio(small, large)
        }
        return lgamma(a) + lgamma(b) - lgamma(a + b)
    }

    /// log Γ(a + b) − log Γ(b) for b ≥ 10, without forming the two large terms:
    /// a·log(a + b) + (b − ½)·log1p(a/b) − a + δ(a + b) − δ(b).
    static func logGammaRatio(_ a: Double, _ b: Double) -> Double {
        a * log(a + b) + (b - 0.5) * log1p(a / b) - a + stirlingCorrection(a + b) - stirlingCorrection(b)
    }
}
