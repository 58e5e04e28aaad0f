import SurveyData
import SurveyNumerics

/// The interval of P(x ≤ q̂) that Woodruff's method maps back to the quantile scale — R
/// `svyquantile(interval.type =)`: `mean` (Wald, p̂ ± t·SE), `beta` (Korn–Graubard), `xlogit`
/// (Wald on the logit scale), `asin` (Wald on the arcsine-square-root scale); see
/// `ProportionInterval`; and `score`, the Francisco–Fuller test inversion, not Woodruff's
/// (linearization designs only, as R; `Design+ScoreQuantile.swift`); and `quantile`, R's
/// replicate interval (`survey:::repCI`): the quantile re-estimated in every replicate, their
/// replicate variance (`svrVar`) as the variance, q̂ ± t·SE (replicate designs only, as R).
public enum QuantileInterval: String, CaseIterable, Sendable {
    case mean, beta, xlogit, asin, score, quantile

    /// The proportion interval Woodruff's method maps back (nil for `score`).
    var proportionMethod: ProportionIntervalMethod? {
        switch self {
        case .mean: return .mean
        case .beta: return .beta
        case .xlogit: return .xlogit
        case .asin: return .asin
        case .score, .quantile: return nil
        }
    }
}

/// Quantiles with Woodruff intervals, as R `survey` 4.x's `svyquantile`: q̂ = the `rule` quantile
/// of the weighted sample; the interval is the `interval` interval (t with the design df of the
/// base) of the proportion P(x ≤ q̂), mapped back through the same rule; SE = (upper − lower)/(2·t).
/// A limit whose probability is NaN or falls outside [0, 1] is NaN, as in R.
extension Design {
    public func quantiles(_ column: Column, probabilities: [Double], rule: QuantileRule = .math,
                          interval: QuantileInterval = .mean,
                          by domains: Domains? = nil, options: EstimationOptions = .init()) throws -> Estimate {
        let v = try PreparedVariable(numeric: column, removeMissing: options.removeMissing)
        for p in probabilities where !(0...1).contains(p) {
            throw DesignError.impossible("quantile probability \(p) is outside [0, 1]")
        }
        if interval == .score && summary.kind != "linearization" {
            throw DesignError.impossible("the score quantile interval needs a linearization design (R's svyquantile offers it only there)")
        }
        let replicate = self as? ReplicateDesign
        if interval == .quantile && replicate == nil {
            throw DesignError.impossible("the replicate quantile interval needs a replicate design (R's svyquantile offers it only there)")
        }
        let base = v.present
        let domainSlots = slots(domains)
        // One sorted sample per slot.
        var samples: [SortedSample] = []
        for slot in domainSlots {
            let sample = SortedSample(values: v.values, weights: weights) { i in
                (base?[i] ?? 1) != 0 && (slot < 0 || domains?.codes[i] == slot)
            }
            samples.append(sample)
        }
        // A domain without a row holding a value has no quantile (NaN, no interval, with the
        // estimators' note) when another has rows, as `finish` treats its means; none at all is an error.
        if let empty = samples.indices.first(where: { samples[$0].count == 0 }),
           domainSlots[empty] < 0 || !samples.contains(where: { $0.count > 0 }) {
            let slot = domainSlots[empty]
            let label = slot >= 0 ? " in domain \(domains?.variable ?? "")=\(domains?.labels[Int(slot)] ?? "")" : ""
            throw DesignError.allMissing(variable: column.name + label)
        }
        // Indicators 1[x ≤ q̂] for every (slot, p), estimated as means in one statistic.
        var columns: [[Double]] = [ones]
        let baseIndex = base.map { columns.append($0); return 1 } ?? 0
        var terms: [RatioStatistic.Term] = [], estimates: [Double] = []
        for (s, slot) in domainSlots.enumerated() {
            for p in probabilities {
                let q = samples[s].quantile(p, rule: rule)
                estimates.append(q)
                columns.append(v.values.indices.map { i in (base?[i] ?? 1) != 0 && v.values[i] <= q ? 1 : 0 })
                terms.append(.init(numerator: columns.count - 1, denominator: baseIndex, domain: slot))
            }
        }
        let stat = RatioStatistic(columns: columns, domainCodes: domains?.codes, domainCount: domains?.count ?? 0, terms: terms)
        let pHat = stat.values(weights: weights)
        // The indicators' covariance is Woodruff's input; `quantile` re-estimates the quantiles.
        let cov = interval.proportionMethod == nil ? Matrix(rows: 0, columns: 0) : try covariance(of: stat, at: pHat)
        var replicateCovariance: Matrix? = nil
        if interval == .quantile, let replicate {
            replicateCovariance = try replicate.replicateQuantileCovariance(
                values: v.values, present: base, domains: domains, slots: domainSlots, probabilities: probabilities,
                rule: rule, estimates: estimates)
        }
        let (df, dfRules) = domainDegreesOfFreedom(base: base, domains: domains, rule: options.domainDF)
        let info = terms.map { TermInfo(kind: .quantile, variable: column.name, level: nil, domain: $0.domain, base: baseIndex) }
        let sizes = baseSizes(stat, info: info)
        var elements: [EstimateElement] = []
        var variances: [Double] = []
        for (t, term) in terms.enumerated() {
            let s = t / probabilities.count, p = probabilities[t % probabilities.count]
            let d = df[Int(term.domain) + 1]
            let q = tQuantile(1 - (1 - options.level) / 2, df: d)
            let lower: Double, upper: Double
            if estimates[t].isNaN {
                // No quantile (hf4 at p = 1: γ = 0/0, as R): no interval either — P(x ≤ NaN) is
                // not 0, though the indicators would say so (R's are NA, so its interval is NaN).
                (lower, upper) = (.nan, .nan)
            } else if let rc = replicateCovariance {
                let se = rc[t, t].squareRoot()
                (lower, upper) = (estimates[t] - q * se, estimates[t] + q * se)
            } else if let method = interval.proportionMethod {
                let (pl, pu) = ProportionInterval(method: method, level: options.level)
                    .interval(p: pHat[t], variance: max(cov[t, t], 0), df: d, rows: sizes[t].rows)
                lower = pl.isNaN || pl < 0 ? .nan : samples[s].quantile(pl, rule: rule)
                upper = pu.isNaN || pu > 1 ? .nan : samples[s].quantile(pu, rule: rule)
            } else {
                (lower, upper) = try scoreQuantileLimits(
                    values: v.values, present: base, domains: domains, slot: term.domain, p: p, critical: q,
                    sample: samples[s], rule: rule, name: column.name)
            }
            let qse = (upper - lower) / (2 * q)
            variances.append(qse * qse)
            let size = sizes[t]
            elements.append(EstimateElement(
                statistic: .quantile, variable: column.name, level: nil,
                domain: term.domain >= 0 ? domains?.label(Int(term.domain)) : nil,
                probability: p, quantileRule: rule, value: estimates[t], standardError: qse,
                ciLower: lower, ciUpper: upper, ciMethod: interval == .mean ? "woodruff" : interval == .score || interval == .quantile ? interval.rawValue
                    : "woodruff-\(interval.rawValue)",
                confidenceLevel: options.level,
                degreesOfFreedom: d, dfRule: dfRules[Int(term.domain) + 1], deff: nil, deffReplace: nil, n: size.n,
                effectiveSampleSize: size.sumW * size.sumW / size.sumW2))
        }
        if let rc = replicateCovariance { return Estimate(elements: elements, covariance: rc) }
        var diagonal = Matrix(rows: terms.count, columns: terms.count)
        for t in terms.indices { diagonal[t, t] = variances[t] }
        return Estimate(elements: elements, covariance: diagonal)
    }
}
