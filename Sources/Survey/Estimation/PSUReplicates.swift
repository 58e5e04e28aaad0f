import SurveyNumerics

/// Converted replicates kept as a per-PSU description instead of an n × R weight matrix
/// (jackknife: `JackknifeReplicates`; BRR/Fay: `PairedReplicates`): every replicate multiplies
/// each row's weight by a factor of its stage-1 PSU, so replicate totals come from per-PSU totals.
protocol PSUReplicates: Sendable {
    /// Stage-1 PSU code of each row.
    var psuOfRow: [Int32] { get }
    /// Number of PSUs.
    var psuCount: Int { get }
    /// Number of replicates.
    var count: Int { get }
    /// Weight factor of PSU `p` in replicate `r`.
    func factor(replicate r: Int, psu p: Int) -> Double
    /// Replicate totals, `result[r + q·R]`, of columns `z(q, i)` (q < p) weighted by `base`.
    func totals(columns p: Int, base: [Double], value z: (Int, Int) -> Double) -> [Double]
}

extension PSUReplicates {
    /// Replicate r's analysis weights (`base` × the PSU factors): one column, O(n).
    func weights(replicate r: Int, base: [Double]) -> [Double] {
        var w = base
        for i in w.indices { w[i] *= factor(replicate: r, psu: Int(psuOfRow[i])) }
        return w
    }

    /// Per-PSU totals `result[psu + q·PSUs]` of columns `z(q, i)` weighted by `base`: O(n·p).
    func psuTotals(columns p: Int, base: [Double], value z: (Int, Int) -> Double) -> [Double] {
        let psus = psuCount
        var psuTotal = [Double](repeating: 0, count: psus * p)
        for q in 0..<p {
            let offset = q * psus
            for i in base.indices where base[i] != 0 {
                psuTotal[offset + Int(psuOfRow[i])] += base[i] * z(q, i)
            }
        }
        return psuTotal
    }

    /// R's df (rank of the analysis weights − 1): up to `exactLimit` PSUs the rank of the PSU ×
    /// replicate factor matrix (PSUs with no positive weight left out, their rows being zero);
    /// above it `pattern`, the rank the replicate scheme implies.
    func degreesOfFreedom(weights: [Double], exactLimit: Int, pattern: Int) throws(DesignError) -> Int {
        guard psuCount <= exactLimit else { return pattern }
        let mass = psuMass(weights: weights, slots: RowSlots(base: nil, domains: nil))
        let rows = (0..<psuCount).filter { mass[$0] > 0 }
        return try ReplicateScan.rankDF(factorRows(rows, mass: mass[...]))
    }

    /// Per (slot, PSU): Σ w² over the slot's rows of the PSU with a positive weight. Row i's
    /// analysis weights are wᵢ times its PSU's factor row, so the PSU adds (Σ wᵢ²)·f fᵀ to AᵀA.
    func psuMass(weights: [Double], slots: RowSlots) -> [Double] {
        var mass = [Double](repeating: 0, count: slots.count * psuCount)
        for i in weights.indices where weights[i] > 0 {
            let p = Int(psuOfRow[i]), w2 = weights[i] * weights[i]
            slots.forEachSlot(of: i) { s in mass[s * psuCount + p] += w2 }
        }
        return mass
    }

    /// The factor rows of PSUs `rows`, each times √ its mass (`mass[p]`): the matrix whose AᵀA —
    /// and so R's rank decision — is that of the analysis weights of the PSUs' rows (each PSU
    /// counted once moved a near-dependency across R's tolerance).
    func factorRows(_ rows: [Int], mass: ArraySlice<Double>) -> Matrix {
        var m = Matrix(rows: rows.count, columns: count)
        let base = mass.startIndex
        for (k, p) in rows.enumerated() {
            let scale = mass[base + p].squareRoot()
            for r in 0..<count { m[k, r] = factor(replicate: r, psu: p) * scale }
        }
        return m
    }
}
