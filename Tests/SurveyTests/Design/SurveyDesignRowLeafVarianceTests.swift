import Testing
import Survey
@testable import SurveyEstimation

/// The one-stage variance of a design whose PSUs are its rows, formed a block of rows at a time
/// (`SurveyDesign.rowLeafVariance`).
@Suite struct SurveyDesignRowLeafVarianceTests {
    /// Total of x = (1, 2, 3 | 4, 10, 20) in strata A | B, weights 1: V = Σ_h n_h/(n_h − 1) Σ (xᵢ − x̄_h)²
    /// = 1.5 · 2 + 1.5 · 130⅔ = 199 (A: mean 2, squares 1 + 0 + 1; B: mean 34/3, squares
    /// 53 7/9 + 1 7/9 + 75 1/9).
    @Test func stratifiedTotalByHand() throws {
        let strata = Column(name: "h", values: .categorical(codes: [0, 0, 0, 1, 1, 1], levels: ["A", "B"]))
        let design = try SurveyDesign(rows: 6, strata: strata)
        let x = Column(name: "x", values: .numeric([1, 2, 3, 4, 10, 20]))
        let total = try design.totals([x])
        #expect(total.elements[0].value == 40)
        #expect(abs(total.elements[0].standardError - 199.0.squareRoot()) < 1e-12)
    }

    /// Rows over several blocks, two strata, a domain and a ratio: the blockwise crossproduct
    /// against the whole influence matrix through `variance(leafTotals:)` (one `dsyrk`).
    @Test func blocksAgreeWithTheWholeMatrix() throws {
        let n = 3 * SurveyDesign.rowLeafBlock + 17
        let w = (0..<n).map { 0.5 + Double(($0 * 37) % 101) / 17 }
        let a = (0..<n).map { Double(($0 * 53) % 211) / 7 - 9 }, b = (0..<n).map { 1 + Double(($0 * 29) % 97) / 13 }
        let strata = Column(name: "h", values: .numeric((0..<n).map { Double($0 % 2) }))
        let design = try SurveyDesign(rows: n, weights: Column(name: "w", values: .numeric(w)), strata: strata)
        let domains = (0..<n).map { Int32(($0 / 7) % 3) }
        let stat = RatioStatistic(columns: [[Double](repeating: 1, count: n), a, b], domainCodes: domains, domainCount: 3,
                                  terms: [.init(numerator: 1, denominator: 2, domain: 0),
                                          .init(numerator: 1, denominator: 0, domain: 1),
                                          .init(numerator: 2, denominator: nil, domain: 2)])
        let totals = try #require(stat.rowLeafTotals(weights: design.weights))
        let blockwise = try #require(try design.rowLeafVariance(stat, totals: totals))
        let whole = try design.variance(leafTotals: #require(stat.rowLeafEstimates(weights: design.weights)).influence)
        // Relative to the matrix's largest entry: the two sum the same products in different
        // orders (and BLAS kernels differ by CPU: on an AVX-512 machine OpenBLAS's dsyrk left an
        // off-diagonal entry of 1.1e-4, formed by cancellation, 2e-12 from the blockwise sum),
        // so each entry's error is bounded by the size of its terms, not by its own size.
        let scale = whole.storage.map(abs).max() ?? 0
        #expect(scale > 0)
        for (x, y) in zip(blockwise.storage, whole.storage) {
            #expect(abs(x - y) <= 1e-12 * scale)
        }
    }

    @Test func averageGoesTheGeneralWay() throws {
        let strata = Column(name: "h", values: .numeric([0, 0, 1]))
        let design = try SurveyDesign(rows: 3, strata: strata, lonelyPSU: .average)
        let stat = RatioStatistic(columns: [[1, 2, 3]], domainCodes: nil, domainCount: 0,
                                  terms: [.init(numerator: 0, denominator: nil, domain: -1)])
        let totals = try #require(stat.rowLeafTotals(weights: design.weights))
        #expect(try design.rowLeafVariance(stat, totals: totals) == nil)
    }
}
