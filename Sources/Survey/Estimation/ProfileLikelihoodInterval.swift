#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyNumerics

/// The profile-likelihood interval of `svyciprop(method = "likelihood")` (R `survey` 4.x), which
/// profiles the intercept-only quasibinomial `svyglm` and rescales by the design effect:
///
/// 1. Prior weights Wᵢ = wᵢ/mean(w) over the base rows; β̂ from R's IRLS (see
///    `SurveyDesign.likelihoodInterval`); D(β) = binomial deviance at β minus at β̂.
/// 2. Dispersion φ = design-weighted variance (n/(n−1)) of the Pearson residuals (y−μ̂)/√(μ̂(1−μ̂)).
/// 3. λ = (design variance of β̂)/(naive variance (X'WX)⁻¹); the target is
///    z = ±|t_{df, (1−level)/2}|·√λ, and zmax = √F⁻¹(1 − α; 1, rows − 1) with α = Φ(t·√λ)/2.
/// 4. As R's `MASS`-style profiler: z at β̂ ± k·(zmax/5)·SE(β̂), k = 1, 2, … (up to 9) until |z| ≥ zmax,
///    z = sign·√(D/φ); an FMM cubic spline of z against β evaluated at 3·(points) equally spaced
///    β values, then linear interpolation of β at the target z (R's `spline` + `approx`).
///
/// Step 4 is R's approximation of the exact root, reproduced so intervals agree with R.
struct ProfileLikelihoodInterval {
    /// The fitted logit β̂ and its design SE.
    let beta: Double
    let standardError: Double
    /// The model-based (naive) variance (X'WX)⁻¹ of β̂.
    let naiveVariance: Double
    let dispersion: Double
    let df: Double
    let level: Double
    /// Rows in the base (R's `nrow` of the model frame).
    let rows: Int
    /// Deviance at β minus the deviance at β̂.
    let devianceRise: (Double) -> Double

    func interval() -> (lower: Double, upper: Double) {
        guard standardError > 0, df > 0, rows > 1, beta.isFinite else { return (.nan, .nan) }
        let se = standardError
        let lambda = se * se / naiveVariance
        let t = StudentT(df: df).quantile((1 - level) / 2)          // negative
        let alpha = Normal().cdf(t * lambda.squareRoot()) / 2
        let zmax = FDistribution(numeratorDF: 1, denominatorDF: Double(rows - 1)).quantile(1 - alpha).squareRoot()
        let delta = zmax / 5
        var points: [(beta: Double, z: Double)] = [(beta, 0)]
        for sign in [-1.0, 1.0] {
            var step = 0, z = 0.0
            while true {
                step += 1
                guard step < 10, abs(z) < zmax else { break }
                let b = beta + sign * Double(step) * delta * se
                let rise = devianceRise(b) / dispersion
                guard rise > -0.001 else { return (.nan, .nan) }   // R stops: the fit had not converged
                z = sign * max(rise, 0).squareRoot()
                points.append((b, z))
            }
        }
        points.sort { $0.z < $1.z }
        let spline = FMMSpline(x: points.map(\.beta), y: points.map(\.z))
        let n = 3 * points.count
        let lo = points.map(\.beta).min() ?? beta, hi = points.map(\.beta).max() ?? beta
        let grid = (0..<n).map { i in i == n - 1 ? hi : lo + Double(i) * (hi - lo) / Double(n - 1) }
        let values = grid.map { spline.value(at: $0) }
        let cutoff = abs(t) * lambda.squareRoot()
        // R's approx() first sorts by x (here the spline's z values, which can wiggle) and
        // averages ties (`regularize.values`).
        let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        var xs: [Double] = [], ys: [Double] = [], counts: [Double] = []
        for k in order {
            if let last = xs.last, last == values[k] {
                ys[ys.count - 1] += grid[k]
                counts[counts.count - 1] += 1
            } else {
                xs.append(values[k]); ys.append(grid[k]); counts.append(1)
            }
        }
        for k in ys.indices { ys[k] /= counts[k] }
        let lower = linearInverse(xs: xs, ys: ys, at: -cutoff)
        let upper = linearInverse(xs: xs, ys: ys, at: cutoff)
        return (expit(lower), expit(upper))
    }

    /// R's `approx(xs, ys, xout)` with `rule = 1` for increasing xs: NaN outside the range.
    func linearInverse(xs: [Double], ys: [Double], at v: Double) -> Double {
        guard let first = xs.first, let last = xs.last, v >= first, v <= last else { return .nan }
        var i = 0, j = xs.count - 1
        while i < j - 1 {
            let m = (i + j) / 2
            if v < xs[m] { j = m } else { i = m }
        }
        if v == xs[j] { return ys[j] }
        if v == xs[i] { return ys[i] }
        return ys[i] + (ys[j] - ys[i]) * ((v - xs[i]) / (xs[j] - xs[i]))
    }
}

/// The Forsythe–Malcolm–Moler interpolating cubic spline (end conditions from cubics through the
/// first and last four points) — R's `spline(method = "fmm")`.
struct FMMSpline {
    let x: [Double], y: [Double]
    var b: [Double], c: [Double], d: [Double]

    init(x: [Double], y: [Double]) {
        self.x = x
        self.y = y
        let n = x.count
        b = [Double](repeating: 0, count: n)
        c = b
        d = b
        guard n >= 2 else { return }
        if n < 3 {
            b[0] = (y[1] - y[0]) / (x[1] - x[0])
            b[1] = b[0]
            return
        }
        let last = n - 1
        d[0] = x[1] - x[0]
        c[1] = (y[1] - y[0]) / d[0]
        for i in 1..<last {
            d[i] = x[i + 1] - x[i]
            b[i] = 2 * (d[i - 1] + d[i])
            c[i + 1] = (y[i + 1] - y[i]) / d[i]
            c[i] = c[i + 1] - c[i]
        }
        b[0] = -d[0]
        b[last] = -d[n - 2]
        c[0] = 0
        c[last] = 0
        if n > 3 {
            c[0] = c[2] / (x[3] - x[1]) - c[1] / (x[2] - x[0])
            c[last] = c[n - 2] / (x[last] - x[n - 3]) - c[n - 3] / (x[n - 2] - x[n - 4])
            c[0] = c[0] * d[0] * d[0] / (x[3] - x[0])
            c[last] = -c[last] * d[n - 2] * d[n - 2] / (x[last] - x[n - 4])
        }
        for i in 1...last {
            let t = d[i - 1] / b[i - 1]
            b[i] -= t * d[i - 1]
            c[i] -= t * c[i - 1]
        }
        c[last] /= b[last]
        for i in stride(from: n - 2, through: 0, by: -1) { c[i] = (c[i] - d[i] * c[i + 1]) / b[i] }
        b[last] = (y[last] - y[n - 2]) / d[n - 2] + d[n - 2] * (c[n - 2] + 2 * c[last])
        for i in 0..<last {
            b[i] = (y[i + 1] - y[i]) / d[i] - d[i] * (c[i + 1] + 2 * c[i])
            d[i] = (c[i + 1] - c[i]) / d[i]
            c[i] = 3 * c[i]
        }
        c[last] = 3 * c[last]
        d[last] = d[n - 2]
    }

    func value(at u: Double) -> Double {
        let n = x.count
        var i = 0
        if n > 1 && u >= x[0] {
            var j = n
            while j > i + 1 {
                let k = (i + j) / 2
                if u < x[k] { j = k } else { i = k }
            }
        }
        let dx = u - x[i]
        return y[i] + dx * (b[i] + dx * (c[i] + dx * d[i]))
    }
}
