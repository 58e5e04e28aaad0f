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
