import Testing
import Survey

/// docs/design-estimation.md: "fpc values all ≤ 1 are sampling fractions" (R's rule). apistrat
/// with the fpc given as the population sizes N_h and again as the fractions n_h/N_h (n_h the
/// stratum's rows) gives the same mean and SE; the SE is R survey's (expected.json `strat`,
/// through `DesignReferenceTests`), so the fraction form matches R too.
@Suite struct FPCFractionTests {
    @Test func fractionsAndPopulationSizesAgree() throws {
        let t = try DesignFixtures.table("apistrat.csv")
        let strata = try t.column(named: "stype"), population = try t.numeric("fpc")
        var n: [String: Double] = [:]
        for i in 0..<t.rowCount { n[strata.text(at: i) ?? "", default: 0] += 1 }
        let fractions = (0..<t.rowCount).map { i in (n[strata.text(at: i) ?? ""] ?? 0) / population[i] }
        #expect(fractions.allSatisfy { $0 > 0 && $0 <= 1 })
        func mean(_ fpc: [Double]) throws -> EstimateElement {
            let d = try SurveyDesign(rows: t.rowCount, weights: t.column(named: "pw"), strata: strata,
                                     fpc: [Column(name: "f", values: .numeric(fpc))])
            return try #require(try d.means([t.column(named: "api00")]).elements.first)
        }
        let a = try mean(population), b = try mean(fractions)
        #expect(abs(a.value - b.value) / a.value < 1e-12)
        #expect(abs(a.standardError - b.standardError) / a.standardError < 1e-12, "\(a.standardError) vs \(b.standardError)")
    }

    /// The same sentence: "fpc mixing sizes and fractions or implying > 100 % sampling" is refused.
    @Test func mixedOrImpossibleFPCIsRefused() throws {
        let t = try DesignFixtures.table("apistrat.csv")
        let strata = try t.column(named: "stype")
        var mixed = try t.numeric("fpc")
        mixed[0] = 0.5  // one fraction among population sizes
        let tooSmall = [Double](repeating: 10, count: t.rowCount)  // 10 < the 50–100 rows per stratum
        for fpc in [mixed, tooSmall] {
            #expect(throws: (any Error).self) {
                try SurveyDesign(rows: t.rowCount, weights: t.column(named: "pw"), strata: strata,
                                 fpc: [Column(name: "f", values: .numeric(fpc))])
            }
        }
    }

    /// "one-PSU strata under `.fail` naming stratum and stage": apistrat with one school moved to a
    /// stratum X of its own (`DesignExtraCases.lonelyTable`) is refused, naming X and stage 1.
    @Test func lonelyPSUUnderFailNamesStratumAndStage() throws {
        let t = try DesignExtraCases.lonelyTable()
        #expect(throws: DesignError.lonelyPSU(stratum: "X", stage: 1)) {
            try SurveyDesign(rows: t.rowCount, weights: t.column(named: "pw"), strata: t.column(named: "str"), lonelyPSU: .fail)
        }
    }
}
