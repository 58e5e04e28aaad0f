import SurveyNumerics

/// Covariances and df of a streaming pass: R's `svrVar` over the replicate totals, or the
/// with-replacement PSU variance (`svyrecvar`, one stage) over linearised PSU totals.
extension StreamingEstimator {
    /// θᵣ = A_r / B_r per term and replicate, then `svrVar` with the type's constants.
    func replicateCovariance(_ terms: [Term], values: [Double], spec: StreamingReplicates) throws
        -> (covariance: Matrix, undefined: [[Int]]) {
        let r = spec.replicates.count
        var thetas = Matrix(rows: r, columns: terms.count)
        for (t, term) in terms.enumerated() {
            let a = (term.numerator * slots + term.slot) * width
            let b = term.denominator.map { ($0 * slots + term.slot) * width }
            for rep in 0..<r {
                let x = totals[a + 1 + rep]
                thetas[rep, t] = b.map { x / totals[$0 + 1 + rep] } ?? x
            }
        }
        let constants = try Self.replicateConstants(spec)
        return (try ReplicateDesign.replicateVariance(thetas, full: values, scale: constants.scale,
                                                      rscales: constants.rscales, mse: spec.mse),
                ReplicateDesign.undefinedReplicates(thetas))
    }

    /// `svrepdesign`'s scale and rscales for combined replicate weights (as `ReplicateDesign.init`).
    static func replicateConstants(_ spec: StreamingReplicates) throws(DesignError) -> (scale: Double, rscales: [Double]) {
        let r = spec.replicates.count
        guard r >= 2 else { throw .invalidReplicates("need at least 2 replicate-weight columns, found \(r)") }
        if let rs = spec.rscales, rs.count != r, rs.count != 1 { throw .scaleCount(rs.count, replicates: r) }
        let rscales = spec.rscales.map { $0.count == 1 ? [Double](repeating: $0[0], count: r) : $0 }
        switch spec.type {
        case .brr:
            if spec.scale != nil { throw .invalidReplicates("type brr fixes scale = 1/R; give type other to set it") }
            return (1 / Double(r), rscales ?? [Double](repeating: 1, count: r))
        case .fay:
            guard let rho = spec.fayRho, rho >= 0, rho < 1 else { throw .invalidReplicates("type fay needs Fay's rho in [0, 1)") }
            if spec.scale != nil { throw .invalidReplicates("type fay fixes scale = 1/(R(1−rho)²)") }
            return (1 / (Double(r) * (1 - rho) * (1 - rho)), rscales ?? [Double](repeating: 1, count: r))
        case .bootstrap:
            return (spec.scale ?? 1 / Double(r - 1), rscales ?? [Double](repeating: 1, count: r))
        case .jk1:
            return (spec.scale ?? Double(r - 1) / Double(r), rscales ?? [Double](repeating: 1, count: r))
        case .jkn:
            guard let rscales else {
                throw .jknWithoutScales
            }
            return (spec.scale ?? 1, rscales)
        case .other:
            return (spec.scale ?? 1, rscales ?? [Double](repeating: 1, count: r))
        }
    }

    /// R's df: rank of the replicate weights (tolerance 1e-5, pivoted QR) − 1: R − 1 when the
    /// sampled rows certify full rank (`certifiedFullRank`), else from the full Gram matrix G = AᵀA
    /// (accumulated, or from a second pass over `source`) by `GramRank`.
    func replicateDF() throws -> Int {
        let r = gram.rows
        if certifiedFullRank() { return r - 1 }
        var gram = self.gram
        if let source, case .replicate(let spec) = design { gram = try Self.fullGram(of: source, replicates: spec.replicates) }
        return try GramRank.rankDF(gram: gram)
    }

    /// Σ_h n_h/(n_h − 1) Σ_{j∈h} (u_hj − ū_h)(u_hj − ū_h)ᵀ, u_hj the linearised PSU totals
    /// (A_j − θ·B_j)/B̂ (ratios, means, proportions) or A_j (totals); a stratum with one PSU is an
    /// error (R's `survey.lonely.psu = "fail"`).
    func taylorCovariance(_ terms: [Term], values: [Double], denominators: [Double]) throws -> Matrix {
        let p = width, k = terms.count
        var members = [[Int]](repeating: [], count: strata.count)
        for (j, h) in psuStratum.enumerated() { members[Int(h)].append(j) }
        var dev = [Double](repeating: 0, count: p * k)
        for (h, list) in members.enumerated() where !list.isEmpty {
            guard list.count > 1 else { throw DesignError.lonelyPSU(stratum: label(strata.keys[h]), stage: 1) }
            let c = (Double(list.count) / Double(list.count - 1)).squareRoot()
            for (t, term) in terms.enumerated() {
                let a = (term.numerator * slots + term.slot) * p
                let b = term.denominator.map { ($0 * slots + term.slot) * p }
                var u = list.map { j in b.map { (totals[a + j] - values[t] * totals[$0 + j]) / denominators[t] } ?? totals[a + j] }
                let mean = u.reduce(0, +) / Double(u.count)
                for m in u.indices { u[m] -= mean }
                for (m, j) in list.enumerated() { dev[t * p + j] = u[m] * c }
            }
        }
        var v = Matrix(rows: k, columns: k)
        try v.addCrossproduct(of: dev, rows: p)
        return v
    }

    /// Per slot: PSUs with a non-zero-weight row in it − strata with such PSUs (R's `degf` of the subset).
    func taylorSubsetDF() -> [Double] {
        (0..<slots).map { s in
            var psuCount = 0
            var seen = Set<Int32>()
            for j in 0..<width where hits[s * width + j] {
                psuCount += 1
                seen.insert(psuStratum[j])
            }
            return Double(psuCount - seen.count)
        }
    }
}
