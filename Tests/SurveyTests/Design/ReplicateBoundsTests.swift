import Foundation
import Testing
import Survey

/// Issue 11: bootstrap conversion never builds a population-sized pool, and a population size
/// beyond 2^53 is refused with an error instead of trapping.
@Suite struct ReplicateBoundsTests {
    /// An unstratified design of `rows` rows (each its own PSU), weight 1, stage-1 fpc `population`.
    static func design(rows: Int, population: Double) throws -> SurveyDesign {
        try SurveyDesign(rows: rows, weights: Column(name: "w", values: .numeric(Array(repeating: 1, count: rows))),
                         fpc: [Column(name: "fpc", values: .numeric(Array(repeating: population, count: rows)))])
    }

    @Test func realPopulationSizeIsFastAndDrawsNPSUs() throws {
        // Issue 11 "Why": a population of 19 M took 12 s for 20 rows (pool of 19 M slots per replicate).
        let start = Date()
        let r = try Self.design(rows: 20, population: 19e6).replicateDesign(.bootstrap, replicates: 50)
        #expect(Date().timeIntervalSince(start) < 1)
        // Each replicate draws n = 20 PSUs (factor = times drawn, weight 1), so its weights sum to 20.
        for j in 0..<r.replicates.columns {
            let total = (0..<20).reduce(0.0) { $0 + r.replicates[$1, j] }
            #expect(total == 20)
        }
    }

    @Test func fullyEnumeratedStratumDrawsEachPSUOnce() throws {
        // N = n: n draws without replacement from n slots take every PSU exactly once (hand calculation).
        let r = try Self.design(rows: 7, population: 7).replicateDesign(.bootstrap, replicates: 5)
        for i in 0..<7 { for j in 0..<5 { #expect(r.replicates[i, j] == 1) } }
    }

    @Test func hugePopulationIsAnErrorNotATrap() throws {
        // Issue 11 "Why": fpc 1e300 → SIGILL in Int(size).
        #expect(throws: DesignError.self) {
            try Self.design(rows: 20, population: 1e300).replicateDesign(.bootstrap, replicates: 10)
        }
    }
}

extension ReplicateBoundsTests {
    /// docs/hostile-input.md: "population ≤ 2⁵³ (else error)". 2⁵³ = 9,007,199,254,740,992 is
    /// drawn from (20 PSUs per replicate, as above); the next double, 2⁵³ + 2, is refused.
    @Test func populationBoundIsTwoToTheFiftyThird() throws {
        let edge = try Self.design(rows: 20, population: 9_007_199_254_740_992).replicateDesign(.bootstrap, replicates: 5)
        for j in 0..<edge.replicates.columns {
            #expect((0..<20).reduce(0.0) { $0 + edge.replicates[$1, j] } == 20)
        }
        #expect(throws: DesignError.self) {
            try Self.design(rows: 20, population: 9_007_199_254_740_994).replicateDesign(.bootstrap, replicates: 5)
        }
    }
}
