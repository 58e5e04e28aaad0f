#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyNumerics

/// Broken-stick trend: continuous, piecewise linear, with one breakpoint ψ at which the slope
/// changes — the model of R `segmented` (Muggeo 2003), fitted by weighted least squares with
/// weights 1/var:
///
///     yₜ = β₀ + β₁(t − t̄) + β₂(t − ψ)₊ + error
///
/// - ψ̂ minimises the profile weighted RSS over [t₍₂₎, t₍ₙ₋₁₎] (second to second-last wave):
///   20 evaluations per interval between waves, then golden-section refinement to 1e-10 year.
/// - Covariance of (β₀, β₁, β₂, ψ) from the linearised model with the extra column
///   −β₂·[t > ψ] (as `segmented`'s final fit); ψ's interval is ψ̂ ± q·se (delta method).
/// - `slope` is the slope after the break, β₁ + β₂; `breakpoint.slopeBefore` is β₁ and
///   `breakpoint.change` β₂. Fitted-value SEs use the same four-parameter covariance.
/// - Test of "no break": `DaviesTest` over 10 candidate breaks (as `segmented::davies.test`).
/// - AIC/BIC count 4 parameters (ψ included). Needs 5 waves.
public struct SegmentedTrend: TrendModel {
    public init() {}

    public var kind: TrendModelKind { .segmented }
    public var minimumWaves: Int { 5 }

    public func fit(_ data: TrendData, options: TrendOptions) throws(TrendError) -> TrendFit {
        let idx = data.observedIndices
        guard idx.count >= minimumWaves else {
            throw .tooFewWaves(model: kind.rawValue, have: idx.count, need: minimumWaves)
        }
        let centre = data.observedTimeCentre
        let times = idx.map { data.times[$0] }
        let n = times.count
        let psi = try Self.bestBreak(data, times: times, centre: centre, policy: options.dispersion)
        // Final fit with the linearisation column for ψ.
        let plain = try Self.regression(data, psi: psi, centre: centre, policy: options.dispersion)
        let b2 = plain.coefficients[2]
        let (x, y, w) = data.design(
            [{ _ in 1 }, { $0 }, { max($0 + centre - psi, 0) }, { $0 + centre > psi ? -b2 : 0 }], centre: centre)
        // The linearised fit's coefficients for β agree with `plain` (its ψ-column coefficient is 0
        // at the optimum); use `plain`'s β with `full`'s covariance. When the slope change is 0 the
        // ψ column vanishes: ψ is not identified, and the three-parameter covariance is used.
        // A change whose effect over the whole span is at rounding level of the shares (a flat
        // series gives b2 ≈ 1e-17) is no change: ψ's SE would be ~1e145.
        let span = (times.last ?? 0) - (times.first ?? 0), largest = y.map(abs).max() ?? 0
        let identified = abs(b2) * max(span, 1) > 1e-12 * max(largest, 1e-300) && w.indices.contains { x[$0, 3] != 0 }
        let reg: WeightedRegression
        if identified, let full = try? WeightedRegression(x: x, y: y, weights: w, policy: options.dispersion) {
            reg = WeightedRegression(replacingCoefficientsOf: full, with: plain, policy: options.dispersion)
        } else {
            reg = WeightedRegression(padding: plain)
        }
        let psiIdentified = reg.unscaledCovariance[3, 3] > 0
        func row(_ t: Double) -> [Double] { [1, t - centre, max(t - psi, 0), t > psi ? -b2 : 0] }
        let fitted = idx.map { i in
            reg.point(time: data.times[i], row: row(data.times[i]), wave: data.waves[i], date: data.dates[i], level: options.level)
        }
        let first = times[0], last = times[n - 1]
        let grid = options.gridTimes(from: first, to: last).map { t in
            reg.point(time: t, row: row(t), wave: nil, date: nil, level: options.level)
        }
        let psiInference = reg.inference([0, 0, 0, 1], level: options.level)
        let davies = try DaviesTest(data, times: times, centre: centre, policy: options.dispersion)
        let breakpoint = Breakpoint(
            kind: .slopeChange, time: psi, date: nil, timeSE: psiIdentified ? psiInference.se : nil,
            timeLower: psiIdentified ? psi + psiInference.lower : nil, timeUpper: psiIdentified ? psi + psiInference.upper : nil,
            change: reg.inference([0, 0, 1, 0], level: options.level),
            slopeBefore: reg.inference([0, 1, 0, 0], level: options.level),
            test: BreakTest(method: "davies", statistic: davies.statistic, pValue: davies.pValue))
        let ic = plain.informationCriteria(parameters: 4)
        return TrendFit(
            model: kind, fitted: fitted, grid: grid, slope: reg.inference([0, 1, 1, 0], level: options.level),
            endpoint: reg.inference(row(last), level: options.level),
            coefficients: Array(reg.coefficientList(["(Intercept)", "time", "slope change", ""]).prefix(3))
                + [Coefficient(term: "break", estimate: psi, se: psiIdentified ? psiInference.se : .infinity)],
            timeCentre: centre, logLikelihood: plain.logLikelihood, aic: ic.aic, bic: ic.bic,
            dispersion: reg.dispersion, scale: reg.scale, residualDF: reg.df, breakpoint: breakpoint,
            stateNoise: nil, observations: n, level: options.level,
            notes: data.notes + [options.dispersion.note(dispersion: reg.dispersion, scale: reg.scale)]
                + (psiIdentified ? [] : [Self.unidentifiedNote(identified: identified, after: times.filter { $0 > psi }.count)]))
    }

