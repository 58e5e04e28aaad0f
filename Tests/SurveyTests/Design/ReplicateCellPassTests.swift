import Testing
import Survey

/// The cell pass (`ReplicateDesign.cellTotals`, `CellSums`): replicate totals of proportions as
/// per-cell sums of the weights, four replicates at a time, with the checks and fingerprints in
/// the same loop. Expectations are direct loops over the definitions (JK1 share SE, df = groups − 1)
/// or the errors the eager checks give, message for message; sizes straddle the 4-row vector
/// step, the 4,096-row split granule, the 16,384-row cell block and the two-thread split, and replicate counts not a multiple of four.
@Suite("Replicate cell pass")
struct ReplicateCellPassTests {
    typealias Fused = ReplicateFusedPassTests

    /// JK1 SE of the share of rows with `member` among rows with `base`, by definition
    /// (θᵣ = Σ aᵣ·member / Σ aᵣ·base; SE² = (R−1)/R Σ (θᵣ − θ̄)² over the replicates where θᵣ is defined).
    static func jk1ShareSE(_ member: [Bool], base: [Bool], _ a: [[Double]]) -> Double {
        let thetas = a.compactMap { col -> Double? in
            var num = 0.0, den = 0.0
            for i in col.indices where base[i] { den += col[i]; if member[i] { num += col[i] } }
            return den == 0 ? nil : num / den
        }
        let mean = thetas.reduce(0, +) / Double(thetas.count), r = Double(a.count)
        return ((r - 1) / r * thetas.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }).squareRoot()
    }

    /// Levels 0…4 from a seeded sequence.
    static func levels(_ n: Int, seed: UInt64) -> [Double] {
        Fused.values(n, seed: seed).map { (($0 - 1) * 2.5).rounded(.down) }
    }

    @Test("proportions at the vector, block and thread boundaries, R not a multiple of 4: SE and df by definition",
          arguments: [(2047, 7), (2049, 5), (4095, 6), (4097, 7), (8193, 9), (2 * 4096 * 3 + 3, 10),
                       // The 16,384-row cell blocks: a part shorter than one block, one block and a bit,
                       // and parts ending inside a block (the split stays on 4,096-row granules).
                       (5 * 4096 + 5, 6), (16_384 + 1, 5), (2 * 16_384 + 3 * 4096 + 1, 9)])
    func boundaries(n: Int, groups: Int) throws {
        let w = Fused.values(n, seed: 11), q = Self.levels(n, seed: 12)
        let a = Fused.jk1(w, groups: groups)
        let d = try ReplicateDesign(weights: w, replicates: ReplicateWeights(rows: n, columns: a), type: .jk1, deferChecks: true)
        let e = try d.proportions(Column(name: "q", values: .numeric(q)))
        try d.checkReplicates()
        let all = [Bool](repeating: true, count: n)
        for (k, element) in e.elements.enumerated() {
            let level = Double(element.level ?? "") ?? -1
            let se = Self.jk1ShareSE(q.map { $0 == level }, base: all, a)
            #expect(abs(element.standardError - se) <= 1e-9 * se)
            #expect(k < 5)
        }
        // R: qr(JK1 columns)$rank = groups, degf = groups − 1.
        #expect(d.degreesOfFreedom == groups - 1)
    }

    @Test("one row: two bootstrap-style replicates, one level: share 1, SE 0, df 0")
    func oneRow() throws {
        let d = try ReplicateDesign(weights: [2], replicates: ReplicateWeights(rows: 1, columns: [[4], [6]]),
                                    type: .bootstrap, deferChecks: true)
        let e = try d.proportions(Column(name: "q", values: .numeric([3])))
        #expect(e.elements.count == 1)
        #expect(e.elements[0].value == 1)
        #expect(e.elements[0].standardError == 0)
        #expect(d.degreesOfFreedom == 0)
    }

    @Test("proportions by domain, with missing answers under na-rm: each share's SE by definition")
    func domainsAndMissing() throws {
        let n = 4096 + 4097
        let w = Fused.values(n, seed: 13)
        var q = Self.levels(n, seed: 14)
        for i in stride(from: 3, to: n, by: 17) { q[i] = .nan }
        let dom = Fused.values(n, seed: 15).map { $0 < 1.7 ? "a" : "b" }
        let domColumn = Column(name: "dom", values: .categorical(codes: dom.map { $0 == "a" ? 0 : 1 }, levels: ["a", "b"]))
        let a = Fused.jk1(w, groups: 11)
        let d = try ReplicateDesign(weights: w, replicates: ReplicateWeights(rows: n, columns: a), type: .jk1, deferChecks: true)
        let domains = Domains(column: domColumn)
        let e = try d.proportions(Column(name: "q", values: .numeric(q)), by: domains, options: .init(removeMissing: true))
        #expect(e.elements.count == 10)
        for element in e.elements {
            let level = Double(element.level ?? "") ?? -1, name = element.domain?.value ?? ""
            let base = (0..<n).map { dom[$0] == name && !q[$0].isNaN }
            let se = Self.jk1ShareSE(q.map { $0 == level }, base: base, a)
            #expect(abs(element.standardError - se) <= 1e-9 * se)
        }
    }

    @Test("a missing weight in the last block, df given (no fingerprints): the eager error, from the proportions")
    func missingInLastBlockWithGivenDF() throws {
        let n = 2 * 4096 + 3
        let w = Fused.values(n, seed: 16)
        var a = Fused.jk1(w, groups: 6)
        a[5][n - 1] = .nan
        a[2][n - 2] = .infinity
        let expected = DesignError.invalidReplicates("replicate 3 has a missing or infinite value at row \(n - 1)")
        let columns = try ReplicateWeights(rows: n, columns: a)
        #expect(throws: expected) { _ = try ReplicateDesign(weights: w, replicates: columns, type: .jk1, degreesOfFreedom: 4) }
        let d = try ReplicateDesign(weights: w, replicates: columns, type: .jk1, degreesOfFreedom: 4, deferChecks: true)
        #expect(throws: expected) { _ = try d.proportions(Column(name: "q", values: .numeric(Self.levels(n, seed: 17)))) }
        #expect(throws: expected) { try d.checkReplicates() }
    }

    @Test("missing weights in both thread parts, with fingerprints: the lowest replicate, at its first row")
    func lowestReplicateAcrossParts() throws {
        let n = 4 * 4096 + 1
        let w = Fused.values(n, seed: 18)
        var a = Fused.jk1(w, groups: 5)
        a[3][10] = .infinity
        a[1][n - 1] = .nan
        a[1][n - 4] = -.infinity
        let expected = DesignError.invalidReplicates("replicate 2 has a missing or infinite value at row \(n - 3)")
        let columns = try ReplicateWeights(rows: n, columns: a)
        #expect(throws: expected) { _ = try ReplicateDesign(weights: w, replicates: columns, type: .jk1) }
        let d = try ReplicateDesign(weights: w, replicates: columns, type: .jk1, deferChecks: true)
        #expect(throws: expected) { _ = try d.proportions(Column(name: "q", values: .numeric(Self.levels(n, seed: 19)))) }
    }

    @Test("a BRR weight off the pattern: the eager error (same replicate and row), from the proportions")
    func brrOffPattern() throws {
        let n = 4096 + 9
        let w = Fused.values(n, seed: 20)
        // Four BRR replicates: half-samples by row parity and by row block halves (factor 0 or 2).
        var a = (0..<4).map { r in (0..<n).map { i in ((i >> r) & 1 == 0 ? 2.0 : 0) * w[i] } }
        a[2][4100] = 1.5 * w[4100]
        a[3][5] = 1.2 * w[5]
        let columns = try ReplicateWeights(rows: n, columns: a)
        var eager: DesignError?
        do { _ = try ReplicateDesign(weights: w, replicates: columns, type: .brr) } catch { eager = error }
        let message = try #require(eager)
        #expect(message == .invalidReplicates("replicate 4, row 6: weight is 1.2 × the full-sample weight; "
            + "brr replicates are 0.0 or 2.0 times it — check --rep-type (and --fay-rho)"))
        let d = try ReplicateDesign(weights: w, replicates: columns, type: .brr, deferChecks: true)
        #expect(throws: message) { _ = try d.proportions(Column(name: "q", values: .numeric(Self.levels(n, seed: 21)))) }
    }

    @Test("a domain with no weight in one replicate: that share drops that replicate only (R's svyby)")
    func undefinedReplicate() throws {
        // 8 rows, domain b = rows 6, 7, both in JK1 group 3 (replicate 4 has no b weight).
        let w = [Double](repeating: 1, count: 8)
        let group = [0, 0, 1, 1, 2, 2, 3, 3]
        let a = (0..<4).map { r in (0..<8).map { group[$0] == r ? 0 : 4.0 / 3 } }
        let q: [Double] = [1, 2, 1, 2, 1, 1, 1, 2]
        let dom = ["a", "a", "a", "a", "a", "a", "b", "b"]
        let d = try ReplicateDesign(weights: w, replicates: ReplicateWeights(rows: 8, columns: a), type: .jk1, deferChecks: true)
        let e = try d.proportions(Column(name: "q", values: .numeric(q)), by: Domains(column: Column(name: "dom", values: .categorical(codes: dom.map { $0 == "a" ? 0 : 1 }, levels: ["a", "b"]))))
        let b = e.elements.filter { $0.domain?.value == "b" }
        // Share of level 1 in b: every defined replicate (1–3) keeps rows 6 and 7 → θᵣ = 1/2, SE 0.
        #expect(b.count == 2)
        #expect(b.allSatisfy { $0.standardError == 0 && $0.value == 0.5 })
        // In a: replicates drop rows {0,1}, {2,3}, {4,5}, {} of a → shares of level 1: 3/4, 3/4, 2/4, 4/6.
        let thetas = [0.75, 0.75, 0.5, 4.0 / 6], mean = thetas.reduce(0, +) / 4
        let se = (0.75 * thetas.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }).squareRoot()
        let a1 = try #require(e.elements.first { $0.domain?.value == "a" && $0.level == "1" })
        #expect(abs(a1.standardError - se) <= 1e-12)
    }
}
