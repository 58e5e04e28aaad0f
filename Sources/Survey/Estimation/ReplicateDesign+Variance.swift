import SurveyNumerics

/// Replicate variances for `ReplicateDesign`: replicate re-estimates of a `RatioStatistic` through
/// one blocked pass over the replicate-weight columns (`denseTotals`), then R's `svrVar`.
extension ReplicateDesign: Design {
    public var summary: DesignSummary {
        DesignSummary(kind: "replicate", n: rowCount, degreesOfFreedom: degreesOfFreedom, strata: nil, psus: nil,
                      replicateType: type.rawValue, replicates: replicateCount, sumOfWeights: weights.reduce(0, +))
    }

    public func covariance(of statistic: RatioStatistic, at values: [Double]) throws -> Matrix {
        try replicateVariance(replicateValues(of: statistic), full: values)
    }

    /// θᵣ for every replicate r (R × k): totals Aᵀ Z of the statistic's (column, domain) pairs,
    /// with A the replicate weights, in one pass over row blocks: each block of A's columns is
    /// gathered into a cache-resident panel and multiplied by that block of Z (`dgemm`), so
    /// neither A as a matrix nor Z in full is ever materialized.
    public func replicateValues(of statistic: RatioStatistic) throws -> Matrix {
        let r = replicateCount
        let (pairs, numerator, denominator) = statistic.pairs()
        let p = pairs.count
        var totals: [Double]
        let codes = statistic.domainCodes
        let value = { (q: Int, i: Int) -> Double in
            let pair = pairs[q], x = statistic.columns[pair.column][i]
            return pair.slot == 0 || codes?[i] == Int32(pair.slot - 1) ? x : 0
        }
        if let recalibrated {
            totals = try recalibrated.totals(columns: p, value: value)
        } else if let described {
            totals = described.totals(columns: p, base: weights, value: value)
        } else {
            totals = try denseTotals(of: statistic, pairs: pairs)
        }
        var thetas = Matrix(rows: r, columns: statistic.terms.count)
        for t in statistic.terms.indices {
            for rep in 0..<r {
                let a = totals[rep + numerator[t] * r]
                thetas[rep, t] = denominator[t].map { a / totals[rep + $0 * r] } ?? a
            }
        }
        return thetas
    }

    /// R's `svrVar`: `scale · Σᵣ rscalesᵣ (θᵣ − c)(θᵣ − c)ᵀ`, c the mean of the replicates with
    /// rscales > 0 (or the full-sample estimate under `mse`). A replicate whose estimate is
    /// non-finite is dropped for that estimate only (R's `na.action` inside each `svyby` domain);
    /// an estimate undefined in every replicate gets a NaN variance. See `replicateVariance(_:full:scale:rscales:mse:)`.
    public func replicateVariance(_ thetas: Matrix, full: [Double]) throws -> Matrix {
        try Self.replicateVariance(thetas, full: full, scale: scale, rscales: rscales, mse: mse)
    }

    /// Per estimate (column of `thetas`), the replicates (1-based) whose value is not finite —
    /// those `replicateVariance` leaves out.
    static func undefinedReplicates(_ thetas: Matrix) -> [[Int]] {
        (0..<thetas.columns).map { t in (0..<thetas.rows).filter { !thetas[$0, t].isFinite }.map { $0 + 1 } }
    }

    /// `svrVar` with the constants given (shared with `StreamingEstimator`). Each estimate drops
    /// only its own non-finite replicates, and is centred at the mean of its remaining ones: a
    /// variance is R's for that estimate alone (R's `svyby` computes each domain separately, so
    /// a domain empty in one replicate loses that replicate only there — not every domain, as one
    /// `na.omit` over the whole matrix would). A covariance sums over the replicates where both
    /// estimates are finite. An estimate with no finite replicate (e.g. a 0/0 share in every
    /// replicate) gets NaN variance and covariances; the other estimates are unaffected.
    static func replicateVariance(_ thetas: Matrix, full: [Double], scale: Double, rscales: [Double],
                                  mse: Bool) throws -> Matrix {
        let k = thetas.columns, rows = thetas.rows
        var undefined = Set<Int>()
        var dev = [Double](repeating: 0, count: rows * k)
        for t in 0..<k {
            let finite = (0..<rows).filter { thetas[$0, t].isFinite }
            var centre = full[t]
            if !mse {
                let used = finite.filter { rscales[$0] > 0 }
                centre = used.reduce(0) { $0 + thetas[$1, t] } / Double(used.count)
            }
            if finite.isEmpty || !centre.isFinite { undefined.insert(t); continue }
            for r in finite { dev[r + t * rows] = (thetas[r, t] - centre) * (scale * rscales[r]).squareRoot() }
        }
        var v = Matrix(rows: k, columns: k)
        try v.addCrossproduct(of: dev, rows: rows)
        for t in undefined {
            for s in 0..<k { v[s, t] = .nan; v[t, s] = .nan }
        }
        return v
    }
}