    /// Why ψ has no interval: no slope change, or — the change clear — a break with one wave after
    /// it, where the slope change and the shift of ψ move only that wave's fit (collinear). The
    /// note had said "the slope does not change" for a series going +10 then 0 points a year.
    static func unidentifiedNote(identified slopeChanges: Bool, after: Int) -> String {
        if slopeChanges && after <= 1 {
            return "segmented: the break is at the last possible point (only the last wave follows it), so its time is not "
                + "identified (no interval); the slope change rests on that one wave"
        }
        return "segmented: the slope does not change, so the break time is not identified (no interval)"
    }

    /// The three-parameter fit with the break fixed at `psi`.
    static func regression(_ data: TrendData, psi: Double, centre: Double, policy: DispersionPolicy) throws(TrendError) -> WeightedRegression {
        let (x, y, w) = data.design([{ _ in 1 }, { $0 }, { max($0 + centre - psi, 0) }], centre: centre)
        return try WeightedRegression(x: x, y: y, weights: w, policy: policy)
    }

    /// ψ minimising the weighted RSS over [t₍₂₎, t₍ₙ₋₁₎].
    static func bestBreak(_ data: TrendData, times: [Double], centre: Double, policy: DispersionPolicy) throws(TrendError) -> Double {
        let n = times.count
        var rssCache: [Double: Double] = [:]
        var failure: TrendError?
        func rss(_ psi: Double) -> Double {
            if let r = rssCache[psi] { return r }
            do {
                let r = try regression(data, psi: psi, centre: centre, policy: policy).weightedRSS
                rssCache[psi] = r
                return r
            } catch {
                failure = error
                return .infinity
            }
        }
        let perInterval = 20
        var bestPsi = times[1], bestRSS = rss(times[1]), step = 0.0
        for j in 1..<(n - 2) {
            let a = times[j], b = times[j + 1]
            for k in 1...perInterval {
                let psi = k == perInterval ? b : a + (b - a) * Double(k) / Double(perInterval)
                let r = rss(psi)
                if r < bestRSS { (bestPsi, bestRSS, step) = (psi, r, (b - a) / Double(perInterval)) }
            }
        }
        if let failure, !bestRSS.isFinite { throw failure }
        if step == 0 { step = (times[2] - times[1]) / Double(perInterval) }
        // Golden-section search on [ψ − step, ψ + step] ∩ [t₍₂₎, t₍ₙ₋₁₎].
        var lo = max(bestPsi - step, times[1]), hi = min(bestPsi + step, times[n - 2])
        let g = (5.0.squareRoot() - 1) / 2
        var c = hi - g * (hi - lo), d = lo + g * (hi - lo)
        var fc = rss(c), fd = rss(d)
        while hi - lo > 1e-10 {
            if fc < fd { hi = d; d = c; fd = fc; c = hi - g * (hi - lo); fc = rss(c) }
            else { lo = c; c = d; fc = fd; d = lo + g * (hi - lo); fd = rss(d) }
        }
        let refined = (lo + hi) / 2
        return rss(refined) <= bestRSS ? refined : bestPsi
    }
}
