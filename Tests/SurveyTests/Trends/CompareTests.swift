import Foundation
import Testing
import Survey

/// `compare` arithmetic, checked against hand calculations (values from python/scipy shown).
@Suite struct CompareTests {
    /// 60% → 55%, n = 1500 each, SRS: SE = √(.6·.4/1500 + .55·.45/1500) = 0.018027756377319945,
    /// z = −0.05/SE = −2.773500981126146, p = 2Φ̄(2.7735) = 0.0055456673152440485,
    /// lower = −0.05 − 1.959964·SE = −0.08533375322160938 (scipy.stats.norm).
    @Test func waveChangeByHand() throws {
        let a = TrendInputTests.obs("2019", "2019-05-01", 0.60), b = TrendInputTests.obs("2021", "2021-05-01", 0.55)
        let s = try Series(key: a.key, observations: [a, b])
        let c = try Comparison.waves(s, from: "2019", to: "2021")
        #expect(agrees(c.difference.estimate, -0.05, rel: 1e-12))
        #expect(agrees(c.difference.se, 0.018027756377319945, rel: 1e-12))
        #expect(agrees(c.difference.statistic, -2.773500981126146, rel: 1e-12))
        #expect(agrees(c.difference.pValue, 0.0055456673152440485, rel: 1e-9))
        #expect(agrees(c.difference.lower, -0.08533375322160938, rel: 1e-9))
        #expect(throws: TrendError.self) { try Comparison.waves(s, from: "2018", to: "2021") }
    }

    /// 2% → 99% with SEs of 0.3 each (a tiny sample): SE = √0.18 = 0.42426406871192851, so the
    /// Wald upper limit 0.97 + 1.959964·0.424264 = 1.8015 lies beyond the largest possible change
    /// (+1): cut to 1 and flagged; the lower limit 0.97 − 0.83154 = 0.13846 stays.
    @Test func changeIntervalIsCutToItsRange() throws {
        let a = TrendInputTests.obs("2019", "2019-05-01", 0.02, se: 0.3), b = TrendInputTests.obs("2021", "2021-05-01", 0.99, se: 0.3)
        let c = try Comparison.waves(try Series(key: a.key, observations: [a, b]), from: "2019", to: "2021")
        #expect(c.truncated && c.difference.upper == 1)
        #expect(agrees(c.difference.lower, 0.97 - 1.959963984540054 * 0.42426406871192851, rel: 1e-9))
        #expect(agrees(c.difference.se, 0.42426406871192851, rel: 1e-12))
        let table = TrendTable.table([(a.key, c)], sourceNote: nil)
        #expect(table.footnotes.contains { $0.hasPrefix("1 change interval(s) truncated to the range a change can take") })
        #expect(try !Comparison.waves(try Series(key: a.key, observations: [TrendInputTests.obs("2019", "2019-05-01", 0.60),
                                                                              TrendInputTests.obs("2021", "2021-05-01", 0.55)]),
                                      from: "2019", to: "2021").truncated)
    }

    /// A prefix that starts several waves names none: it said "no wave 'w' in the series" although
    /// eight waves start with it (a sweep); now it says it is ambiguous and lists them.
    @Test func ambiguousWavePrefixIsSaid() throws {
        let a = TrendInputTests.obs("w1", "2019-05-01", 0.60), b = TrendInputTests.obs("w2", "2021-05-01", 0.55)
        let s = try Series(key: a.key, observations: [a, b])
        #expect(throws: TrendError.ambiguousWave("w", matches: ["w1", "w2"])) { try s.observation(wave: "w") }
        #expect(try s.observation(wave: "w2").wave == "w2")
    }

    @Test func countriesAtOneWave() throws {
        let kz = TrendInputTests.obs("2019", "2019-05-01", 0.60)
        var uz = TrendInputTests.obs("2019", "2019-05-01", 0.55)
        uz.country = "UZ"
        let c = try Comparison.series(
            try Series(key: kz.key, observations: [kz]), try Series(key: uz.key, observations: [uz]), wave: "2019")
        #expect(c.fromLabel == "KZ" && c.toLabel == "UZ")
        #expect(agrees(c.difference.se, 0.018027756377319945, rel: 1e-12))
    }

    /// DESIGN.md §5: var(net) = (p_f + p_u − (p_f − p_u)²)·deff/n; p_f = .5, p_u = .3, deff 1.5,
    /// n = 1000: (0.8 − 0.04)·1.5/1000 → SE 0.033763886032268264.
    @Test func netFavorabilityVariance() throws {
        let f = TrendInputTests.obs("w", "2020-01-01", 0.5, n: 1000, deff: 1.5)
        var u = f
        u.measure = "unfavorable"
        u.estimate = 0.3
        let net = try NetFavorability.net(favorable: f, unfavorable: u)
        #expect(net.measure == "net" && agrees(net.estimate, 0.2, rel: 1e-12))
        #expect(agrees(net.se ?? 0, 0.033763886032268264, rel: 1e-12))
        // Without a design effect: SRS assumed and flagged.
        var f1 = f; f1.deff = nil
        var u1 = u; u1.deff = nil
        #expect(try NetFavorability.net(favorable: f1, unfavorable: u1).flags.contains("srs-assumed"))
        // Both shares 0: finite, positive variance by the continuity rule.
        var f0 = f; f0.estimate = 0
        var u0 = u; u0.estimate = 0
        let zero = try NetFavorability.net(favorable: f0, unfavorable: u0)
        #expect((zero.se ?? 0) > 0 && (zero.se ?? .nan).isFinite)
    }
}
