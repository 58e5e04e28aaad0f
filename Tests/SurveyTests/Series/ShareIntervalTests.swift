import Testing
import Survey

/// Issue 10 item 3: one default interval per share, in [0, 1]; a zero count gets the
/// one-sided Korn–Graubard (beta) interval instead of "0.0 (SE 0.0)".
@Suite struct ShareIntervalTests {
    static func share(_ p: Double, se: Double? = nil, n: Int? = nil) -> Observation {
        Observation(dataset: "d", country: "TM", target: "Russia", item: "favorability", wave: "w", date: "2018",
                    measure: "unfavorable", estimate: p, se: se, n: n, sourceID: "s")
    }

    /// x = 0 of n = 1500 (Turkmenistan 2018, Russia unfavorable): R svyciprop(method = "beta")
    /// with n.eff = 1500 gives qbeta(0.975, 1, 1500) = 1 − 0.025^(1/1500) = 0.00245623148419849.
    @Test func zeroCountIsOneSidedBeta() throws {
        let i = try #require(ShareInterval.interval(for: Self.share(0, se: 0, n: 1500)))
        #expect(i.lower == 0)
        #expect(agrees(i.upper, 0.00245623148419849, rel: 1e-12))
        let full = try #require(ShareInterval.interval(for: Self.share(1, se: 0, n: 1500)))
        #expect(full.upper == 1 && agrees(full.lower, 1 - 0.00245623148419849, rel: 1e-12))
    }

    /// The built-in TM 2018 row carries that interval, so `table` and `overview` print it.
    @Test func builtInZeroRowHasTheInterval() throws {
        let cab = try SeriesCatalog.builtIn().dataset(named: "cab")
        let o = try #require(cab.observations.first {
            $0.country == "TM" && $0.target == "Russia" && $0.wave == "2018-autumn" && $0.measure == "unfavorable"
        })
        #expect(o.estimate == 0 && o.ciLower == 0)
        #expect(agrees(o.ciUpper ?? .nan, 0.00245623148419849, rel: 1e-12))
    }

    /// p = 0.5, SE 0.02: logit interval expit(±1.959964·0.02/0.25) = (0.4608808339761408,
    /// 0.5391191660238592) (hand calculation, python math).
    @Test func logitIntervalFromSE() throws {
        let i = try #require(ShareInterval.interval(for: Self.share(0.5, se: 0.02)))
        #expect(agrees(i.lower, 0.4608808339761408, rel: 1e-12))
        #expect(agrees(i.upper, 0.5391191660238592, rel: 1e-12))
        // A topline near 0 stays inside [0, 1] (a Wald interval would go negative).
        let low = try #require(ShareInterval.interval(for: Self.share(0.01, n: 50)))
        #expect(low.lower > 0 && low.upper < 1)
        #expect(ShareInterval.interval(for: Self.share(0.3)) == nil)  // neither SE nor n
    }
}
