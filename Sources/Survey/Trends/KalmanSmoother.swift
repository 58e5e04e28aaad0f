#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyNumerics

/// Smoothed state of the local linear trend at one time point: level and slope with their
/// covariance, given every observation and the diffuse start.
struct SmoothedState: Sendable, Equatable {
    let level: Double
    let slope: Double
    let levelVariance: Double
    let slopeVariance: Double
    let covariance: Double
}

extension LocalLinearTrendFilter {
    /// Fixed-interval (Rauch–Tung–Striebel) smoother at the given state noise variances.
    ///
    /// The RTS recursion x̂ₜ = aₜ|ₜ + Jₜ(x̂ₜ₊₁ − aₜ₊₁|ₜ), Jₜ = Pₜ|ₜTᵀP⁻¹ₜ₊₁|ₜ needs the inverse of the
    /// predicted covariance, which is singular whenever a noise variance is 0 — the common
    /// maximum-likelihood boundary. It is computed here in its algebraically identical
    /// inversion-free form (modified Bryson–Frazier; Durbin & Koopman 2012 §4.4):
    ///
    ///     rₜ₋₁ = vₜ/Fₜ·Z ᵀ + Lₜᵀrₜ,  Nₜ₋₁ = ZᵀZ/Fₜ + LₜᵀNₜLₜ,  Lₜ = Tₜ(I − KₜZ),
    ///     x̂ₜ = aₜ + Pₜrₜ₋₁,           Vₜ = Pₜ − PₜNₜ₋₁Pₜ,
    ///
    /// with aₜ, Pₜ the predicted mean and covariance, Kₜ = PₜZᵀ/Fₜ, and at time points without an
    /// observation rₜ₋₁ = Tₜᵀrₜ, Nₜ₋₁ = TₜᵀNₜTₜ. The recursion runs on the three augmented mean
    /// columns (data, δ₁, δ₂), so x̂ₜ(δ) = x̂⁰ₜ + Mₜδ; with δ | y ~ N(δ̂, S⁻¹) the smoothed
    /// state is x̂⁰ₜ + Mₜδ̂ with covariance Vₜ + MₜS⁻¹Mₜᵀ.
    func smooth(levelVariance qL: Double, slopeVariance qS: Double) throws(TrendError) -> [SmoothedState] {
        let n = times.count
        // Forward pass, storing predicted quantities (augmented means as 2×3, row-major here).
        var a = [Double](repeating: 0, count: 6 * n)  // [l0 l1 l2 s0 s1 s2] per time point
        var p = [Double](repeating: 0, count: 3 * n)  // [p00 p01 p11]
        var v = [Double](repeating: 0, count: 3 * n)
        var f = [Double](repeating: .nan, count: n)
        var cur = [0.0, 1.0, 0.0, 0.0, 0.0, 1.0]
        var p00 = 0.0, p01 = 0.0, p11 = 0.0
        var b1 = 0.0, b2 = 0.0
        var sRows: [Double] = []  // rows Vₜ/√Fₜ, so that S = RᵀR
        for t in 0..<n {
            for j in 0..<6 { a[6 * t + j] = cur[j] }
            p[3 * t] = p00; p[3 * t + 1] = p01; p[3 * t + 2] = p11
            let y = values[t]
            if y.isFinite {
                let ft = p00 + variances[t]
                let vt = [y - cur[0], -cur[1], -cur[2]]
                let k0 = p00 / ft, k1 = p01 / ft
                for j in 0..<3 {
                    cur[j] += k0 * vt[j]
                    cur[3 + j] += k1 * vt[j]
                    v[3 * t + j] = vt[j]
                }
                f[t] = ft
                let n00 = p00 - k0 * p00, n01 = p01 - k0 * p01, n11 = p11 - k1 * p01
                p00 = n00; p01 = n01; p11 = n11
                sRows.append(vt[1] / ft.squareRoot())
                sRows.append(vt[2] / ft.squareRoot())
                b1 += vt[1] * vt[0] / ft; b2 += vt[2] * vt[0] / ft
            }
            if t + 1 < n {
                let d = times[t + 1] - times[t]
                for j in 0..<3 { cur[j] += d * cur[3 + j] }
                let n00 = p00 + 2 * d * p01 + d * d * p11 + qL * d + qS * d * d * d / 3
                let n01 = p01 + d * p11 + qS * d * d / 2
                let n11 = p11 + qS * d
                p00 = n00; p01 = n01; p11 = n11
            }
        }
        // δ̂ = −S⁻¹s and S⁻¹ through LAPACK (QR of the stacked rows, S never inverted by hand).
        let sInverse: Matrix
        do {
            sInverse = try TrendAlgebra.inverseCrossProduct(
                Matrix(rows: 2, columns: sRows.count / 2, storage: sRows).transposed)
        } catch {
            throw .numerical("the local trend needs at least two waves at different dates: \(error)")
        }
        let delta = [-(sInverse[0, 0] * b1 + sInverse[0, 1] * b2), -(sInverse[1, 0] * b1 + sInverse[1, 1] * b2)]

        // Backward pass: r is 2×3 (rows: level, slope; columns: data, δ₁, δ₂), N is 2×2 symmetric.
        var r = [Double](repeating: 0, count: 6)
        var n00 = 0.0, n01 = 0.0, n11 = 0.0
        var out = [SmoothedState](repeating: SmoothedState(level: 0, slope: 0, levelVariance: 0, slopeVariance: 0, covariance: 0), count: n)
        for t in stride(from: n - 1, through: 0, by: -1) {
            let d = t + 1 < n ? times[t + 1] - times[t] : 0
            let q00 = p[3 * t], q01 = p[3 * t + 1], q11 = p[3 * t + 2]
            // Lₜ = T(I − KZ) = [[1 − k0 − d·k1, d], [−k1, 1]] (observed), or T (missing).
            var l00 = 1.0, l01 = d, l10 = 0.0, l11 = 1.0
            let observed = values[t].isFinite
            var ft = 1.0
            if observed {
                ft = f[t]
                let k0 = q00 / ft, k1 = q01 / ft
                l00 = 1 - k0 - d * k1
                l10 = -k1
            }
            // r ← Zᵀv/F + Lᵀr ;  N ← ZᵀZ/F + LᵀNL.
            var nr = [Double](repeating: 0, count: 6)
            for j in 0..<3 {
                nr[j] = l00 * r[j] + l10 * r[3 + j] + (observed ? v[3 * t + j] / ft : 0)
                nr[3 + j] = l01 * r[j] + l11 * r[3 + j]
            }
            r = nr
            // LᵀNL with L = [[l00, l01], [l10, l11]].
            let a00 = n00 * l00 + n01 * l10, a01 = n00 * l01 + n01 * l11  // (N L) row 0
            let a10 = n01 * l00 + n11 * l10, a11 = n01 * l01 + n11 * l11  // (N L) row 1
            var nn00 = l00 * a00 + l10 * a10
            let nn01 = l00 * a01 + l10 * a11
            let nn11 = l01 * a01 + l11 * a11
            if observed { nn00 += 1 / ft }
            n00 = nn00; n01 = nn01; n11 = nn11
            // x̂ = a + P r (three columns); V = P − P N P.
            var level = [Double](repeating: 0, count: 3), slope = [Double](repeating: 0, count: 3)
            for j in 0..<3 {
                level[j] = a[6 * t + j] + q00 * r[j] + q01 * r[3 + j]
                slope[j] = a[6 * t + 3 + j] + q01 * r[j] + q11 * r[3 + j]
            }
            let pn00 = q00 * n00 + q01 * n01, pn01 = q00 * n01 + q01 * n11
            let pn10 = q01 * n00 + q11 * n01, pn11 = q01 * n01 + q11 * n11
            let v00 = q00 - (pn00 * q00 + pn01 * q01)
            let v01 = q01 - (pn00 * q01 + pn01 * q11)
            let v11 = q11 - (pn10 * q01 + pn11 * q11)
            // Add the uncertainty of δ: M S⁻¹ Mᵀ, M = [[level1 level2], [slope1 slope2]].
            let ms00 = level[1] * sInverse[0, 0] + level[2] * sInverse[1, 0]
            let ms01 = level[1] * sInverse[0, 1] + level[2] * sInverse[1, 1]
            let ms10 = slope[1] * sInverse[0, 0] + slope[2] * sInverse[1, 0]
            let ms11 = slope[1] * sInverse[0, 1] + slope[2] * sInverse[1, 1]
            out[t] = SmoothedState(
                level: level[0] + level[1] * delta[0] + level[2] * delta[1],
                slope: slope[0] + slope[1] * delta[0] + slope[2] * delta[1],
                levelVariance: v00 + ms00 * level[1] + ms01 * level[2],
                slopeVariance: v11 + ms10 * slope[1] + ms11 * slope[2],
                covariance: v01 + ms00 * slope[1] + ms01 * slope[2])
        }
        return out
    }
}
