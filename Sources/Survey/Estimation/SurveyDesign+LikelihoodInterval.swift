#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyNumerics

/// Inputs of R's likelihood interval for a proportion, reproduced to R's own iterates: R fits the
/// intercept-only quasibinomial `svyglm` by `glm.fit`'s IRLS (start μᵢ = (Wᵢyᵢ + ½)/(Wᵢ + 1),
/// stop when |Δdev|/(|dev| + 0.1) < 1e-8), and its interval uses that fit's coefficient, working
/// weights (from the last iteration's *start*) and sandwich SE — not the exact logit of p̂. Matching
/// them is what makes the interval agree with R to ~1e-9 instead of ~1e-6.
extension SurveyDesign {
    func likelihoodInterval(y: [Double], inBase: (Int) -> Bool, rows: Int, level: Double, df: Double) throws
        -> (lower: Double, upper: Double) {
        let n = rowCount
        var sumW = 0.0
        for i in 0..<n where inBase(i) { sumW += weights[i] }
        let meanW = sumW / Double(rows)
        let prior = (0..<n).map { inBase($0) ? weights[$0] / meanW : 0 }
        func linkinv(_ eta: Double) -> Double { let e = exp(eta); return e / (1 + e) }
        func muEta(_ eta: Double) -> Double { let e = exp(-abs(eta)); return max(e / ((1 + e) * (1 + e)), 2.220446049250313e-16) }
        func ylogy(_ y: Double, _ mu: Double) -> Double { y != 0 ? y * log(y / mu) : 0 }
        func deviance(_ eta: Double) -> Double {
            let mu = linkinv(eta)
            var d = 0.0
            for i in 0..<n where prior[i] > 0 { d += 2 * prior[i] * (ylogy(y[i], mu) + ylogy(1 - y[i], 1 - mu)) }
            return d
        }
        // glm.fit's IRLS for an intercept and logit link.
        var eta = (0..<n).map { i -> Double in
            let m = (prior[i] * y[i] + 0.5) / (prior[i] + 1)
            return log(m / (1 - m))
        }
        var devOld = 0.0
        do {
            var d = 0.0
            for i in 0..<n where prior[i] > 0 {
                let mu = linkinv(eta[i])
                d += 2 * prior[i] * (ylogy(y[i], mu) + ylogy(1 - y[i], 1 - mu))
            }
            devOld = d
        }
        var beta = 0.0, working = [Double](repeating: 0, count: n)
        for _ in 0..<25 {
            var sww = 0.0, swwz = 0.0
            for i in 0..<n where prior[i] > 0 {
                let mu = linkinv(eta[i]), me = muEta(eta[i])
                let z = eta[i] + (y[i] - mu) / me
                let w2 = prior[i] * me * me / (mu * (1 - mu))
                working[i] = w2
                sww += w2
                swwz += w2 * z
            }
            beta = swwz / sww
            for i in 0..<n { eta[i] = beta }
            let dev = deviance(beta)
            if abs(dev - devOld) / (abs(dev) + 0.1) < 1e-8 { break }
            devOld = dev
        }
        let dev0 = deviance(beta)
        let muHat = linkinv(beta), me = muEta(beta)
        let naive = 1 / working.reduce(0, +)
        // svy.varcoef: influence = x · working residual · working weight · (X'WX)⁻¹.
        var u = Matrix(rows: n, columns: 1)
        for i in 0..<n where prior[i] > 0 { u[i, 0] = (y[i] - muHat) / me * working[i] * naive }
        let variance = try self.variance(influence: u)[0, 0]
        // Dispersion: svyvar of svyglm's Pearson residuals (y − μ̂)/√(μ̂(1−μ̂)) over rows with w > 0.
        var sw = 0.0, swr = 0.0, count = 0
        let scale = 1 / (muHat * (1 - muHat)).squareRoot()
        for i in 0..<n where inBase(i) && weights[i] > 0 {
            sw += weights[i]; swr += weights[i] * (y[i] - muHat) * scale; count += 1
        }
        let rbar = swr / sw
        var ss = 0.0
        for i in 0..<n where inBase(i) && weights[i] > 0 {
            let r = (y[i] - muHat) * scale - rbar
            ss += weights[i] * r * r
        }
        let dispersion = ss / sw * Double(count) / Double(count - 1)
        return ProfileLikelihoodInterval(
            beta: beta, standardError: variance.squareRoot(), naiveVariance: naive, dispersion: dispersion,
            df: df, level: level, rows: rows, devianceRise: { deviance($0) - dev0 }).interval()
    }
}
