import Testing
import Survey
@testable import SurveyEstimation

/// The full-rank certificate (`FullRankCertificate`) that lets the cell pass skip R's rank
/// computation, and the fall-back to the exact computation when it does not hold. Expectations are
/// ranks worked out by hand under R's rule (`qr(repweights, tol = 1e-5)$rank`: a column is set
/// aside when its residual on the columns kept before it is below 1e-5 times its norm), shown in
/// the comments; the df a proportion reports must equal both that and the eager (exact) computation.
/// (The streamed estimator's use of the same check is tested in `StreamingRankTests`.)
@Suite("Full-rank certificate")
struct FullRankCertificateTests {
    typealias Fused = ReplicateFusedPassTests

    /// JK1 over 4 PSUs of 2 rows each, unit weights: replicate j is 0 on PSU j's rows, 4/3 elsewhere.
    static let jk1: [[Double]] = Fused.jk1([Double](repeating: 1, count: 8), groups: 4)

    /// The rows of `columns` one after another, and each column's sum of squares.
    static func certify(_ columns: [[Double]]) -> Bool {
        let n = columns.first?.count ?? 0
        let subset = (0..<n).flatMap { i in columns.map { $0[i] } }
        let squares = columns.map { c in c.reduce(0) { $0 + $1 * $1 } }
        return FullRankCertificate.certifies(subset: subset, replicates: columns.count, sumsOfSquares: squares)
    }

    /// The df a deferred design reports after a proportion (the cell pass), and the eager design's.
    static func dfs(_ columns: [[Double]]) throws -> (deferred: Int, eager: Int) {
        let n = columns[0].count, w = [Double](repeating: 1, count: n)
        let q = (0..<n).map { Double($0 % 3) }
        let deferred = try ReplicateDesign(weights: w, replicates: ReplicateWeights(rows: n, columns: columns),
                                           type: .jk1, deferChecks: true)
        _ = try deferred.proportions(Column(name: "q", values: .numeric(q)))
        try deferred.checkReplicates()
        let eager = try ReplicateDesign(weights: w, replicates: ReplicateWeights(rows: n, columns: columns), type: .jk1)
        return (deferred.degreesOfFreedom, eager.degreesOfFreedom)
    }

    @Test("subset stride: about max(512, 4R) rows, at least every row")
    func stride() {
        // 1,000,000 / max(512, 400) = 1953; 1,000,000 / (4 · 200) = 1250; 500 rows: every row.
        #expect(FullRankCertificate.stride(rows: 1_000_000, replicates: 100) == 1953)
        #expect(FullRankCertificate.stride(rows: 1_000_000, replicates: 200) == 1250)
        #expect(FullRankCertificate.stride(rows: 500, replicates: 100) == 1)
    }

    @Test("JK1 over 4 PSUs: certified; R's rank 4, df 3 by both routes")
    func jk1Certified() throws {
        // The distinct rows form (4/3)(J − I), determinant (4/3)⁴ · (−1)³ · 3 ≠ 0; each column's
        // residual on the columns before it is far above 1e-5 times its norm, so qr() keeps all 4.
        #expect(Self.certify(Self.jk1))
        let df = try Self.dfs(Self.jk1)
        #expect(df.deferred == 3)
        #expect(df.eager == 3)
    }

    @Test("a repeated replicate column: not certified; rank 4 of 5, df 3 by both routes")
    func identicalColumns() throws {
        // Column 5 = column 1: residual 0 < 1e-5·‖a₅‖, so qr() sets it aside: rank 4, df 3.
        let columns = Self.jk1 + [Self.jk1[0]]
        #expect(!Self.certify(columns))
        let df = try Self.dfs(columns)
        #expect(df.deferred == 3)
        #expect(df.eager == 3)
    }

    /// Column 5 = column 1 + δ on row 1. Its residual on columns 1–4 is δ·‖e₁ − ½(e₁ + e₂)‖ = δ/√2
    /// (those columns are constant within each PSU), against R's 1e-5·‖a₅‖ ≈ 1e-5 · √6 · 4/3 ≈ 3.3e-5
    /// and the certificate's margin 10 · 1e-5 · 3.27 ≈ 3.3e-4.
    /// δ = 1e-6: residual ≈ 7.1e-7, below R's tolerance: not certified, qr() sets it aside, rank 4, df 3.
    /// δ = 1e-3: residual ≈ 7.1e-4, above the margin: certified, qr() keeps all 5, rank 5, df 4.
    @Test("a near-dependent column below R's tolerance (not certified, df 3) and above it by more than the margin (certified, df 4)",
          arguments: [(1e-6, false, 3), (1e-3, true, 4)])
    func nearDependent(delta: Double, certified: Bool, df expected: Int) throws {
        var fifth = Self.jk1[0]
        fifth[0] += delta
        let columns = Self.jk1 + [fifth]
        #expect(Self.certify(columns) == certified)
        let df = try Self.dfs(columns)
        #expect(df.deferred == expected)
        #expect(df.eager == expected)
    }

    @Test("a zero column, or fewer subset rows than replicates: not certified")
    func degenerate() {
        // A zero column has no norm: qr() sets it aside (LINPACK compares with tol · 1 then).
        #expect(!Self.certify(Self.jk1 + [[Double](repeating: 0, count: 8)]))
        // 3 rows cannot show 4 independent columns.
        #expect(!Self.certify(Self.jk1.map { Array($0[0..<3]) }))
    }

    @Test("a sparse subset (stride > 1) with repeated columns: falls back; df from the exact computation")
    func sparseSubsetFallsBack() throws {
        // 12,288 rows in 40 PSUs of ~307 rows, replicates 1 and 2 repeated as columns 41–42:
        // rank 40 (the repeats add nothing), df 39 — the subset (every 24th row) cannot certify 42 columns.
        let n = 12_288, w = [Double](repeating: 1, count: n)
        let base = Fused.jk1(w, groups: 40)
        let columns = base + [base[0], base[1]]
        #expect(FullRankCertificate.stride(rows: n, replicates: 42) == 24)
        let df = try Self.dfs(columns)
        #expect(df.deferred == 39)
        #expect(df.eager == 39)
    }
}
