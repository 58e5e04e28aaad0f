import Testing
import Survey

/// The fused replicate pass (`ReplicateDesign(deferChecks: true)`): replicate totals, the checks and
/// R's rank-based df from one blocked pass split between threads. Expectations are computed here
/// by direct loops from the definitions (JK1 mean SE, df = groups − 1) or are the errors the
/// eager checks give, message for message.
@Suite("Replicate fused pass")
struct ReplicateFusedPassTests {
    /// JK1 replicate weights over `groups` consecutive groups of rows: row i in group g(i) gets
    /// 0 in replicate g(i) and w·G/(G−1) in the others.
    static func jk1(_ w: [Double], groups: Int) -> [[Double]] {
        let n = w.count
        return (0..<groups).map { r in
            (0..<n).map { i in i * groups / n == r ? 0 : w[i] * Double(groups) / Double(groups - 1) }
        }
    }

    /// Fixed pseudo-random data in [1, 3) (a linear congruential sequence, seeded).
    static func values(_ n: Int, seed: UInt64) -> [Double] {
        var s = seed
        return (0..<n).map { _ in
            s = s &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return 1 + 2 * Double(s >> 11) * 0x1p-53
        }
    }

    /// The JK1 mean SE by its definition: θᵣ = Σ aᵣ y / Σ aᵣ, SE² = (R−1)/R Σ (θᵣ − θ̄)².
    static func jk1MeanSE(_ y: [Double], _ a: [[Double]]) -> Double {
        let thetas = a.map { col in
            var num = 0.0, den = 0.0
            for i in y.indices { num += col[i] * y[i]; den += col[i] }
            return num / den
        }
        let mean = thetas.reduce(0, +) / Double(thetas.count)
        let r = Double(thetas.count)
        return ((r - 1) / r * thetas.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }).squareRoot()
    }

    func design(_ w: [Double], _ a: [[Double]], type: ReplicateType = .jk1, deferChecks: Bool = true) throws -> ReplicateDesign {
        try ReplicateDesign(weights: w, replicates: ReplicateWeights(rows: w.count, columns: a), type: type,
                            deferChecks: deferChecks)
    }

    @Test("rows not a multiple of the block, and across the thread split: SE and df by definition",
          arguments: [4095, 4097, 2 * 4096 + 1, 3 * 4096 + 17])
    func blockBoundaries(n: Int) throws {
        let groups = min(n, 7)
        guard groups >= 2 else { return }
        let w = Self.values(n, seed: 1), y = Self.values(n, seed: 2)
        let a = Self.jk1(w, groups: groups)
        let d = try design(w, a)
        let e = try d.means([Column(name: "y", values: .numeric(y))])
        #expect(abs(e.elements[0].standardError - Self.jk1MeanSE(y, a)) <= 1e-9 * Self.jk1MeanSE(y, a))   // the R-parity tolerance (SEs are differences of near-equal θᵣ)
        // R: qr(cbind of JK1 columns)$rank = number of groups, so degf = groups − 1.
        #expect(d.degreesOfFreedom == groups - 1)
        #expect(e.elements[0].degreesOfFreedom == Double(groups - 1))
    }

    @Test("one row: bootstrap-style replicates 2w and 3w give θᵣ = y, SE 0, df 0 (rank 1 − 1)")
    func oneRow() throws {
        let d = try design([1.5], [[3.0], [4.5]], type: .bootstrap)
        let e = try d.means([Column(name: "y", values: .numeric([7]))])
        #expect(e.elements[0].value == 7)
        #expect(e.elements[0].standardError == 0)
        #expect(d.degreesOfFreedom == 0)
    }

    @Test("a missing weight in the last block: the same error as the eager checks, from the estimate")
    func missingInLastBlock() throws {
        let n = 3 * 4096 + 5
        let w = Self.values(n, seed: 3)
        var a = Self.jk1(w, groups: 6)
        a[4][n - 2] = .nan
        let expected = DesignError.invalidReplicates("replicate 5 has a missing or infinite value at row \(n - 1)")
        #expect(throws: expected) { _ = try design(w, a, deferChecks: false) }
        let d = try design(w, a)
        #expect(throws: expected) { _ = try d.means([Column(name: "y", values: .numeric(w))]) }
        #expect(throws: expected) { try d.checkReplicates() }
    }

    @Test("missing/infinite weights in both thread parts: the lowest replicate, at its first row")
    func lowestReplicateAcrossParts() throws {
        let n = 4 * 4096
        let w = Self.values(n, seed: 4)
        var a = Self.jk1(w, groups: 5)
        a[3][10] = .infinity          // first part, higher replicate
        a[1][n - 1] = .nan            // second part, lower replicate
        a[1][n - 3] = -.infinity      // its first bad row
        let expected = DesignError.invalidReplicates("replicate 2 has a missing or infinite value at row \(n - 2)")
        #expect(throws: expected) { _ = try design(w, a, deferChecks: false) }
        let d = try design(w, a)
        #expect(throws: expected) { _ = try d.totals([Column(name: "y", values: .numeric(w))]) }
    }

    @Test("a JK1 replicate that drops no row: the eager error, from the fused pass")
    func jackknifeDropsNothing() throws {
        let n = 5000
        let w = Self.values(n, seed: 5)
        var a = Self.jk1(w, groups: 4)
        a[2] = w.map { $0 * 4 / 3 }
        let expected = DesignError.invalidReplicates(
            "replicate 3 gives every sampled row a weight; jackknife replicates drop a PSU (zero weight) — check --rep-type")
        #expect(throws: expected) { _ = try design(w, a, deferChecks: false) }
        let d = try design(w, a)
        #expect(throws: expected) { _ = try d.proportions(Column(name: "q", values: .numeric(w.map { $0.rounded() }))) }
    }

    @Test("proportions from level codes: JK1 SE of each level's share by definition")
    func proportionsByDefinition() throws {
        let n = 9000
        let w = Self.values(n, seed: 6)
        let q = Self.values(n, seed: 7).map { ($0 * 2).rounded(.down) }   // levels 2…5
        let a = Self.jk1(w, groups: 9)
        let e = try design(w, a).proportions(Column(name: "q", values: .numeric(q)))
        for (k, level) in [2.0, 3, 4, 5].enumerated() {
            let indicator = q.map { $0 == level ? 1.0 : 0 }
            #expect(e.elements[k].level == "\(Int(level))")
            let se = Self.jk1MeanSE(indicator, a)
            #expect(abs(e.elements[k].standardError - se) <= 1e-9 * se)
        }
    }
}
