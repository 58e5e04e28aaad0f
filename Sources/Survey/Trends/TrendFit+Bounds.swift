/// Keeping trend bands where a share can be (docs/intervals.md): linear, quadratic, segmented and
/// local-trend fits are Gaussian on the share scale, so their pointwise bands can leave [0, 1]
/// (a Gallup segmented endpoint of −8.8%). They are truncated to the possible range with a note
/// saying so: the fitted model is kept as it is (its slope, tests and coverage inside the range
/// are unchanged), and the part of the band that is impossible is not printed. The logit model
/// needs no truncation: its band is in (0, 1) by construction.
extension TrendFit {
    /// Residual degrees of freedom: waves used minus parameters (the estimated breakpoint counts
    /// as one); nil for the local trend, whose state noise is not a fixed parameter count.
    public var identifiedDF: Int? {
        model == .localTrend ? nil : observations - coefficients.count
    }

    /// "3 waves, 1 residual df: the trend is barely identified" when ≤ 2 residual df remain.
    public var smallSampleNote: String? {
        guard let df = identifiedDF, df <= 2 else { return nil }
        return "\(observations) waves, \(df) residual df: the trend is barely identified"
            + (df <= 0 ? " (no df left to check the fit against the data)" : "")
    }

    /// The fit with every estimate and band end clipped to `range` ([0, 1] for shares, [−1, 1]
    /// for net shares) and a note when anything was clipped; the fit itself when nothing was.
    public func bounded(to range: ClosedRange<Double>) -> TrendFit {
        func clip(_ x: Double) -> Double { x.isFinite ? min(max(x, range.lowerBound), range.upperBound) : x }
        var clipped = false
        func point(_ p: TrendPoint) -> TrendPoint {
            let q = TrendPoint(time: p.time, wave: p.wave, date: p.date, estimate: clip(p.estimate), se: p.se,
                               lower: clip(p.lower), upper: clip(p.upper))
            if q != p { clipped = true }
            return q
        }
        let fitted = self.fitted.map(point), grid = self.grid.map(point)
        let e = endpoint
        let end = Inference(estimate: clip(e.estimate), se: e.se, lower: clip(e.lower), upper: clip(e.upper),
                            statistic: e.statistic, pValue: e.pValue, df: e.df)
        if end != e { clipped = true }
        guard clipped else { return self }
        let lo = Int((range.lowerBound * 100).rounded()), hi = Int((range.upperBound * 100).rounded())
        return TrendFit(
            model: model, fitted: fitted, grid: grid, slope: slope, endpoint: end, coefficients: coefficients,
            timeCentre: timeCentre, logLikelihood: logLikelihood, aic: aic, bic: bic, dispersion: dispersion,
            scale: scale, residualDF: residualDF, breakpoint: breakpoint, stateNoise: stateNoise,
            observations: observations, level: level,
            // --model logit fits shares only: a net share (range [−1, 1]) has no such model to suggest.
            notes: notes + [range.lowerBound < 0
                ? "band truncated to [\(lo), \(hi)] points: the \(model.rawValue) model is fitted on the net-share scale "
                    + "and its band leaves the possible range there"
                : "band truncated to [\(lo)%, \(hi)%]: the \(model.rawValue) model is fitted on the share scale "
                    + "and its band leaves the possible range there (--model logit keeps it inside)"])
    }

    /// `bounded(to:)` with the range of the data: [0, 1] for shares, [−1, 1] for net shares.
    public func bounded(isShare: Bool) -> TrendFit {
        model == .logit ? self : bounded(to: isShare ? 0...1 : -1...1)
    }
}
