#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveySeries

/// The numbers a trend model sees: one entry per wave, in time order, on a decimal-year axis,
/// each with its own sampling variance.
///
/// Variance of a wave (DESIGN.md §5), in order of preference:
/// 1. the observation's `se`², when it is positive (microdata SEs carry the design);
/// 2. p(1−p)·deff/n from a topline, deff = 1 when the source gives none (noted "SRS assumed").
///
/// Continuity rule for shares of exactly 0 or 1 (or a reported SE of 0) with n known: the
/// variance uses p̃ = (m·p + ½)/(m + 1), m = n/deff the effective sample size — the "add ½
/// success and ½ failure" rule (Haldane–Anscombe). It only enters the variance (and, for the
/// logit model, the response at that wave, see `LogitTrend`); it never produces NaN or a zero
/// weight. Without n such a wave is an error (`missingVariance`).
///
/// Effective sample size m (the binomial GLM's prior weight): p(1−p)/se² when the SE is known
/// and 0 < p < 1, else n/deff. It is NaN for net shares, which are not binomial.
///
/// A wave whose value is NaN is a missing wave: regression models skip it, the local linear
/// trend predicts through it.
public struct TrendData: Sendable, Equatable {
    /// Wave labels.
    public let waves: [String]
    /// ISO dates of the waves.
    public let dates: [String]
    /// Decimal years (`WaveDate.decimalYear`), strictly increasing.
    public let times: [Double]
    /// Observed shares (NaN = missing wave).
    public let values: [Double]
    /// Sampling variance of each value (finite and positive where the value is present).
    public let variances: [Double]
    /// Effective sample sizes n/deff (NaN where unknown, e.g. net shares).
    public let effectiveSizes: [Double]
    /// Whether the values are proportions in [0, 1] (false for net shares in [-1, 1]).
    public let isShare: Bool
    /// Caveats to print with the fit (continuity rule used, SRS assumed).
    public let notes: [String]
    /// The observations the waves came from (empty when built from arrays), so tables can show
    /// each wave's default interval (`ShareInterval`).
    public private(set) var observations: [Observation] = []

    /// Builds model input from arrays (synthetic data, batches). Times must be strictly
    /// increasing; variances positive where a value is present.
    public init(
        times: [Double], values: [Double], variances: [Double], effectiveSizes: [Double]? = nil,
        waves: [String]? = nil, dates: [String]? = nil, isShare: Bool = true, notes: [String] = []
    ) throws(TrendError) {
        let n = times.count
        guard values.count == n, variances.count == n, effectiveSizes.map({ $0.count == n }) ?? true else {
            throw .numerical("trend input arrays have different lengths")
        }
        let labels = waves ?? times.indices.map { "\($0 + 1)" }
        for i in 1..<max(n, 1) where !(times[i] > times[i - 1]) {
            throw .duplicateTime(wave: labels[i - 1], otherWave: labels[i], date: dates?[i] ?? labels[i])
        }
        for i in 0..<n where values[i].isFinite && !(variances[i] > 0 && variances[i].isFinite) {
            throw .missingVariance(wave: labels[i])
        }
        self.times = times
        self.values = values
        self.variances = variances
        self.effectiveSizes = effectiveSizes ?? Array(repeating: .nan, count: n)
        self.waves = labels
        self.dates = dates ?? labels
        self.isShare = isShare
        self.notes = notes
    }

    /// Model input from a series: dates → decimal years, each wave's variance by the rules above.
    public init(series: Series) throws(TrendError) {
        let obs = series.observations
        let isShare = series.key.measure != "net"
        var times: [Double] = [], values: [Double] = [], variances: [Double] = [], sizes: [Double] = []
        var srs = false, continuity: [String] = []
        for o in obs {
            guard let t = WaveDate.decimalYear(o.date) else { throw .badDate(wave: o.wave, date: o.date) }
            let p = o.estimate
            if p.isFinite && isShare && !(0...1).contains(p) { throw .shareOutOfRange(wave: o.wave, value: p) }
            let v = try Self.variance(of: o, isShare: isShare)
            if v.srsAssumed { srs = true }
            if v.continuity { continuity.append(o.wave) }
            times.append(t)
            values.append(p)
            variances.append(v.variance)
            sizes.append(v.effectiveSize)
        }
        var notes: [String] = []
        if srs { notes.append("SRS assumed (deff = 1) where the source gives no design effect") }
        if !continuity.isEmpty {
            notes.append("continuity rule p̃ = (m·p + ½)/(m + 1) used for the variance at 0% or 100%: "
                + continuity.joined(separator: ", "))
        }
        var flagged: [String: [String]] = [:]
        for o in obs { for f in o.flags { flagged[f, default: []].append(o.wave) } }
        for f in flagged.keys.sorted() {
            notes.append("flag \(f): " + (flagged[f] ?? []).joined(separator: ", "))
        }
        for (a, b) in zip(obs.indices, obs.indices.dropFirst()) where times[a] == times[b] {
            throw .duplicateTime(wave: obs[a].wave, otherWave: obs[b].wave, date: obs[b].date)
        }
        try self.init(
            times: times, values: values, variances: variances, effectiveSizes: sizes,
            waves: obs.map(\.wave), dates: obs.map(\.date), isShare: isShare, notes: notes)
        self.observations = obs
    }

    /// One wave's sampling variance and effective sample size (see the type's documentation).
    package static func variance(
        of o: Observation, isShare: Bool
    ) throws(TrendError) -> (variance: Double, effectiveSize: Double, srsAssumed: Bool, continuity: Bool) {
        let p = o.estimate
        let deff = (o.deff ?? 1) > 0 ? (o.deff ?? 1) : 1
        let m = o.n.map { Double($0) / deff }
        if !p.isFinite { return (.nan, m ?? .nan, false, false) }
        if let se = o.se, se > 0, se.isFinite {
            let interior = isShare && p > 0 && p < 1
            return (se * se, interior ? p * (1 - p) / (se * se) : (m ?? .nan), false, false)
        }
        guard isShare, let m, m > 0 else { throw .missingVariance(wave: o.wave) }
        if p > 0 && p < 1 { return (p * (1 - p) / m, m, o.deff == nil, false) }
        let pt = (m * p + 0.5) / (m + 1)
        return (pt * (1 - pt) / m, m, o.deff == nil, true)
    }

    /// Number of waves with a value.
    public var observedCount: Int { values.filter(\.isFinite).count }

    /// Indices of waves with a value.
    public var observedIndices: [Int] { values.indices.filter { values[$0].isFinite } }
}
