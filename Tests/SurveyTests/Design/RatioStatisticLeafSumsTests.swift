import Testing
import Survey
@testable import SurveyEstimation

/// The one-pass linearization route (`RatioStatistic.leafSums` → values and leaf influence →
/// `SurveyDesign.estimates`) and the whole-sample df shortcut, on a six-row design worked by hand.
@Suite struct RatioStatisticLeafSumsTests {
    // stratum 1,1,1,2,2,2; PSU 1,1,2,3,4,4; w 2,1,3,1,2,2; y 4,6,5,1,3,2; domain a,b,a,b,a,b.
    // Leaves are the PSUs in order of appearance: rows {0,1}, {2}, {3}, {4,5}.
    static func design(weights: [Double] = [2, 1, 3, 1, 2, 2]) throws -> SurveyDesign {
        try SurveyDesign(rows: 6, weights: Column(name: "w", values: .numeric(weights)),
                         strata: Column(name: "h", values: .numeric([1, 1, 1, 2, 2, 2])),
                         clusters: [Column(name: "psu", values: .numeric([1, 1, 2, 3, 4, 4]))])
    }
    static let y: [Double] = [4, 6, 5, 1, 3, 2]
    static let domain: [Int32] = [0, 1, 0, 1, 0, 1]

    @Test func leafSumsAreWeightedSumsPerPSUAndSlot() throws {
        let d = try Self.design()
        // Columns: 0 = ones, 1 = y. Terms: mean of y overall and in domain a.
        let stat = RatioStatistic(columns: [[Double](repeating: 1, count: 6), Self.y], domainCodes: Self.domain,
                                  domainCount: 2, terms: [.init(numerator: 1, denominator: 0, domain: -1),
                                                          .init(numerator: 1, denominator: 0, domain: 0)])
        let sums = stat.leafSums(weights: d.weights, leafOfRow: d.leafOfRow, leafCount: d.leafCount)
        let (list, _, _) = stat.pairs()
        func pair(column: Int, slot: Int) -> [Double]? {
            list.firstIndex { $0.column == column && $0.slot == slot }.map { sums[$0] }
        }
        // Σwy per PSU: 2·4+1·6 = 14, 3·5 = 15, 1·1 = 1, 2·3+2·2 = 10; Σw: 3, 3, 1, 4.
        #expect(pair(column: 1, slot: 0) == [14, 15, 1, 10])
        #expect(pair(column: 0, slot: 0) == [3, 3, 1, 4])
        // Domain a (rows 0, 2, 4): Σwy 8, 15, 0, 6; Σw 2, 3, 0, 2.
        #expect(pair(column: 1, slot: 1) == [8, 15, 0, 6])
        #expect(pair(column: 0, slot: 1) == [2, 3, 0, 2])
        // Means 40/11 and 29/7.
        let values = stat.values(leafSums: sums)
        #expect(abs(values[0] - 40.0 / 11) < 1e-15)
        #expect(abs(values[1] - 29.0 / 7) < 1e-15)
    }

    @Test func rowsSortedByPSUTakeTheRunPathWithTheSameSums() throws {
        // 4 PSUs of 16 consecutive rows (2 strata); row j of PSU p: w = 1 + j mod 2, y = 10p + j.
        // Σw = 24 per PSU; Σwy = 10p·24 + Σⱼ j(1 + j mod 2) = 240p + (120 + 64) = 240p + 184.
        let rows = 64
        let psu = (0..<rows).map { Double($0 / 16 + 1) }, stratum = (0..<rows).map { Double($0 / 32 + 1) }
        let w = (0..<rows).map { 1 + Double($0 % 16 % 2) }, y = (0..<rows).map { Double(10 * ($0 / 16) + $0 % 16) }
        let d = try SurveyDesign(rows: rows, weights: Column(name: "w", values: .numeric(w)),
                                 strata: Column(name: "h", values: .numeric(stratum)),
                                 clusters: [Column(name: "psu", values: .numeric(psu))])
        #expect(RatioStatistic.leafRuns(d.leafOfRow)?.starts == [0, 16, 32, 48, 64])
        #expect(RatioStatistic.leafRuns([0, 1, 0, 1]) == nil)   // unsorted: the scatter pass
        let stat = RatioStatistic(columns: [[Double](repeating: 1, count: rows), y], domainCodes: nil,
                                  domainCount: 0, terms: [.init(numerator: 1, denominator: 0, domain: -1)])
        let sums = stat.leafSums(weights: d.weights, leafOfRow: d.leafOfRow, leafCount: d.leafCount)
        #expect(sums.count == 2)
        #expect(sums.contains([184, 424, 664, 904]))
        #expect(sums.contains([24, 24, 24, 24]))
        // Mean (4·184 + 240·6)/96 = 2176/96.
        #expect(abs(stat.values(leafSums: sums)[0] - 2176.0 / 96) < 1e-13)
    }

    @Test func estimatesGiveTheHandWorkedMeanAndVariance() throws {
        let d = try Self.design()
        let stat = RatioStatistic(columns: [[Double](repeating: 1, count: 6), Self.y], domainCodes: nil,
                                  domainCount: 0, terms: [.init(numerator: 1, denominator: 0, domain: -1)])
        var seen: [Double] = []
        let (values, cov) = try d.estimates(of: stat) { seen = $0 }
        // θ = 40/11; PSU influence totals zₗ = (Aₗ − θBₗ)/11 = 34, 45, −29, −50 (/121).
        // Stratum 1: deviations ±5.5, 2·(2·5.5²) = 121; stratum 2: ±10.5, 2·(2·10.5²) = 441.
        // Variance (with replacement, n/(n−1) = 2) = (121 + 441)/121² = 562/14641.
        #expect(seen == values)
        #expect(abs(values[0] - 40.0 / 11) < 1e-15)
        #expect(abs(cov[0, 0] - 562.0 / 14641) < 1e-15)
    }

    @Test func invalidValuesStopBeforeTheCovariance() throws {
        let d = try Self.design()
        // Domain 1 has no rows: its mean is 0/0.
        let stat = RatioStatistic(columns: [[Double](repeating: 1, count: 6), Self.y],
                                  domainCodes: [Int32](repeating: 0, count: 6), domainCount: 2,
                                  terms: [.init(numerator: 1, denominator: 0, domain: 1)])
        struct Invalid: Error {}
        #expect(throws: Invalid.self) {
            _ = try d.estimates(of: stat) { values in if !values[0].isFinite { throw Invalid() } }
        }
    }

    @Test func wholeSampleDFFollowsReweighting() throws {
        let d = try Self.design()
        // 4 PSUs − 2 strata.
        #expect(d.degreesOfFreedom(base: nil, domains: nil) == [2])
        // Zero weight on PSU 3 (row 3) leaves PSUs 1, 2, 4 in 2 strata: 3 − 2 = 1; the design's
        // summary df stays the construction df, as before.
        let zeroed = try d.reweighted([2, 1, 3, 0, 2, 2])
        #expect(zeroed.degreesOfFreedom(base: nil, domains: nil) == [1])
        #expect(zeroed.summary.degreesOfFreedom == 2)
    }
}
