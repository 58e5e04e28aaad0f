#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

extension CalibrationFunction {
    /// `g(u) − 1` and `g′(u)` at the linear predictor `u`, with g held within `[lower, upper]`.
    ///
    /// linear: `g = clamp(1 + u)`; raking: `g = clamp(eᵘ)`; both have derivative 0 where clamped.
    /// logit (Deville & Särndal 1992, eq. 3.6): `g = L + (U − L)·σ(A u + ln((1 − L)/(U − 1)))` with
    /// `A = (U − L)/((U − 1)(1 − L))`, which is 1 at `u = 0`, has slope 1 there and stays in (L, U);
    /// written with the logistic σ so large |u| cannot overflow.
    func distance(_ u: Double, lower: Double, upper: Double) -> (f: Double, derivative: Double) {
        switch self {
        case .linear:
            let g = 1 + u
            return g <= lower ? (lower - 1, 0) : g >= upper ? (upper - 1, 0) : (u, 1)
        case .raking:
            let g = exp(u)
            return g <= lower ? (lower - 1, 0) : g >= upper ? (upper - 1, 0) : (g - 1, g)
        case .logit:
            let a = (upper - lower) / ((upper - 1) * (1 - lower))
            let z = a * u + log((1 - lower) / (upper - 1))
            let s = z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
            return (lower + (upper - lower) * s - 1, (upper - lower) * a * s * (1 - s))
        }
    }
}
