/// How a weighted sample quantile is read off the weighted empirical distribution — R `survey`
/// 4.x's `qrule_math`, `qrule_school`, `qrule_hf7`.
///
/// All rules drop zero weights, sort the values (stably, keeping the order of ties), and use the
/// cumulative weights Wₖ (summed in extended precision as R's `cumsum` does, so exact ties
/// `Wₖ = p·W` are detected exactly as in R):
/// - `math` (default): the inverse of the weighted ECDF — with pos the last k such that
///   Wₖ ≤ p·W (1 if none), x[pos] when Wₚₒₛ/W = p exactly, else x[pos + 1].
/// - `school`: as `math`, but the midpoint (x[pos] + x[pos + 1])/2 at an exact tie.
/// - `hf7`: the weighted Hyndman–Fan type 7: linear interpolation of x against
///   pₖ = (0, W₁, …, Wₙ₋₁)/Wₙ₋₁ at p, constant beyond the ends.
public enum QuantileRule: String, CaseIterable, Sendable {
    case math, school, hf7
}

/// Values sorted for quantiles, with cumulative weights (zero weights removed).
struct SortedSample {
    let x: [Double]
    let cumulative: [Double]
    let total: Double

    /// Sorts `values` with `weights`, keeping rows with non-zero weight (and `keep` true).
    init(values: [Double], weights: [Double], keep: (Int) -> Bool) {
        var idx: [Int] = []
        idx.reserveCapacity(values.count)
        for i in 0..<values.count where weights[i] != 0 && keep(i) { idx.append(i) }
        // Stable: ties keep row order (R's order()).
        idx.sort { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        x = idx.map { values[$0] }
        var cum = [Double](repeating: 0, count: idx.count)
        #if arch(x86_64)
        var s: Float80 = 0
        for (k, i) in idx.enumerated() { s += Float80(weights[i]); cum[k] = Double(s) }
        #else
        var s = 0.0
        for (k, i) in idx.enumerated() { s += weights[i]; cum[k] = s }
        #endif
        cumulative = cum
        total = cum.last ?? 0
    }

    var count: Int { x.count }

    /// The p-quantile under `rule`; NaN for an empty sample (or one value under hf7).
    func quantile(_ p: Double, rule: QuantileRule) -> Double {
        let n = x.count
        guard n > 0 else { return .nan }
        switch rule {
        case .math, .school:
            let target = p * total
            // Last k (0-based) with cumulative[k] ≤ target, or 0 if none (R's `last`).
            var lo = 0, hi = n   // first index with cumulative > target
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] <= target { lo = mid + 1 } else { hi = mid }
            }
            let pos = max(lo - 1, 0), next = pos == n - 1 ? pos : pos + 1
            let exact = p - cumulative[pos] / total == 0
            if !exact { return x[next] }
            return rule == .math ? x[pos] : (x[pos] + x[next]) / 2
        case .hf7:
            guard n > 1 else { return .nan }
            let denominator = cumulative[n - 2]
            // pk[0] = 0, pk[k] = cumulative[k−1]/denominator; interpolate as R's approx (rule = 2).
            func pk(_ k: Int) -> Double { k == 0 ? 0 : cumulative[k - 1] / denominator }
            if p <= pk(0) { return x[0] }
            if p >= pk(n - 1) { return x[n - 1] }
            var i = 0, j = n - 1
            while i < j - 1 {
                let ij = (i + j) / 2
                if p < pk(ij) { j = ij } else { i = ij }
            }
            if p == pk(j) { return x[j] }
            if p == pk(i) { return x[i] }
            return x[i] + (x[j] - x[i]) * ((p - pk(i)) / (pk(j) - pk(i)))
        }
    }
}
