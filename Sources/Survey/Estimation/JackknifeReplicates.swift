/// Jackknife replicates kept as a description, not an n × R weight matrix: replicate r drops PSU
/// `dropped[r]` and multiplies the other PSUs of its group (`group[r]`, a stratum, or −1 for all
/// PSUs) by `factor[r]`; PSUs outside the group keep factor 1. A converted jk1 design on 40,000
/// PSUs would otherwise need a 40,000 × 40,000 matrix (12.8 GB).
///
/// Replicate totals come from per-PSU totals: with Z_p the weighted total of PSU p, S_g the total
/// of group g and T the grand total, replicate r's total is `factor_r·(S_g − Z_drop) + (T − S_g)`,
/// so a statistic with p columns costs O(n·p + R·p) time and memory.
struct JackknifeReplicates: PSUReplicates {
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

    /// Replicate totals, `result[r + q·R]`, of columns `z(q, i)` (q < p) weighted by `base`.
    func totals(columns p: Int, base: [Double], value z: (Int, Int) -> Double) -> [Double] {
        let psus = psuCount, r = count
        let psuTotal = psuTotals(columns: p, base: base, value: z)
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
        return try degreesOfFreedom(weights: weights, exactLimit: exactLimit, pattern: count - max(1, strata))
    }
}

extension ReplicateDesign {
    /// A converted design kept as its per-PSU description (scale and rscales as R's
    /// `as.svrepdesign`) with R's df `degreesOfFreedom` (see the descriptions' `degreesOfFreedom`).
    init(weights: [Double], described: (any PSUReplicates)? = nil, recalibrated: RecalibratedReplicates? = nil,
         type: ReplicateType, scale: Double, rscales: [Double]?, fayRho: Double? = nil, mse: Bool,
         degreesOfFreedom: Int) throws(DesignError) {
        let count = recalibrated?.count ?? described?.count ?? 0
        guard count >= 2 else {
            throw .invalidReplicates("need at least 2 replicates, the design gives \(count)")
        }
        self.weights = weights
        self.replicates = try ReplicateWeights(rows: weights.count, columns: [])
        self.described = described
        self.recalibrated = recalibrated
        self.type = type
        self.scale = scale
        self.rscales = rscales ?? [Double](repeating: 1, count: count)
        self.mse = mse
        self.fayRho = fayRho
        self.knownDF = degreesOfFreedom
        self.pending = nil
        self.dfGiven = false
    }

    /// Converted jackknife replicates, when the design holds them as a description.
    var jackknife: JackknifeReplicates? { described as? JackknifeReplicates }

    /// Replicate r's analysis weights (a column of `replicates`, or built from the description,
    /// recalibrated when the design was calibrated after conversion).
    public func replicateWeights(_ r: Int) throws -> [Double] {
        if let recalibrated { return try recalibrated.weights(replicate: r) }
        return described?.weights(replicate: r, base: weights) ?? replicates.column(r)
    }
}
