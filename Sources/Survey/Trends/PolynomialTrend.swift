/// Linear (degree 1) or quadratic (degree 2) trend in time, fitted by weighted least squares on
/// the share scale with weights 1/var (each wave's own sampling variance).
///
/// Time is centred at the mean observed time, so the intercept is the trend there. The slope is
/// the derivative at the last wave, β₁ + 2β₂(t_last − t̄) for the quadratic. Intervals follow the
/// `DispersionPolicy`. The log-likelihood is Gaussian with the sampling variances as known; AIC
/// and BIC count the degree + 1 coefficients. Needs degree + 2 waves.
public struct PolynomialTrend: TrendModel {
    public let degree: Int

    public init(degree: Int) {
        self.degree = max(1, min(degree, 2))
    }

    public var kind: TrendModelKind { degree == 1 ? .linear : .quadratic }
    public var minimumWaves: Int { degree + 2 }

    public func fit(_ data: TrendData, options: TrendOptions) throws(TrendError) -> TrendFit {
        let idx = data.observedIndices
        guard idx.count >= minimumWaves else {
            throw .tooFewWaves(model: kind.rawValue, have: idx.count, need: minimumWaves)
        }
        let centre = data.observedTimeCentre
        let deg = degree
        func row(_ tc: Double) -> [Double] { (0...deg).map { power(tc, $0) } }
        let columns: [(Double) -> Double] = (0...deg).map { k in { power($0, k) } }
        let (x, y, w) = data.design(columns, centre: centre)
        let reg = try WeightedRegression(x: x, y: y, weights: w, policy: options.dispersion)
        let fitted = idx.map { i in
            reg.point(time: data.times[i], row: row(data.times[i] - centre), wave: data.waves[i], date: data.dates[i], level: options.level)
        }
        let first = data.times[idx[0]], last = data.times[idx[idx.count - 1]]
        let grid = options.gridTimes(from: first, to: last).map { t in
            reg.point(time: t, row: row(t - centre), wave: nil, date: nil, level: options.level)
        }
        let derivative: [Double] = (0...deg).map { k in k == 0 ? 0 : Double(k) * power(last - centre, k - 1) }
        let slope = reg.inference(derivative, level: options.level)
        let endpoint = reg.inference(row(last - centre), level: options.level)
        let ic = reg.informationCriteria(parameters: deg + 1)
        let names = ["(Intercept)", "time", "time^2"].prefix(deg + 1).map { $0 }
        return TrendFit(
            model: kind, fitted: fitted, grid: grid, slope: slope, endpoint: endpoint,
            coefficients: reg.coefficientList(names), timeCentre: centre, logLikelihood: reg.logLikelihood,
            aic: ic.aic, bic: ic.bic, dispersion: reg.dispersion, scale: reg.scale, residualDF: reg.df,
            breakpoint: nil, stateNoise: nil, observations: idx.count, level: options.level,
            notes: data.notes + [options.dispersion.note(dispersion: reg.dispersion, scale: reg.scale)])
    }
}

/// xᵏ for a small non-negative integer k.
func power(_ x: Double, _ k: Int) -> Double {
    var r = 1.0
    for _ in 0..<max(k, 0) { r *= x }
    return r
}
