import Foundation
import Testing
import Survey

/// R's df rests on the rank of all n rows of the replicate weights (`qr(A, tol = 1e-5)`), whose
/// decision depends on A only through AᵀA. Rows sᵢ·d parallel to one pattern d add (Σ sᵢ²)·d dᵀ,
/// so a class of parallel rows must weigh Σ sᵢ², not count once: counted once, a near-dependency
/// sat on the other side of the tolerance (df 2 where R's is 1). SYNTHETIC, built by hand: three
/// replicate columns with a₃ = a₁ + a₂ except one row (0, 1, 1 + ε); the residual of a₃ is ε in
/// that row, against ‖a₃‖, which the heavy class (1, 1, 2)·s dominates.
/// References: R 4 `survey` 4.1.1, `d <- svrepdesign(data=df, weights=~w, repweights="a[1-3]",
/// type="bootstrap", combined.weights=TRUE)`; `degf(d)`, `degf(subset(d, g=="A"))`,
/// `confint(svymean(~y, d), df=degf(d))`.
@Suite("Replicate df: parallel rows weigh their Σ s² (R's rank of all rows)")
struct ReplicateRankMassTests {
    /// Seven rows, ε = 1e-4: rows 1-3 are (1, 1, 2) × 50, 60, 70; rows 4-5 (1, 0, 1) × 1, 2;
    /// rows 6-7 (0, 1, 1 + ε) × 1, 1.5. ε/‖a₃‖ ≈ 4e-7 < 1e-5 (rank 2), while the three
    /// patterns counted once give ε/√6 ≈ 4e-5 (rank 3).
    static let csv = """
        id,w,y,a1,a2,a3,g
        1,66.6666666666667,3,50,50,100,A
        2,80,5,60,60,120,A
        3,93.3333333333333,2,70,70,140,A
        4,0.666666666666667,8,1,0,1,A
        5,1.33333333333333,1,2,0,2,A
        6,0.6667,4,0,1,1.0001,A
        7,1.00005,6,0,1.5,1.50015,A
        8,2,1,1,3,2,B
        9,3,2,2,1,2,B
        10,2.5,3,3,2,2,B

        """

    static func design(_ t: Table, rows: Range<Int>? = nil) throws -> ReplicateDesign {
        let pick: ([Double]) -> [Double] = { x in rows.map { Array(x[$0]) } ?? x }
        return try ReplicateDesign(weights: pick(t.numeric("w")),
                                   replicates: ReplicateWeights(rows: rows?.count ?? t.rowCount,
                                                                columns: ["a1", "a2", "a3"].map { pick(try t.numeric($0)) }),
                                   type: .bootstrap)
    }

    @Test("seven rows: df 1 and R's interval (the patterns counted once gave df 2)")
    func sevenRows() throws {
        let path = try StreamingFixture.write(Self.csv)
        let t = try CalibrationFixtures.loadCSV(URL(fileURLWithPath: path))
        let d = try Self.design(t, rows: 0..<7)
        #expect(d.degreesOfFreedom == 1)
        let e = try d.means([Column(name: "y", values: .numeric(Array(try t.numeric("y")[0..<7])))])
        let m = try #require(e.elements.first)
        // R: mean 3.291382, SE 0.01271054, confint(df = 1) 3.12988, 3.452885.
        #expect(abs(m.value - 3.291382321688673) < 1e-9)
        #expect(abs(m.standardError - 0.01271054) < 1e-7)
        #expect(m.degreesOfFreedom == 1)
        #expect(abs(m.ciLower - 3.12988) < 1e-5 && abs(m.ciUpper - 3.452885) < 1e-6, "[\(m.ciLower), \(m.ciUpper)]")
    }

    @Test("by domain, in memory and streamed: R's degf of the subsets (A 1, B 2; the design 2)")
    func domains() throws {
        let path = try StreamingFixture.write(Self.csv)
        let t = try CalibrationFixtures.loadCSV(URL(fileURLWithPath: path))
        let d = try Self.design(t)
        #expect(d.degreesOfFreedom == 2)
        let by = Domains(column: try t.column(named: "g"))
        #expect(by.labels == ["A", "B"])
        #expect(d.degreesOfFreedom(base: nil, domains: by) == [2, 1, 2])
        let spec = StreamingReplicates(weights: "w", replicates: ["a1", "a2", "a3"], type: .bootstrap)
        for reread in [false, true] {
            let reader = StreamingCSV(path: path, chunkBytes: 64, threads: 1)
            var estimator = try StreamingEstimator(request: StreamingRequest(means: ["y"], by: "g"), design: .replicate(spec))
            if reread { estimator.source = reader }
            try reader.forEachChunk { chunk, before in try estimator.add(chunk, rowsBefore: before) }
            let (estimate, summary) = try estimator.estimate()
            #expect(summary.degreesOfFreedom == 2)
            #expect(estimate.elements.map(\.degreesOfFreedom) == [1, 2], "reread \(reread)")
        }
    }

    /// 24,004 rows: 3,000 of (1, 1, 2) × 50, 60, 70; 21,000 distinct rows (α, β, α + β) with
    /// α = 0.5 + (7919 i mod 10007)/10007, β = 0.5 + (104729 i mod 10009)/10009, i = 1…21,000;
    /// then (0, 1, 1.01); all domain A; then three rows of domain B. Domain A passes the
    /// 20,000 distinct rows ranked by a QR, so its rank comes from the Gram matrix of its kept
    /// rows, where the heavy class, hashed to one row before the limit, must count 3,000 times
    /// over. R: degf(d) 2, degf(subset(d, g=="A")) 1, degf(subset(d, g=="B")) 2; the three
    /// patterns counted once give rank 3 (df 2) for A.
    @Test("a domain past the distinct-row limit: R's df 1 from the weighted Gram matrix")
    func largeDomain() throws {
        var a1: [Double] = [], a2: [Double] = [], a3: [Double] = [], g: [String] = []
        for k in 0..<3_000 {
            let s = [50.0, 60, 70][k % 3]
            a1.append(s); a2.append(s); a3.append(2 * s)
        }
        for i in 1...21_000 {
            let alpha = 0.5 + Double((i * 7919) % 10007) / 10007, beta = 0.5 + Double((i * 104_729) % 10009) / 10009
            a1.append(alpha); a2.append(beta); a3.append(alpha + beta)
        }
        a1.append(0); a2.append(1); a3.append(1.01)
        g = [String](repeating: "A", count: a1.count) + ["B", "B", "B"]
        a1 += [1, 2, 3]; a2 += [2, 1, 2]; a3 += [3, 3, 2]
        let w = a1.indices.map { (a1[$0] + a2[$0] + a3[$0]) / 3 }
        let d = try ReplicateDesign(weights: w, replicates: ReplicateWeights(rows: w.count, columns: [a1, a2, a3]), type: .bootstrap)
        #expect(d.degreesOfFreedom == 2)
        let by = Domains(column: Column(name: "g", values: .categorical(codes: g.map { $0 == "A" ? 0 : 1 }, levels: ["A", "B"])))
        #expect(d.degreesOfFreedom(base: nil, domains: by) == [2, 1, 2])
    }
}
