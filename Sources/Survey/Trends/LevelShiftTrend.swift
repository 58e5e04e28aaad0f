#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText
import SurveySeries

/// Linear trend with a known break at which the level jumps and the slope carries on — the
/// model for a change of survey mode (CAB moved from face-to-face to telephone in 2020):
///
///     yₜ = β₀ + β₁(t − t̄) + β₂·[t ≥ τ] + error,   weights 1/varₜ
///
/// The break date is ISO; a bare year `YYYY` means 1 January of that year, so `2020` puts every
/// wave fielded in 2020 or later after the break. The break must leave at least one wave on each
/// side (else `breakOutsideSeries`). The slope is β₁; the break's size β₂ is tested by its Wald
/// statistic. Intervals follow the `DispersionPolicy`. Needs 4 waves.
public struct LevelShiftTrend: TrendModel {
    /// The break date as given.
    public let breakDate: String

    /// The break as a decimal year given directly (e.g. a chart's `--break`).
    let fixedTime: Double?

    public init(breakDate: String) {
        self.breakDate = breakDate
        self.fixedTime = nil
    }

    /// A break at decimal year `breakTime` (labelled by its year).
    public init(breakTime: Double) {
        self.breakDate = Printf.string("%.2f", breakTime)
        self.fixedTime = breakTime
    }

    public var kind: TrendModelKind { .segmented }
    public var minimumWaves: Int { 4 }

    /// The break as a decimal year (`YYYY` → 1 January).
    public var breakTime: Double? {
        if let fixedTime { return fixedTime }
        return WaveDate.periodStart(breakDate)
    }

    public func fit(_ data: TrendData, options: TrendOptions) throws(TrendError) -> TrendFit {
        let idx = data.observedIndices
        guard idx.count >= minimumWaves else {
            throw .tooFewWaves(model: "segmented (level shift)", have: idx.count, need: minimumWaves)
        }
        guard let tau = breakTime else { throw .badDate(wave: "--break", date: breakDate) }
        let first = data.times[idx[0]], last = data.times[idx[idx.count - 1]]
        guard tau > first, tau <= last else {
            throw .breakOutsideSeries(date: breakDate, first: data.dates[idx[0]], last: data.dates[idx[idx.count - 1]])
        }
        let centre = data.observedTimeCentre
        let shift = tau - centre
        let (x, y, w) = data.design([{ _ in 1 }, { $0 }, { $0 >= shift ? 1 : 0 }], centre: centre)
        let reg = try WeightedRegression(x: x, y: y, weights: w, policy: options.dispersion)
        func row(_ t: Double) -> [Double] { [1, t - centre, t >= tau ? 1 : 0] }
        let fitted = idx.map { i in
            reg.point(time: data.times[i], row: row(data.times[i]), wave: data.waves[i], date: data.dates[i], level: options.level)
        }
        let grid = options.gridTimes(from: first, to: last).map { t in
            reg.point(time: t, row: row(t), wave: nil, date: nil, level: options.level)
        }
        let change = reg.inference([0, 0, 1], level: options.level)
        let breakpoint = Breakpoint(
            kind: .levelShift, time: tau, date: breakDate, timeSE: nil, timeLower: nil, timeUpper: nil,
            change: change, slopeBefore: nil,
            test: BreakTest(method: "wald", statistic: change.statistic, pValue: change.pValue))
        let ic = reg.informationCriteria(parameters: 3)
        return TrendFit(
            model: kind, fitted: fitted, grid: grid, slope: reg.inference([0, 1, 0], level: options.level),
            endpoint: reg.inference(row(last), level: options.level),
            coefficients: reg.coefficientList(["(Intercept)", "time", "shift"]), timeCentre: centre,
            logLikelihood: reg.logLikelihood, aic: ic.aic, bic: ic.bic, dispersion: reg.dispersion,
            scale: reg.scale, residualDF: reg.df, breakpoint: breakpoint, stateNoise: nil,
            observations: idx.count, level: options.level,
            notes: data.notes + [options.dispersion.note(dispersion: reg.dispersion, scale: reg.scale)])
    }
}
