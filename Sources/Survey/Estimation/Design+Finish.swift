import SurveyNumerics

/// Turns a `RatioStatistic` into an `Estimate`: values, design covariance, df per base and domain,
/// intervals, sample sizes and design effects.
extension Design {
    func finish(_ stat: RatioStatistic, info: [TermInfo], domains: Domains?,
                options: EstimationOptions) throws -> Estimate {
        // No rows, or every weight zero: a total of 0 with SE 0, or no proportion levels or
        // domains at all, is not an estimate (and the df would be −1); the errors a mean's 0/0 gives.
        if weights.isEmpty { throw DesignError.noRows }
        if !weights.contains(where: { $0 != 0 }) { throw DesignError.allWeightsZero }
        // Their covariance is k × k and costs rows × k² (one per row of an identifier used as --by
        // or --proportion: 200,000 asked for 320 GB and aborted; 30,000 ran out of time).
        guard info.count <= maxEstimatesPerCall else {
            let domainNote = domains.map { " (\($0.labels.count) domains of '\($0.variable)')" } ?? ""
            throw DesignError.impossible("\(info.count) estimates in one request\(domainNote), more than \(maxEstimatesPerCall): "
                + "their covariance alone would be \(info.count) × \(info.count); is the --by or --proportion column an identifier?")
        }
        let sizes = baseSizes(stat, info: info)
        let anyRows = sizes.contains { $0.n > 0 }
        let validate = { (values: [Double]) throws in
            for (t, v) in values.enumerated() where !v.isFinite {
                // Tell the three empty cases apart: no rows, no weight, no value.
                if weights.isEmpty { throw DesignError.noRows }
                if !weights.contains(where: { $0 != 0 }) { throw DesignError.allWeightsZero }
                // Rows, but no value: a one-row domain's variance (0/0), a ratio whose denominator
                // totals 0 in a domain. R gives NaN (or ±Inf) for that estimate and the others as
                // usual; so does barometer, with a note (`EstimateReport`).
                if sizes[t].n > 0 { continue }
                // A domain with no usable row (every West respondent skipped the question) is
                // such an estimate too, when another domain has rows: R's svyby gives it 0/0 rows,
                // barometer NaN with a note, and the other domains as usual.
                if info[t].domain >= 0 && anyRows { continue }
                let where_ = info[t].domain >= 0 ? " in domain \(domains?.variable ?? "")=\(domains?.labels[Int(info[t].domain)] ?? "")" : ""
                throw DesignError.allMissing(variable: info[t].variable + where_)
            }
        }
        // Replicate designs keep the replicate estimates, to say which replicates an estimate
        // was undefined in (R's svrVar warns that it dropped them).
        let values: [Double], cov0: Matrix
        var thetas: Matrix? = nil
        if let replicate = self as? ReplicateDesign {
            values = stat.values(weights: weights)
            try validate(values)
            let replicateValues = try replicate.replicateValues(of: stat)
            cov0 = try replicate.replicateVariance(replicateValues, full: values)
            thetas = replicateValues
        } else {
            (values, cov0) = try estimates(of: stat, validate: validate)
        }
        let undefined = thetas.map(ReplicateDesign.undefinedReplicates) ?? []
        if values.indices.contains(where: { values[$0].isFinite && !cov0[$0, $0].isFinite }) { try checkMagnitudes(stat) }
        var cov = cov0
        if let linear = self as? SurveyDesign, linear.lonelyPSU == .average {
            var noStratum: [Int: [Bool]] = [:]
            for (t, term) in info.enumerated() {
                if noStratum[term.base] == nil {
                    noStratum[term.base] = linear.averagesOverNoStratum(
                        base: term.base == 0 ? nil : stat.columns[term.base].values, domains: domains)
                }
                guard noStratum[term.base]?[Int(term.domain) + 1] == true else { continue }
                for s in info.indices { cov[t, s] = .nan; cov[s, t] = .nan }
            }
        }
        var dfCache: [Int: (df: [Double], rules: [DomainDegreesOfFreedom?])] = [:]
        var elements: [EstimateElement] = []
        // R's `logit` interval comes from an intercept-only svyglm: on a replicate design its SE is
        // the replicate spread of logit(θᵣ), not the delta method.
        var replicateLogits: Matrix? = nil
        if options.proportionInterval == .logit { replicateLogits = thetas }
        for (t, term) in info.enumerated() {
            let slot = Int(term.domain) + 1
            if dfCache[term.base] == nil {
                dfCache[term.base] = domainDegreesOfFreedom(
                    base: term.base == 0 ? nil : stat.columns[term.base].values, domains: domains, rule: options.domainDF)
            }
            let df = dfCache[term.base]?.df[slot] ?? .nan
            let se = max(cov[t, t], 0).squareRoot()
            let size = sizes[t]
            var element = EstimateElement(
                statistic: term.kind, variable: term.variable, level: term.level,
                domain: term.domain >= 0 ? domains?.label(Int(term.domain)) : nil,
                probability: nil, quantileRule: nil, value: values[t], standardError: se,
                ciLower: .nan, ciUpper: .nan, ciMethod: "wald", confidenceLevel: options.level,
                degreesOfFreedom: df, deff: nil, deffReplace: nil, n: size.n,
                effectiveSampleSize: size.sumW * size.sumW / size.sumW2)
            element.dfRule = dfCache[term.base]?.rules[slot] ?? nil
            if t < undefined.count { element.undefinedReplicates = undefined[t] }
            if term.kind == .proportion, let method = options.proportionInterval {
                var logitVariance: Double? = nil
                if let thetas = replicateLogits, let replicate = self as? ReplicateDesign {
                    var column = Matrix(rows: thetas.rows, columns: 1)
                    for r in 0..<thetas.rows { column[r, 0] = logit(thetas[r, t]) }
                    // A replicate share of exactly 0 or 1 has an infinite logit: the spread is
                    // unbounded, not the spread of the other replicates.
                    let unbounded = (0..<thetas.rows).filter { thetas[$0, t].isFinite && column[$0, 0].isInfinite }
                    if values[t] > 0 && values[t] < 1 && !unbounded.isEmpty {
                        logitVariance = .infinity
                        element.unboundedLogitReplicates = unbounded.map { $0 + 1 }
                    } else {
                        logitVariance = try replicate.replicateVariance(column, full: [logit(values[t])])[0, 0]
                    }
                }
                var profile: ProfileInputs? = nil
                if method == .likelihood, let linear = self as? SurveyDesign {
                    let base = stat.columns[term.base], codes = stat.domainCodes, d = term.domain
                    let ci = try linear.likelihoodInterval(
                        y: stat.columns[stat.terms[t].numerator].values,
                        inBase: { i in base[i] != 0 && (d < 0 || codes?[i] == d) },
                        rows: size.rows, level: options.level, df: df)
                    profile = ProfileInputs(lower: ci.lower, upper: ci.upper)
                }
                let ci = ProportionInterval(method: method, level: options.level)
                    .interval(p: values[t], variance: cov[t, t], df: df, rows: size.rows, logitVariance: logitVariance,
                              profile: profile)
                (element.ciLower, element.ciUpper, element.ciMethod) = (ci.lower, ci.upper, method.rawValue)
            } else {
                let q = tQuantile(1 - (1 - options.level) / 2, df: df)
                (element.ciLower, element.ciUpper) = (values[t] - q * se, values[t] + q * se)
            }
            if options.designEffects {
                let d = designEffects(stat, term: stat.terms[t], info: term, value: values[t], variance: cov[t, t], size: size)
                (element.deff, element.deffReplace) = (d.withoutReplacement, d.withReplacement)
            }
            elements.append(element)
        }
        return Estimate(elements: elements, covariance: cov)
    }

