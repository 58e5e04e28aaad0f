/// BRR/Fay replicates kept as a description (R `as.svrepdesign(type = "BRR" | "Fay")`): PSUs come
/// in pairs, and replicate r gives the first PSU of pair s the factor 2−ρ and the second ρ when
/// `up(s, r)`, the other way round otherwise. A design with S strata of two PSUs has about S
/// replicates, so the n × R weight matrix would grow as n²/2; here memory is O(n) plus the pair
/// signs, S·R bytes, and the n-sized work is one pass for per-PSU totals.
///
/// Replicate r's total of z is Σ_s ρ(Z_s1 + Z_s2) + (2 − 2ρ)·(up(s, r) ? Z_s1 : Z_s2), with Z the
/// per-PSU totals: O(n·p + S·R·p) time, O(PSUs·p + R·p) memory beyond the signs.
struct PairedReplicates: PSUReplicates {
    let psuOfRow: [Int32]
    /// Pair of each PSU and whether it is the pair's first PSU.
    let pairOfPSU: [Int32]
    let isFirst: [Bool]
    /// First and second PSU of each pair.
    let first: [Int]
    let second: [Int]
    /// `up[s·R + r]`: 1 when pair s's first PSU gets 2−ρ in replicate r (row s+1 of R's Hadamard matrix).
    let up: [UInt8]
    let count: Int
    /// Fay's ρ (0 for BRR).
    let rho: Double

    var psuCount: Int { pairOfPSU.count }

    /// Pairs `(first, second)` of `psus` PSUs and the 0/1 Hadamard matrix R's `hadamard` chooses.
    init(psuOfRow: [Int32], psus: Int, pairs: [(first: Int, second: Int)], hadamard: [[UInt8]], rho: Double) {
        self.psuOfRow = psuOfRow
        var pairOf = [Int32](repeating: 0, count: psus), firstFlag = [Bool](repeating: false, count: psus)
        for (s, pair) in pairs.enumerated() {
            pairOf[pair.first] = Int32(s); pairOf[pair.second] = Int32(s); firstFlag[pair.first] = true
        }
        let r = hadamard.first?.count ?? 0
        var up = [UInt8](repeating: 0, count: pairs.count * r)
        for s in pairs.indices { for i in 0..<r { up[s * r + i] = hadamard[s + 1][i] } }
        self.pairOfPSU = pairOf
        self.isFirst = firstFlag
        self.first = pairs.map(\.first)
        self.second = pairs.map(\.second)
        self.up = up
        self.count = r
        self.rho = rho
    }

    func factor(replicate r: Int, psu p: Int) -> Double {
        let upFirst = up[Int(pairOfPSU[p]) * count + r] == 1
        return upFirst == isFirst[p] ? 2 - rho : rho
    }

    func totals(columns p: Int, base: [Double], value z: (Int, Int) -> Double) -> [Double] {
        let psus = psuCount, r = count, pairs = first.count
        let psuTotal = psuTotals(columns: p, base: base, value: z)
        var result = [Double](repeating: 0, count: r * p)
        var chosen = [Double](repeating: 0, count: r)
        for q in 0..<p {
            let offset = q * psus
            var grand = 0.0
            for k in 0..<psus { grand += psuTotal[offset + k] }
            for i in 0..<r { chosen[i] = 0 }
            for s in 0..<pairs {
                let a = psuTotal[offset + first[s]], b = psuTotal[offset + second[s]]
                let row = s * r
                for i in 0..<r { chosen[i] += up[row + i] == 1 ? a : b }
            }
            for i in 0..<r { result[i + q * r] = rho * grand + (2 - 2 * rho) * chosen[i] }
        }
        return result
    }
}
