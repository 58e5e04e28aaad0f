import Foundation
import Testing
import Survey
@testable import SurveyEstimation
import SurveyNumerics

/// R's rank rule for the replicate df (`qr(A, tol = 1e-5)$rank − 1`, LINPACK `dqrdc2`: each
/// column's residual against its own norm, columns in order), in every path that ranks: the rows
/// themselves (`LimitedPivotingRank`) and the Gram matrix (`GramRank`, the streamed pass and
/// subsets with many distinct rows). LAPACK's pivoting with |R_kk| against |R_00| gave a streamed
/// JK1 domain one df too many (its Gram matrix differing from the in-memory one in the last bits)
/// and dropped a column a thousand times smaller than the largest. Expected values: R 4.2.2,
/// `Tests/Fixtures/rank-rule/rank-rule.R` → `rank-rule.json`.
@Suite struct RankRuleTests {
    struct Reference: Decodable { let jk1: [Int]; let scales: Int }
    static let r: Reference? = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/rank-rule/rank-rule.json")
        return (try? Data(contentsOf: url)).flatMap { try? JSONDecoder().decode(Reference.self, from: $0) }
    }()

    /// `jk1(n, P)` of rank-rule.R.
    static func jk1(n: Int, psus: Int) -> Matrix {
        var a = Matrix(rows: n, columns: 100)
        for i in 0..<n {
            let g = (7 * i) % psus
            let c = ((1 + 0.3 * Double(i % 13)) * 100 / 99 * 1e6).rounded() / 1e6
            for r in 0..<100 { a[i, r] = g == r ? 0 : c }
        }
        return a
    }

    static func gram(_ a: Matrix) -> Matrix {
        var g = Matrix(rows: a.columns, columns: a.columns)
        for i in 0..<a.columns { for j in 0..<a.columns { var s = 0.0; for k in 0..<a.rows { s += a[k, i] * a[k, j] }; g[i, j] = s } }
        return g
    }

    @Test(arguments: 1...6)
    func jackknifeDomainsRankAsR(k: Int) throws {
        let expected = try #require(Self.r?.jk1[k - 1])
        let a = Self.jk1(n: 150 + 40 * k, psus: 60 + 5 * k)
        #expect(try LimitedPivotingRank.rank(of: a, tolerance: 1e-5) - 1 == expected)
        let g = Self.gram(a)
        #expect(try GramRank.rankDF(gram: g) == expected)
        // The Gram matrix a few ulps off (as another summation order makes it): the same df.
        var rng = SplitMix64(seed: UInt64(k))
        for _ in 0..<5 {
            var p = g
            for i in 0..<g.rows {
                for j in i..<g.rows {
                    let e = g[i, j] * Double.ulpOfOne * Double(Int(rng.next() % 9) - 4)
                    p[i, j] += e
                    if i != j { p[j, i] += e }
                }
            }
            #expect(try GramRank.rankDF(gram: p) == expected)
        }
    }

    /// Columns of very different norms: the third is 1e-3 (relative) off the second, which R keeps.
    @Test func smallColumnBesideALargeOneIsKept() throws {
        let expected = try #require(Self.r?.scales)
        var a = Matrix(rows: 600, columns: 3)
        for i in 0..<600 {
            a[i, 0] = 1000 * Double(1 + i % 5)
            a[i, 1] = Double(2 + i % 3)
            a[i, 2] = a[i, 1] * (1 + 1e-3 * Double(i % 7))
        }
        #expect(try LimitedPivotingRank.rank(of: a, tolerance: 1e-5) - 1 == expected)
        #expect(try GramRank.rankDF(gram: Self.gram(a)) == expected)
    }

    /// A zero column is set aside, as R does (`qr(cbind(1, 0))$rank` is 1).
    @Test func zeroColumnIsNotCounted() throws {
        var a = Matrix(rows: 3, columns: 2)
        for i in 0..<3 { a[i, 0] = 1 }
        #expect(try LimitedPivotingRank.rank(of: a, tolerance: 1e-5) == 1)
        #expect(try LimitedPivotingRank.rank(of: Matrix(rows: 3, columns: 1), tolerance: 1e-5) == 0)
        // Through a Gram matrix: two parallel JK1 rows (one PSU, its replicate zero) have rank 1
        // (R: degf 0); the zero column rebuilt from the eigenvectors is noise, not a column.
        var a2 = Matrix(rows: 2, columns: 200)
        for r in 0..<200 where r != 2 { a2[0, r] = 1.5 * 200 / 199; a2[1, r] = 1.75 * 200 / 199 }
        #expect(try GramRank.rankDF(gram: Self.gram(a2)) == 0)
    }
}

/// The streamed second pass allocated every domain's sampled and full Gram matrices: at 420
/// domains × 200 replicates that passed the memory limit, and every domain fell back to the
/// design's df, 199, whatever its own (a note blamed "too many replicate-weight rows"). Only the
/// uncertified domains' full matrices are kept now. (A Gram matrix's zero columns — the
/// replicates of PSUs outside a domain — must not count as noise either.)
/// (SYNTHETIC data: 840 rows, row i in domain i mod 420 and JK1 PSU i mod 200.)
@Suite struct ManyDomainsStreamedDFTests {
    @Test func manyDomainsKeepTheirOwnDF() throws {
        var text = "w,y,dom," + (1...200).map { "r\($0)" }.joined(separator: ",") + "\n"
        for i in 0..<840 {
            let w = 1 + Double(i % 7) * 0.25, g = i % 200
            text += "\(w),\(Double(i % 11)),d\(i % 420)," + (0..<200).map { $0 == g ? "0" : "\(w * 200 / 199)" }.joined(separator: ",") + "\n"
        }
        let path = try StreamingFixture.write(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let table = try TableReader.read(path: path)
        let names = (1...200).map { "r\($0)" }
        let design = try ReplicateDesign(weights: table.numeric("w"),
                                         replicates: ReplicateWeights(rows: table.rowCount, columns: names.map { try table.numeric($0) }),
                                         type: .jk1)
        let domains = Domains(column: try table.column(named: "dom"))
        let memory = try design.means([try table.column(named: "y")], by: domains, options: EstimationOptions())
        let reader = StreamingCSV(path: path, chunkBytes: 1 << 20, threads: 1)
        var estimator = try StreamingEstimator(
            request: StreamingRequest(means: ["y"], by: "dom"),
            design: .replicate(StreamingReplicates(weights: "w", replicates: names, type: .jk1)))
        estimator.source = reader
        try reader.forEachChunk { chunk, before in try estimator.add(chunk, rowsBefore: before) }
        let streamed = try estimator.estimate().estimate
        let byDomain = Dictionary(uniqueKeysWithValues: streamed.elements.compactMap { e in e.domain.map { ($0.value, e.degreesOfFreedom) } })
        var compared = 0
        // R (survey 4.1.1, svrepdesign of the same file, JK1): degf(subset(d, dom == "d0")),
        // "d5", "d419" are 1: each domain's two rows (i and i + 420) lie in two PSUs.
        for e in memory.elements {
            guard let d = e.domain?.value else { continue }
            #expect(e.degreesOfFreedom == 1 && e.dfRule == .subset, "\(d) in memory")
            #expect(byDomain[d] == e.degreesOfFreedom, "\(d): streamed \(String(describing: byDomain[d])), in memory \(e.degreesOfFreedom)")
            compared += 1
        }
        #expect(compared == 420)
    }
}