    /// Rows (any weight), rows with non-zero weight, Σw and Σw² over each term's base ∩ domain,
    /// computed once per (base, domain) pair — from per-cell sums over the level codes when the
    /// base is a function of them (`CellWeightSums`), else a pass over the base column.
    func baseSizes(_ stat: RatioStatistic, info: [TermInfo]) -> [(rows: Int, n: Int, sumW: Double, sumW2: Double)] {
        let slots = stat.slotCount
        var cache: [Int: [(rows: Int, n: Int, sumW: Double, sumW2: Double)]] = [:]
        for base in Set(info.map(\.base)) {
            if stat.domainCodes != nil || slots == 1,
               let layout = CellLayout(stat, pairs: (0..<slots).map { (column: base, slot: $0) }) {
                let sums = CellWeightSums(layout, weights: weights, sizes: true)
                cache[base] = layout.members.map { sums.total($0) }
                continue
            }
            var acc = [(rows: Int, n: Int, sumW: Double, sumW2: Double)](repeating: (0, 0, 0, 0), count: slots)
            let codes = stat.domainCodes ?? [], hasDomains = stat.domainCodes != nil
            // `b` nil: the base is every row (the ones column, never built as an array).
            let accumulate = { (b: UnsafeBufferPointer<Double>?) in
                weights.withUnsafeBufferPointer { weight in
                    codes.withUnsafeBufferPointer { d in
                        // The whole-sample slot in locals (an array element would be a memory-carried chain).
                        var rows = 0, n = 0, sumW = 0.0, sumW2 = 0.0
                        for i in 0..<rowCount {
                            if let b, b[i] == 0 { continue }
                            let w = weight[i], nz = w != 0 ? 1 : 0
                            rows += 1; n += nz; sumW += w; sumW2 += w * w
                            if hasDomains, d[i] >= 0 {
                                let s = Int(d[i]) + 1
                                acc[s].rows += 1; acc[s].n += nz; acc[s].sumW += w; acc[s].sumW2 += w * w
                            }
                        }
                        acc[0] = (rows, n, sumW, sumW2)
                    }
                }
            }
            if stat.columns[base].isOnes { accumulate(nil) } else { stat.columns[base].withUnsafeBufferPointer { accumulate($0) } }
            cache[base] = acc
        }
        return info.map { cache[$0.base]?[Int($0.domain) + 1] ?? (0, 0, 0, 0) }
    }

