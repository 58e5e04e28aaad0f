import Testing
import Survey
@testable import SurveyNumerics
@testable import SurveyEstimation

/// Full-sample totals and base sizes of proportions from per-cell sums over the level codes
/// (`CellWeightSums`, used by `slotTotals` and `baseSizes`): each total written out by hand on a
/// six-row example with domains, a missing code and a zero weight; on a large seeded column (two
/// threads) the totals agree with plain loops in the test.
struct CellWeightSumsTests {
    // Rows:       0    1    2    3    4    5
    let codes: [Int32] = [0, 1, -1, 0, 2, 1]
    let weights: [Double] = [1, 2, 3, 0, 0.5, 8]
    let domains: [Int32] = [0, 1, 1, -1, 0, 0]

    /// Columns 0 ones, 1…3 the indicators of levels 0…2, 4 non-missing; every column in every slot.
    func statistic(codes: [Int32], domains: [Int32]?, domainCount: Int) -> RatioStatistic {
        let present = codes.map { $0 >= 0 ? 1.0 : 0 }
        let columns = [StatisticColumn.ones(count: codes.count)]
            + (0..<3).map { StatisticColumn.indicator(codes: codes, level: Int32($0)) }
            + [StatisticColumn.nonMissing(present, codes: codes)]
        var terms: [RatioStatistic.Term] = []
        for slot in Int32(-1)..<Int32(domainCount) {
            for c in 0..<5 { terms.append(.init(numerator: c, denominator: nil, domain: slot)) }
        }
        return RatioStatistic(columns: columns, domainCodes: domains, domainCount: domainCount, terms: terms)
    }

    @Test("slot totals of ones, level indicators and non-missing, by domain (hand sums)")
    func slotTotals() {
        let stat = statistic(codes: codes, domains: domains, domainCount: 2)
        let t = stat.slotTotals(weights: weights)
        // Slot 0 all rows, 1 domain 0 (rows 0, 4, 5), 2 domain 1 (rows 1, 2); row 3 is in no domain.
        #expect(Array(t[0..<3]) == [14.5, 9.5, 5])     // ones: 1+2+3+0+0.5+8; 1+0.5+8; 2+3
        #expect(Array(t[3..<6]) == [1, 1, 0])          // level 0: rows 0, 3
        #expect(Array(t[6..<9]) == [10, 8, 2])         // level 1: rows 1, 5
        #expect(Array(t[9..<12]) == [0.5, 0.5, 0])     // level 2: row 4
        #expect(Array(t[12..<15]) == [11.5, 9.5, 2])   // non-missing: all but row 2
    }

    @Test("base sizes: rows, non-zero weights, Σw, Σw² per slot (hand sums)")
    func baseSizes() throws {
        let stat = statistic(codes: codes, domains: domains, domainCount: 2)
        let design = try ReplicateDesign(weights: weights, replicates: ReplicateWeights(rows: 6, columns: [weights, weights]),
                                         type: .other, checkPattern: false)
        let info = (0..<3).flatMap { d in
            [0, 4].map { TermInfo(kind: .proportion, variable: "q", level: nil, domain: Int32(d) - 1, base: $0) }
        }
        let sizes = design.baseSizes(stat, info: info)
        let expected: [(Int, Int, Double, Double)] = [
            (6, 5, 14.5, 78.25), (5, 4, 11.5, 69.25),   // all rows: ones; non-missing (1+4+0+0.25+64)
            (3, 3, 9.5, 65.25), (3, 3, 9.5, 65.25),     // domain 0: rows 0, 4, 5
            (2, 2, 5, 13), (1, 1, 2, 4),                // domain 1: rows 1, 2 (ones); row 1 (non-missing)
        ]
        for (s, e) in zip(sizes, expected) {
            #expect(s.rows == e.0 && s.n == e.1 && s.sumW == e.2 && s.sumW2 == e.3)
        }
    }

    @Test("a large seeded column on two threads: the totals of plain loops")
    func largeColumn() {
        var rng = SplitMix64(seed: 5)
        let n = 300_000
        let codes = (0..<n).map { _ in Int32(rng.next() % 6) - 1 }
        let domains = (0..<n).map { _ in Int32(rng.next() % 4) - 1 }
        let weights = (0..<n).map { _ in 1 + 99 * rng.nextUnit() }
        let t = statistic(codes: codes, domains: domains, domainCount: 3).slotTotals(weights: weights)
        for slot in 0..<4 {
            let inSlot = { (i: Int) in slot == 0 || domains[i] == Int32(slot - 1) }
            let ones = (0..<n).filter(inSlot).reduce(0.0) { $0 + weights[$1] }
            let level1 = (0..<n).filter { inSlot($0) && codes[$0] == 1 }.reduce(0.0) { $0 + weights[$1] }
            let present = (0..<n).filter { inSlot($0) && codes[$0] >= 0 }.reduce(0.0) { $0 + weights[$1] }
            #expect(abs(t[slot] - ones) <= 1e-12 * ones)
            #expect(abs(t[2 * 4 + slot] - level1) <= 1e-12 * level1)
            #expect(abs(t[4 * 4 + slot] - present) <= 1e-12 * present)
        }
    }
}
