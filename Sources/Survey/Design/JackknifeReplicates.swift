/// Jackknife replicates kept as a description, not an n × R weight matrix: replicate r drops PSU
/// `dropped[r]` and multiplies the other PSUs of its group (`group[r]`, a stratum, or −1 for all
/// PSUs) by `factor[r]`; PSUs outside the group keep factor 1. A converted jk1 design on 40,000
/// PSUs would otherwise need a 40,000 × 40,000 matrix (12.8 GB).
///
/// Replicate totals come from per-PSU totals: with Z_p the weighted total of PSU p, S_g the total
/// of group g and T the grand total, replicate r's total is `factor_r·(S_g − Z_drop) + (T − S_g)`,
/// so a statistic with p columns costs O(n·p + R·p) time and memory.
struct JackknifeReplicates: Sendable {
    /// Stage-1 PSU code of each row.
    let psuOfRow: [Int32]
    /// Stratum code of each PSU.
    let stratumOfPSU: [Int32]
    let stratumCount: Int
    /// Per replicate: the PSU dropped, the group rescaled (stratum, −1 = all PSUs) and its factor.
    let dropped: [Int]
    let group: [Int32]
    let factor: [Double]

    var count: Int { dropped.count }
    var psuCount: Int { stratumOfPSU.count }

    /// Weight factor of PSU `p` in replicate `r`.
    func factor(replicate r: Int, psu p: Int) -> Double {
        if p == dropped[r] { return 0 }
        return group[r] < 0 || stratumOfPSU[p] == group[r] ? factor[r] : 1
    }

    /// Replicate r's analysis weights (`base` × the PSU factors): one column, O(n).
    func weights(replicate r: Int, base: [Double]) -> [Double] {
        var w = base
        for i in w.indices { w[i] *= factor(replicate: r, psu: Int(psuOfRow[i])) }
        return w
    }

    /// Replicate totals, `result[r + q·R]`, of columns `z(q, i)` (q < p) weighted by `base`.
    func totals(columns p: Int, base: [Double], value z: (Int, Int) -> Double) -> [Double] {
        let psus = psuCount, r = count
        var psuTotal = [Double](repeating: 0, count: psus * p)
        for q in 0..<p {
            let offset = q * psus
            for i in base.indices where base[i] != 0 {
                psuTotal[offset + Int(psuOfRow[i])] += base[i] * z(q, i)
            }
        }
        var result = [Double](repeating: 0, count: r * p)
        var stratumTotal = [Double](repeating: 0, count: stratumCount)
        for q in 0..<p {
            for h in stratumTotal.indices { stratumTotal[h] = 0 }
            var grand = 0.0
            for k in 0..<psus {
                let x = psuTotal[q * psus + k]
                stratumTotal[Int(stratumOfPSU[k])] += x
                grand += x
            }
            for rep in 0..<r {
                let g = group[rep]
                let scoped = g < 0 ? grand : stratumTotal[Int(g)]
                result[rep + q * r] = factor[rep] * (scoped - psuTotal[q * psus + dropped[rep]]) + (grand - scoped)
            }
        }
        return result
    }

    /// R's df (rank of the analysis weights − 1). Up to `exactLimit` PSUs the rank of the PSU ×
    /// replicate factor matrix is computed (PSUs with no positive weight left out, as their rows
    /// are zero); above it, the rank of the jackknife pattern, #replicates − max(1, #strata with
    /// replicates). (A stratum's n replicate columns are 1 + D e_d with D = (g−1)J − gI on the
    /// stratum, g = n/(n−1); D's null space is the stratum's ones vector, so the columns span the
    /// ones vector plus n − 1 dimensions; a lonely-PSU `adjust` column g'(1 − e_q) adds one.)
    func degreesOfFreedom(weights: [Double], exactLimit: Int = 1_500) throws(DesignError) -> Int {
        let strata = Set(group.filter { $0 >= 0 }).count
        guard psuCount <= exactLimit else { return count - max(1, strata) }
        var positive = [Bool](repeating: false, count: psuCount)
        for i in weights.indices where weights[i] > 0 { positive[Int(psuOfRow[i])] = true }
        let rows = (0..<psuCount).filter { positive[$0] }
        var m = Matrix(rows: rows.count, columns: count)
        for (k, p) in rows.enumerated() {
            for r in 0..<count { m[k, r] = factor(replicate: r, psu: p) }
        }
        return try ReplicateScan.rankDF(m)
    }
}

extension ReplicateDesign {
    /// A converted jackknife design kept as its description (scale and rscales as R's
    /// `as.svrepdesign`); df as R's, see `JackknifeReplicates.degreesOfFreedom`.
    init(weights: [Double], jackknife: JackknifeReplicates, type: ReplicateType, scale: Double, rscales: [Double]?,
         mse: Bool) throws(DesignError) {
        guard jackknife.count >= 2 else {
            throw .invalidReplicates("need at least 2 replicates, the design gives \(jackknife.count)")
        }
        self.weights = weights
        self.replicates = try ReplicateWeights(rows: weights.count, columns: [])
        self.jackknife = jackknife
        self.type = type
        self.scale = scale
        self.rscales = rscales ?? [Double](repeating: 1, count: jackknife.count)
        self.mse = mse
        self.fayRho = nil
        self.degreesOfFreedom = try jackknife.degreesOfFreedom(weights: weights)
    }

    /// Replicate r's analysis weights (a column of `replicates`, or built from the jackknife description).
    public func replicateWeights(_ r: Int) -> [Double] {
        jackknife?.weights(replicate: r, base: weights) ?? replicates.column(r)
    }
}
