import SurveyData
import SurveyNumerics

/// The population variance of a variable, R `svyvar`: n/(n−1)·Σw(x − x̄)²/Σw within the sample
/// or each domain. Linearization designs take R's route — the design mean of (x − x̄)²·n/(n−1)
/// with x̄ held fixed (its linearization equals the delta method's, since the derivative in x̄
/// vanishes at x̄), n = rows with non-zero weight in the domain (R counts them before removing
/// missing values). Replicate designs re-centre in every replicate, n = the domain's rows with
/// the variable present, as `svyvar.svyrep.design`.
extension Design {
    /// Variances of numeric variables (optionally by domain); covariances between different
    /// variables are left at zero.
    public func variances(_ columns: [Column], by domains: Domains? = nil,
                          options: EstimationOptions = .init()) throws -> Estimate {
        .concatenating(try columns.map { try variance(of: $0, by: domains, options: options) })
    }

    private func variance(of column: Column, by domains: Domains?, options: EstimationOptions) throws -> Estimate {
        let v = try PreparedVariable(numeric: column, removeMissing: options.removeMissing)
        let replicate = self as? ReplicateDesign
        var columns: [[Double]] = [ones]
        let base = v.present.map { columns.append($0); return 1 } ?? 0
        var info: [TermInfo] = [], terms: [RatioStatistic.Term] = [], centred: [[Double]] = [], factors: [Double] = []
        for slot in slots(domains) {
            func inSlot(_ i: Int) -> Bool { slot < 0 || domains?.codes[i] == slot }
            var nNonZero = 0, nPresent = 0, sumW = 0.0, sumWX = 0.0
            for i in 0..<rowCount where inSlot(i) {
                if weights[i] != 0 { nNonZero += 1 }
                guard (v.present?[i] ?? 1) != 0 else { continue }
                nPresent += 1
                sumW += weights[i]
                sumWX += weights[i] * v.values[i]
            }
            let n = Double(replicate == nil ? nNonZero : nPresent), mean = sumWX / sumW
            let c = n / (n - 1)
            let z = (0..<rowCount).map { i in inSlot(i) && (v.present?[i] ?? 1) != 0 ? v.values[i] - mean : 0 }
            columns.append(z.map { c * $0 * $0 })
            centred.append(z)
            factors.append(c)
            terms.append(.init(numerator: columns.count - 1, denominator: base, domain: slot))
            info.append(TermInfo(kind: .variance, variable: column.name, level: nil, domain: slot, base: base))
        }
        let quiet = EstimationOptions(level: options.level, designEffects: false, removeMissing: options.removeMissing,
                                      proportionInterval: nil, domainDF: options.domainDF)
        var estimate = try finish(
            RatioStatistic(columns: columns, domainCodes: domains?.codes, domainCount: domains?.count ?? 0, terms: terms),
            info: info, domains: domains, options: quiet)
        guard let replicate else { return estimate }
        // Replicates: θᵣ = mean of c·z² − c·(mean of z)², z centred at the full-sample mean (so no
        // cancellation), both means in replicate r's weights.
        let k = terms.count
        for (j, z) in centred.enumerated() {
            columns.append(z)
            terms.append(.init(numerator: columns.count - 1, denominator: base, domain: terms[j].domain))
        }
        let both = try replicate.replicateValues(
            of: RatioStatistic(columns: columns, domainCodes: domains?.codes, domainCount: domains?.count ?? 0, terms: terms))
        var thetas = Matrix(rows: both.rows, columns: k)
        for r in 0..<both.rows {
            for j in 0..<k { thetas[r, j] = both[r, j] - factors[j] * both[r, k + j] * both[r, k + j] }
        }
        estimate.covariance = try replicate.replicateVariance(thetas, full: estimate.values)
        estimate.recomputeWaldIntervals()
        return estimate
    }
}

extension Estimate {
    /// SEs from the covariance's diagonal and Wald intervals value ± t(df)·SE, after the
    /// covariance was replaced.
    mutating func recomputeWaldIntervals() {
        for t in elements.indices {
            let se = max(covariance[t, t], 0).squareRoot()
            let q = tQuantile(1 - (1 - elements[t].confidenceLevel) / 2, df: elements[t].degreesOfFreedom)
            elements[t].standardError = se
            (elements[t].ciLower, elements[t].ciUpper) = (elements[t].value - q * se, elements[t].value + q * se)
        }
    }
}
