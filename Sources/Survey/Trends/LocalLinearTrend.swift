#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyNumerics

/// Local linear trend: a level that drifts with a slope that itself drifts, observed at each wave
/// with that wave's own sampling variance (see `LocalLinearTrendFilter` for the equations).
///
/// - State noise σ²_level, σ²_slope (variance per year) by maximum of the exact diffuse
///   likelihood. Parametrised as σ² = c·θ² (c = mean sampling variance) so that 0 — a straight
///   line, or a random walk without slope noise — is reachable; Nelder–Mead from θ = (½, ½),
///   restarted once from its optimum.
/// - Fitted values: smoothed level with pointwise normal intervals (not clamped to [0, 1]).
/// - `slope`: smoothed slope at the last wave, normal Wald test; `endpoint`: smoothed level there.
/// - AIC = −2 log L + 2(q + w), BIC = −2 log L + (q + w)·log n with q = 2 variances and w = 2
///   diffuse states (Durbin & Koopman 2012 §7.4); not comparable with the regression models'.
/// - Missing waves (NaN values) are predicted through; at least 5 waves with data are needed
///   (4 parameters + 1).
public struct LocalLinearTrend: TrendModel {
    /// Fix the state noise instead of estimating it (nil = maximum likelihood).
    public var fixedNoise: StateNoise?

    public init(fixedNoise: StateNoise? = nil) {
        self.fixedNoise = fixedNoise
    }

    public var kind: TrendModelKind { .localTrend }
    public var minimumWaves: Int { 5 }

    /// Maximum-likelihood state noise and the log-likelihood there.
    public func estimateNoise(_ data: TrendData) throws(TrendError) -> (noise: StateNoise, logLikelihood: Double) {
        let filter = LocalLinearTrendFilter(times: data.times, values: data.values, variances: data.variances)
        let observed = data.observedIndices
        let c = observed.reduce(0.0) { $0 + data.variances[$1] } / Double(max(observed.count, 1))
        let objective: ([Double]) -> Double = { th in
            -(filter.logLikelihood(levelVariance: c * th[0] * th[0], slopeVariance: c * th[1] * th[1]) ?? -.infinity)
        }
        let optimizer = NelderMead(tolerance: 1e-12, maxEvaluations: 2000)
        var best = optimizer.minimize(objective, start: [0.5, 0.5], step: [0.5, 0.5])
        let again = optimizer.minimize(
            objective, start: best.point, step: best.point.map { 0.1 * abs($0) + 0.01 })
        if again.value <= best.value { best = again }
        guard best.value.isFinite else {
            throw .numerical("the local-trend likelihood could not be evaluated (are two waves at different dates observed?)")
        }
        let th = best.point
        return (StateNoise(level: c * th[0] * th[0], slope: c * th[1] * th[1]), -best.value)
    }

    public func fit(_ data: TrendData, options: TrendOptions) throws(TrendError) -> TrendFit {
        let observed = data.observedIndices
        guard observed.count >= minimumWaves else {
            throw .tooFewWaves(model: kind.rawValue, have: observed.count, need: minimumWaves)
        }
        let noise: StateNoise, logL: Double
        if let fixedNoise {
            let filter = LocalLinearTrendFilter(times: data.times, values: data.values, variances: data.variances)
            guard let ll = filter.logLikelihood(levelVariance: fixedNoise.level, slopeVariance: fixedNoise.slope) else {
                throw .numerical("the local-trend likelihood could not be evaluated")
            }
            (noise, logL) = (fixedNoise, ll)
        } else {
            (noise, logL) = try estimateNoise(data)
        }
        // Smooth on the waves plus the grid: grid points are time points without an observation.
        let first = data.times[observed[0]], last = data.times[observed[observed.count - 1]]
        let gridTimes = options.gridTimes(from: first, to: last)
        var points: [(time: Double, wave: Int?)] = data.times.indices.map { (data.times[$0], $0) }
        for g in gridTimes where !data.times.contains(where: { abs($0 - g) < 1e-9 }) { points.append((g, nil)) }
        points.sort { $0.time < $1.time }
        let filter = LocalLinearTrendFilter(
            times: points.map(\.time),
            values: points.map { $0.wave.map { data.values[$0] } ?? .nan },
            variances: points.map { $0.wave.map { data.variances[$0] } ?? .nan })
        let states = try filter.smooth(levelVariance: noise.level, slopeVariance: noise.slope)
        let z = Normal.standard.quantile(0.5 + options.level / 2)
        func point(_ i: Int) -> TrendPoint {
            let se = states[i].levelVariance.squareRoot()
            let w = points[i].wave
            return TrendPoint(
                time: points[i].time, wave: w.map { data.waves[$0] }, date: w.map { data.dates[$0] },
                estimate: states[i].level, se: se, lower: states[i].level - z * se, upper: states[i].level + z * se)
        }
        let fitted = points.indices.filter { points[$0].wave != nil }.map(point)
        let grid = gridTimes.map { g in point(points.firstIndex { abs($0.time - g) < 1e-9 } ?? 0) }
        let lastState = states[points.lastIndex { $0.wave != nil } ?? (states.count - 1)]
        let slope = Inference(estimate: lastState.slope, se: lastState.slopeVariance.squareRoot(), level: options.level, df: nil)
        let endpoint = Inference(estimate: lastState.level, se: lastState.levelVariance.squareRoot(), level: options.level, df: nil)
        let k = 4.0, nObs = Double(observed.count)
        return TrendFit(
            model: kind, fitted: fitted, grid: grid, slope: slope, endpoint: endpoint,
            coefficients: [
                Coefficient(term: "level (last wave)", estimate: lastState.level, se: endpoint.se),
                Coefficient(term: "slope (last wave)", estimate: lastState.slope, se: slope.se),
            ],
            timeCentre: data.times[data.times.count - 1], logLikelihood: logL,
            aic: -2 * logL + 2 * k, bic: -2 * logL + k * log(nObs), dispersion: nil, scale: 1, residualDF: nil,
            breakpoint: nil, stateNoise: noise, observations: observed.count, level: options.level,
            notes: data.notes)
    }
}
