import Testing
import Survey

/// docs/trends.md: "Each wave's variance: its SE² when given (microdata, design-based), else
/// p(1−p)·deff/n (deff 1 when the source gives none, noted "SRS assumed")".
@Suite struct TrendVarianceInputTests {
    @Test func seSquaredElseBinomialWithDeff() throws {
        // SE given: 0.02² = 4e-4. No SE, deff 2, n 1000, p 0.4: 0.24·2/1000 = 4.8e-4.
        // No SE, no deff, n 1000, p 0.5: 0.25/1000 = 2.5e-4, and the note says SRS was assumed.
        let given = TrendInputTests.obs("a", "2018-06-01", 0.3, n: 1000, se: 0.02)
        let deff = TrendInputTests.obs("b", "2019-06-01", 0.4, n: 1000, deff: 2)
        let srs = TrendInputTests.obs("c", "2020-06-01", 0.5, n: 1000)
        let data = try TrendData(series: try Series(key: given.key, observations: [given, deff, srs]))
        #expect(agrees(data.variances[0], 4e-4, rel: 1e-12))
        #expect(agrees(data.variances[1], 4.8e-4, rel: 1e-12))
        #expect(agrees(data.variances[2], 2.5e-4, rel: 1e-12))
        #expect(data.notes.contains { $0.hasPrefix("SRS assumed") }, "\(data.notes)")
        // With every wave's SE given, nothing is assumed.
        let withSE = try TrendData(series: try Series(key: given.key, observations: [
            given, TrendInputTests.obs("b", "2019-06-01", 0.4, n: 1000, se: 0.02)]))
        #expect(!withSE.notes.contains { $0.hasPrefix("SRS assumed") })
    }
}
