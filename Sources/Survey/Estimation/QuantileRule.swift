/// How a weighted sample quantile is read off the weighted empirical distribution — every rule
/// of R `survey` 4.x's `svyquantile(qrule =)` (`qrule_math`, …, `qrule_hf9`, `qrule_shahvaish`).
///
/// All rules drop zero weights, sort the values (stably, keeping the order of ties), and use the
/// cumulative weights Wₖ (summed in extended precision as R's `cumsum` does, so exact ties
/// `Wₖ = p·W` are detected exactly as in R). With pos the last k such that Wₖ ≤ p·W (1 if none):
/// - `math` = `hf1` (default): the inverse of the weighted ECDF — x[pos] when Wₚₒₛ/W = p exactly,
///   else x[pos + 1].
/// - `school` = `hf2`: as `math`, but the midpoint (x[pos] + x[pos + 1])/2 at an exact tie.
/// - `hf3`: on the distinct values (tied weights summed), x[pos] at an exact tie with pos even,
///   else x[pos + 1].
/// - `hf4`: x[pos] + γ(x[pos + 1] − x[pos]) with γ = (p − Wₚₒₛ/W)/((Wₚₒₛ₊₁ − Wₚₒₛ)/W).
/// - `hf5`…`hf9`: linear interpolation of x against plotting positions pₖ, constant beyond the
///   ends: hf5 (Wₖ − wₖ/2)/W; hf6 Wₖ/(W + wₙ); hf7 Wₖ₋₁/Wₙ₋₁ (W₀ = 0); hf8 (Wₖ₋₁/3 + 2Wₖ/3)/(W + wₙ/3);
///   hf9 (3Wₖ₋₁/8 + 5Wₖ/8)/(W + wₙ/4).
/// - `shahvaish` (Shah & Vaish 2006): step function (the value at the largest pₖ ≤ p) of
///   pₖ = (Sₖ + 1/2 − wₖ/2)/(n + 1), Sₖ the cumulative weights scaled to mean 1 — with R's raw
///   wₖ in the offset, and positions sorted with ties averaged as R's `approx` does.
public enum QuantileRule: String, CaseIterable, Sendable {
    case math, school, shahvaish, hf1, hf2, hf3, hf4, hf5, hf6, hf7, hf8, hf9
}

/// Values sorted for quantiles, with cumulative weights (zero weights removed).
struct SortedSample {
    let x: [Double]
    /// Weights in sorted order.
    let w: [Double]
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
        w = idx.map { weights[$0] }
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
        case .math, .hf1, .school, .hf2:
            let (pos, next, gap) = position(p, cumulative: cumulative, total: total)
            if gap != 0 { return x[next] }
            return rule == .math || rule == .hf1 ? x[pos] : (x[pos] + x[next]) / 2
        case .hf3:
            var ux: [Double] = [], uc: [Double] = []
            for k in 0..<n {
                if let last = ux.last, last == x[k] {
                    uc[uc.count - 1] = cumulative[k]
                } else {
                    ux.append(x[k])
                    uc.append(cumulative[k])
                }
            }
            let (pos, next, gap) = position(p, cumulative: uc, total: total)
            return gap == 0 && (pos + 1) % 2 == 0 ? ux[pos] : ux[next]
        case .hf4:
            let (pos, next, gap) = position(p, cumulative: cumulative, total: total)
            let up = cumulative[next] / total - p
            let gamma = gap / (up + gap)
            return x[pos] * (1 - gamma) + x[next] * gamma
        case .hf5: return interpolate(p, positions: (0..<n).map { (cumulative[$0] - w[$0] / 2) / total })
        case .hf6: return interpolate(p, positions: cumulative.map { $0 / (total + w[n - 1]) })
        case .hf7:
            guard n > 1 else { return .nan }
            return interpolate(p, positions: (0..<n).map { $0 == 0 ? 0 : cumulative[$0 - 1] / cumulative[n - 2] })
        case .hf8:
            let d = total + w[n - 1] / 3
            return interpolate(p, positions: (0..<n).map { (($0 == 0 ? 0 : cumulative[$0 - 1]) / 3 + cumulative[$0] * 2 / 3) / d })
        case .hf9:
            let d = total + w[n - 1] / 4
            return interpolate(p, positions: (0..<n).map { (($0 == 0 ? 0 : cumulative[$0 - 1]) * 3 / 8 + cumulative[$0] * 5 / 8) / d })
        case .shahvaish: return shahVaish(p)
        }
    }

    /// R `qs`: pos = last k (0-based) with cumulative[k] ≤ p·W (0 if none), the next index, and
    /// the gap p − cumulative[pos]/W (0 at an exact tie).
    private func position(_ p: Double, cumulative: [Double], total: Double) -> (Int, Int, Double) {
        let target = p * total
        var lo = 0, hi = cumulative.count   // first index with cumulative > target
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] <= target { lo = mid + 1 } else { hi = mid }
        }
        let pos = max(lo - 1, 0), next = pos == cumulative.count - 1 ? pos : pos + 1
        return (pos, next, p - cumulative[pos] / total)
    }

    /// R `approx(positions, x, p, rule = 2)`: linear (or, `constant`, the left value) between
    /// increasing positions, the end values beyond them.
    private func interpolate(_ p: Double, positions pk: [Double], values: [Double]? = nil, constant: Bool = false) -> Double {
        let y = values ?? x
        let n = pk.count
        if p <= pk[0] { return y[0] }
        if p >= pk[n - 1] { return y[n - 1] }
        var i = 0, j = n - 1
        while i < j - 1 {
            let ij = (i + j) / 2
            if p < pk[ij] { j = ij } else { i = ij }
        }
        if p == pk[j] { return y[j] }
        if p == pk[i] { return y[i] }
        if constant { return y[i] }
        return y[i] + (y[j] - y[i]) * ((p - pk[i]) / (pk[j] - pk[i]))
    }

    /// Shah & Vaish's rule as R computes it: positions sorted (stably), equal positions averaged.
    private func shahVaish(_ p: Double) -> Double {
        let n = x.count
        #if arch(x86_64)
        var mean: Float80 = 0
        for v in w { mean += Float80(v) }
        let m = Double(mean / Float80(n))
        var s: Float80 = 0
        let pk: [Double] = (0..<n).map { k in
            s += Float80(w[k] / m)
            return (Double(s) + 0.5 - w[k] / 2) / Double(n + 1)
        }
        #else
        let m = w.reduce(0, +) / Double(n)
        var s = 0.0
        let pk: [Double] = (0..<n).map { k in
            s += w[k] / m
            return (s + 0.5 - w[k] / 2) / Double(n + 1)
        }
        #endif
        let order = (0..<n).sorted { pk[$0] < pk[$1] || (pk[$0] == pk[$1] && $0 < $1) }
        var positions: [Double] = [], values: [Double] = [], counts: [Double] = []
        for k in order {
            if let last = positions.last, last == pk[k] {
                values[values.count - 1] += x[k]
                counts[counts.count - 1] += 1
            } else {
                positions.append(pk[k])
                values.append(x[k])
                counts.append(1)
            }
        }
        return interpolate(p, positions: positions, values: zip(values, counts).map { $0 / $1 }, constant: true)
    }
}
