/// Holm's step-down adjustment of p-values for a family of tests (Holm 1979; R `p.adjust(p,
/// "holm")`): sort ascending, p₍ᵢ₎ × (m − i + 1) for i = 1…m, running maximum, capped at 1;
/// returned in the input order. Controls the family-wise error rate for any dependence.
public enum Holm {
    public static func adjust(_ p: [Double]) -> [Double] {
        let m = p.count
        let order = p.indices.sorted { (p[$0], $0) < (p[$1], $1) }
        var adjusted = [Double](repeating: 1, count: m)
        var running = 0.0
        for (rank, i) in order.enumerated() {
            running = max(running, min(1, p[i] * Double(m - rank)))
            adjusted[i] = running
        }
        return adjusted
    }
}