    /// R's `deff`: variance over the variance under simple random sampling of the same number of
    /// rows — `s²·(W/B)²·(W−n)/(W·n)` without replacement, `s²·(W/B)²/n` with — where s² is the
    /// weighted variance (n/(n−1) corrected) of the linearized variable e = a − θb (ratio, mean,
    /// proportion) or a (total) over the base, W = Σw, B = Σw·b (1 for totals). nil when W < n.
    func designEffects(_ stat: RatioStatistic, term: RatioStatistic.Term, info: TermInfo, value: Double,
                       variance: Double, size: (rows: Int, n: Int, sumW: Double, sumW2: Double))
        -> (withoutReplacement: Double?, withReplacement: Double?) {
        let a = stat.columns[term.numerator], b = term.denominator.map { stat.columns[$0] }
        let base = stat.columns[info.base]
        var sumA = 0.0, sumB = 0.0
        for i in 0..<rowCount where base[i] != 0 && (info.domain < 0 || stat.domainCodes?[i] == info.domain) {
            sumA += weights[i] * a[i]
            sumB += weights[i] * (b?[i] ?? 0)
        }
        let bigW = size.sumW, n = Double(size.n)
        let bigB = b == nil ? 1 : sumB
        let mu = (sumA - value * (b == nil ? 0 : sumB)) / bigW
        var ss = 0.0
        for i in 0..<rowCount where base[i] != 0 && (info.domain < 0 || stat.domainCodes?[i] == info.domain) {
            let e = a[i] - (b.map { value * $0[i] } ?? 0) - mu
            ss += weights[i] * e * e
        }
        let s2 = ss / bigW * n / (n - 1)
        let scale = (bigW / bigB) * (bigW / bigB)
        let replace = variance / (s2 * scale / n)
        let without = bigW < n ? nil : variance / (s2 * scale * (bigW - n) / (bigW * n))
        return (without, replace)
    }
}

/// The `p` quantile of Student's t with `df` degrees of freedom (normal when df is infinite).
package func tQuantile(_ p: Double, df: Double) -> Double {
    if df.isInfinite { return Normal().quantile(p) }
    guard df > 0 else { return .nan }
    return StudentT(df: df).quantile(p)
}

/// Most estimates one estimator call makes (means × domains, levels × domains, …).
let maxEstimatesPerCall = 5_000

extension Design {
    /// An estimate without a variance whose weights or values square out of double range (weights
    /// of 1e300, or of 1e-320; values of 1e300): an error saying so, not a blank SE with exit 0.
    /// Other missing variances (R's NA cases) stay as they are.
    func checkMagnitudes(_ stat: RatioStatistic) throws {
        var large = 0.0, small = Double.infinity
        func widen(_ xs: [Double]) {
            for x in xs where x != 0 && x.isFinite { large = max(large, abs(x)); small = min(small, abs(x)) }
        }
        widen(weights)
        for column in stat.columns { widen(column.values) }   // one column at a time, no joined copy
        guard large > 1e150 || small < 1e-150 else { return }
        let what = large > 1e150 ? "as large as \(large)" : "as small as \(small)"
        throw DesignError.impossible("standard errors cannot be computed in double precision: weights or values \(what) "
            + "square out of its range (about 1e-308 to 1e308); rescale them (e.g. weights summing to n or to the population)")
    }
}
