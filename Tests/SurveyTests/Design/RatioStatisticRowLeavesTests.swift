import Testing
import Survey
@testable import SurveyEstimation

/// `RatioStatistic.rowLeafEstimates` (every row its own leaf unit): values and influence totals by
/// hand for three rows, and bit for bit what the stored leaf sums give.
@Suite struct RatioStatisticRowLeavesTests {
    /// w = (1, 2, 3), x = (2, 4, 6): mean θ = Σwx/Σw = 28/6; influence wᵢ(xᵢ − θ)/Σw =
    /// (−16/36, −8/36, 24/36); total Σwx = 28 with influence wᵢxᵢ = (2, 8, 18).
    @Test func meanAndTotalByHand() throws {
        let w = [1.0, 2, 3], x = [2.0, 4, 6]
        let stat = RatioStatistic(columns: [[1, 1, 1], x], domainCodes: nil, domainCount: 0,
                                  terms: [.init(numerator: 1, denominator: 0, domain: -1),
                                          .init(numerator: 1, denominator: nil, domain: -1)])
        let direct = try #require(stat.rowLeafEstimates(weights: w))
        #expect(abs(direct.values[0] - 28.0 / 6) < 1e-15)
        #expect(direct.values[1] == 28)
        for (i, want) in [-16.0 / 36, -8.0 / 36, 24.0 / 36].enumerated() {
            #expect(abs(direct.influence[i, 0] - want) < 1e-15)
        }
        #expect([direct.influence[0, 1], direct.influence[1, 1], direct.influence[2, 1]] == [2, 8, 18])
    }

    @Test func sameBitsAsTheLeafSums() throws {
        let n = 1000
        let w = (0..<n).map { 0.5 + Double(($0 * 37) % 101) / 17 }
        let a = (0..<n).map { Double(($0 * 53) % 211) / 7 - 9 }, b = (0..<n).map { 1 + Double(($0 * 29) % 97) / 13 }
        let stat = RatioStatistic(columns: [[Double](repeating: 1, count: n), a, b], domainCodes: nil, domainCount: 0,
                                  terms: [.init(numerator: 1, denominator: 2, domain: -1),
                                          .init(numerator: 1, denominator: 0, domain: -1),
                                          .init(numerator: 2, denominator: nil, domain: -1)])
        let direct = try #require(stat.rowLeafEstimates(weights: w))
        let sums = stat.leafSums(weights: w, leafOfRow: (0..<n).map { Int32($0) }, leafCount: n)
        let values = stat.values(leafSums: sums)
        let influence = stat.leafInfluence(leafSums: sums, leaves: n, at: values)
        #expect(direct.values.map(\.bitPattern) == values.map(\.bitPattern))
        #expect(direct.influence.storage.map(\.bitPattern) == influence.storage.map(\.bitPattern))
    }

    /// A proportion (indicator of level 1 over ones): w = (1, 2, 3), codes (1, 0, 1): p = 4/6,
    /// influence wᵢ(1{codeᵢ = 1} − p)/6 = (2/36, −8/36, 6/36).
    @Test func proportionByHand() throws {
        let codes: [Int32] = [1, 0, 1]
        let stat = RatioStatistic(columns: [StatisticColumn.ones(count: 3), .indicator(codes: codes, level: 1)],
                                  domainCodes: nil, domainCount: 0,
                                  terms: [.init(numerator: 1, denominator: 0, domain: -1)])
        let direct = try #require(stat.rowLeafEstimates(weights: [1, 2, 3]))
        #expect(abs(direct.values[0] - 4.0 / 6) < 1e-15)
        for (i, want) in [2.0 / 36, -8.0 / 36, 6.0 / 36].enumerated() {
            #expect(abs(direct.influence[i, 0] - want) < 1e-15)
        }
    }
}

/// Domains on row leaves: a domain mean's influence is wᵢ(xᵢ − θ_d)/Σ_d w on the domain's rows and
/// 0 elsewhere; by hand for w = (1, 2, 3, 4), x = (2, 4, 6, 8), domains (0, 1, 0, 1):
/// θ₀ = (2 + 18)/4 = 5, θ₁ = (8 + 32)/6 = 20/3.
@Suite struct RatioStatisticRowLeavesDomainTests {
    @Test func domainMeansByHand() throws {
        let stat = RatioStatistic(columns: [[1, 1, 1, 1], [2, 4, 6, 8]], domainCodes: [0, 1, 0, 1], domainCount: 2,
                                  terms: [.init(numerator: 1, denominator: 0, domain: 0),
                                          .init(numerator: 1, denominator: 0, domain: 1)])
        let direct = try #require(stat.rowLeafEstimates(weights: [1, 2, 3, 4]))
        #expect(direct.values[0] == 5)
        #expect(abs(direct.values[1] - 20.0 / 3) < 1e-15)
        let want0 = [1 * (2 - 5.0) / 4, 0, 3 * (6 - 5.0) / 4, 0]
        let want1 = [0, 2 * (4 - 20.0 / 3) / 6, 0, 4 * (8 - 20.0 / 3) / 6]
        for i in 0..<4 {
            #expect(abs(direct.influence[i, 0] - want0[i]) < 1e-15)
            #expect(abs(direct.influence[i, 1] - want1[i]) < 1e-15)
        }
        // Bit for bit what the stored leaf sums give.
        let sums = stat.leafSums(weights: [1, 2, 3, 4], leafOfRow: [0, 1, 2, 3], leafCount: 4)
        let values = stat.values(leafSums: sums)
        #expect(direct.values.map(\.bitPattern) == values.map(\.bitPattern))
        #expect(direct.influence.storage.map(\.bitPattern)
                == stat.leafInfluence(leafSums: sums, leaves: 4, at: values).storage.map(\.bitPattern))
    }
}
