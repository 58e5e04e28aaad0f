import SurveySeries

/// The change between two independent estimates — two waves of one series, or two countries at
/// one wave — with its standard error, interval, z statistic and p-value.
///
/// Different waves and different countries are separate samples, so the estimates are
/// independent: SE(b − a) = √(var a + var b), z = (b − a)/SE, p = 2Φ̄(|z|), interval
/// (b − a) ± z₀.₉₇₅·SE. Each side's variance is its SE², or p(1−p)·deff/n from a topline (the
/// rules and continuity correction of `TrendData`).
public struct Comparison: Sendable, Equatable {
    /// What is compared (e.g. "2019-spring" or "KZ").
    public let fromLabel: String
    public let toLabel: String
    /// The two estimates with their standard errors.
    public let from: Double
    public let fromSE: Double
    public let to: Double
    public let toSE: Double
    /// to − from, with SE, interval, z and p (normal reference).
    public let difference: Inference
    /// Whether the Wald interval was cut to the range a difference can take ([−1, 1] for shares,
    /// [−2, 2] for net shares): only near 0 or 1, with large SEs.
    public let truncated: Bool

    /// Compares two observations of the same measure.
    public init(from a: Observation, to b: Observation, fromLabel: String, toLabel: String, level: Double = 0.95) throws(TrendError) {
        let isShare = a.measure != "net"
        let va = try TrendData.variance(of: a, isShare: isShare).variance
        let vb = try TrendData.variance(of: b, isShare: isShare).variance
        guard a.estimate.isFinite else { throw .missingVariance(wave: fromLabel) }
        guard b.estimate.isFinite else { throw .missingVariance(wave: toLabel) }
        self.fromLabel = fromLabel
        self.toLabel = toLabel
        self.from = a.estimate
        self.fromSE = va.squareRoot()
        self.to = b.estimate
        self.toSE = vb.squareRoot()
        let wald = Inference(estimate: b.estimate - a.estimate, se: (va + vb).squareRoot(), level: level, df: nil)
        let bound = isShare ? 1.0 : 2.0
        truncated = wald.lower < -bound || wald.upper > bound
        self.difference = truncated
            ? Inference(estimate: wald.estimate, se: wald.se, lower: max(wald.lower, -bound), upper: min(wald.upper, bound),
                        statistic: wald.statistic, pValue: wald.pValue, df: nil)
            : wald
    }

    /// The difference of two levels of one subgroup at one wave (`b` − reference `a`), from the
    /// import-time row `d` that holds it with its SE from the design covariance of both domains
    /// (one survey: the two levels are not independent samples when they share PSUs or strata).
    public init(reference a: Observation, level b: Observation, difference d: Observation,
                confidence: Double = 0.95) throws(TrendError) {
        guard a.estimate.isFinite, let sa = a.se else { throw .missingVariance(wave: a.groupLevel) }
        guard b.estimate.isFinite, let sb = b.se else { throw .missingVariance(wave: b.groupLevel) }
        guard d.estimate.isFinite, let se = d.se, se > 0 else { throw .missingVariance(wave: d.groupLevel) }
        self.fromLabel = a.groupLevel
        self.toLabel = b.groupLevel
        self.from = a.estimate
        self.fromSE = sa
        self.to = b.estimate
        self.toSE = sb
        self.difference = Inference(estimate: d.estimate, se: se, level: confidence, df: nil)
        self.truncated = false
    }

    /// Change between two waves of one series, named by wave label.
    public static func waves(_ series: Series, from: String, to: String, level: Double = 0.95) throws(TrendError) -> Comparison {
        let a = try series.observation(wave: from), b = try series.observation(wave: to)
        guard a.wave != b.wave else { throw .sameWave(a.wave) }
        return try Comparison(from: a, to: b, fromLabel: a.wave, toLabel: b.wave, level: level)
    }

    /// Difference between two series (e.g. two countries) at one wave: `second` − `first`.
    public static func series(_ first: Series, _ second: Series, wave: String, level: Double = 0.95) throws(TrendError) -> Comparison {
        let a = try first.observation(wave: wave), b = try second.observation(wave: wave)
        return try Comparison(from: a, to: b, fromLabel: first.key.country, toLabel: second.key.country, level: level)
    }
}

extension Series {
    /// The observation of wave `label` (exact label, or the wave whose date starts with it, e.g.
    /// `2019` when the series has one wave in 2019).
    public func observation(wave label: String) throws(TrendError) -> Observation {
        if let o = observations.first(where: { $0.wave == label }) { return o }
        let byDate = observations.filter { $0.date.hasPrefix(label) || $0.wave.hasPrefix(label) }
        if byDate.count == 1 { return byDate[0] }
        if byDate.count > 1 { throw .ambiguousWave(label, matches: byDate.map(\.wave)) }
        throw .unknownWave(label, series: key.label, available: observations.map(\.wave))
    }
}
