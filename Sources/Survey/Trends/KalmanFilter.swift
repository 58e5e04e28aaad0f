#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Kalman filter for the local linear trend with a known, wave-specific observation variance,
/// irregular spacing and an exactly diffuse initial state.
///
/// Model (state xₜ = (levelₜ, slopeₜ), time in decimal years, Δ = time to the next point):
///
///     yₜ = levelₜ + εₜ,                    εₜ ~ N(0, hₜ)        (hₜ: the wave's sampling variance)
///     xₜ₊₁ = [1 Δ; 0 1]·xₜ + wₜ,            wₜ ~ N(0, Q(Δ))
///     Q(Δ) = σ²_level·Δ·[1 0; 0 0] + σ²_slope·[Δ³/3 Δ²/2; Δ²/2 Δ]
///
/// Q(Δ) is the exact discretisation of a continuous-time model (level = integrated slope plus
/// Brownian noise, slope = Brownian motion), so splitting an interval at a missing wave or a
/// grid point leaves the likelihood unchanged: missing waves and chart grids are just time
/// points without an observation.
///
/// Diffuse start (de Jong 1991, "The diffuse Kalman filter"): x₁ = δ with δ unknown and a flat
/// prior. The filter carries the state mean as a₀ + A·δ (three columns: data, δ₁, δ₂) with a
/// covariance P that starts at 0 and does not depend on δ. Innovations vₜ(δ) = v⁰ₜ + Vₜ·δ give
///
///     S = Σ VₜᵀVₜ/Fₜ,  s = Σ Vₜᵀv⁰ₜ/Fₜ,  δ̂ = −S⁻¹s,  Var(δ | y) = S⁻¹,
///     log L = −½[n log 2π + Σ log Fₜ + Σ (v⁰ₜ)²/Fₜ − sᵀS⁻¹s + log |S|],
///
/// which equals the exact diffuse log-likelihood of Durbin & Koopman (2012, §5.2) that
/// statsmodels computes with `initialization="diffuse"` (checked to 1e-12 in the reference script).
///
/// Everything is 2×2: the only divisions are by the scalar Fₜ and, in the likelihood, the 2×2
/// S is factored by an inline Cholesky (two square roots, scalar divisions). The covariance
/// S⁻¹ reported with the smoothed states goes through LAPACK (`Cholesky`).
struct LocalLinearTrendFilter: Sendable {
    /// Time points (strictly increasing decimal years).
    let times: [Double]
    /// Observations (NaN = no observation at this time point).
    let values: [Double]
    /// Observation variances (ignored where the value is NaN).
    let variances: [Double]

    /// Diffuse log-likelihood at the given state noise variances; nil when S is not positive
    /// definite (fewer than two observations).
    func logLikelihood(levelVariance qL: Double, slopeVariance qS: Double) -> Double? {
        // Augmented mean: level row (l0, l1, l2), slope row (s0, s1, s2); x₁ = δ.
        var l0 = 0.0, l1 = 1.0, l2 = 0.0, s0 = 0.0, s1 = 0.0, s2 = 1.0
        var p00 = 0.0, p01 = 0.0, p11 = 0.0
        var sumLogF = 0.0, q = 0.0, m11 = 0.0, m12 = 0.0, m22 = 0.0, b1 = 0.0, b2 = 0.0
        var observed = 0
        let n = times.count
        for t in 0..<n {
            let y = values[t]
            if y.isFinite {
                let f = p00 + variances[t]
                let v0 = y - l0, v1 = -l1, v2 = -l2
                let k0 = p00 / f, k1 = p01 / f
                l0 += k0 * v0; l1 += k0 * v1; l2 += k0 * v2
                s0 += k1 * v0; s1 += k1 * v1; s2 += k1 * v2
                let n00 = p00 - k0 * p00, n01 = p01 - k0 * p01, n11 = p11 - k1 * p01
                p00 = n00; p01 = n01; p11 = n11
                sumLogF += log(f)
                q += v0 * v0 / f
                m11 += v1 * v1 / f; m12 += v1 * v2 / f; m22 += v2 * v2 / f
                b1 += v1 * v0 / f; b2 += v2 * v0 / f
                observed += 1
            }
            if t + 1 < n {
                let d = times[t + 1] - times[t]
                l0 += d * s0; l1 += d * s1; l2 += d * s2
                let n00 = p00 + 2 * d * p01 + d * d * p11 + qL * d + qS * d * d * d / 3
                let n01 = p01 + d * p11 + qS * d * d / 2
                let n11 = p11 + qS * d
                p00 = n00; p01 = n01; p11 = n11
            }
        }
        // Inline 2×2 Cholesky of S = [m11 m12; m12 m22]: sᵀS⁻¹s = |L⁻¹s|², log|S| = 2 Σ log Lᵢᵢ.
        guard m11 > 0 else { return nil }
        let c11 = m11.squareRoot(), c21 = m12 / c11
        let r = m22 - c21 * c21
        guard r > m22 * 1e-13, r > 0 else { return nil }
        let c22 = r.squareRoot()
        let z1 = b1 / c11, z2 = (b2 - c21 * z1) / c22
        let logDetS = 2 * (log(c11) + log(c22))
        return -0.5 * (Double(observed) * log(2 * Double.pi) + sumLogF + q - (z1 * z1 + z2 * z2) + logDetS)
    }
}
