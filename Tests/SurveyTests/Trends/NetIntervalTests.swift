import Testing
import Survey

/// docs/intervals.md: a net share's interval is "Wald, net ± z·SE, truncated to [−1, 1]".
@Suite struct NetIntervalTests {
    static func pair(favorable pf: Double, unfavorable pu: Double, n: Int) -> (Observation, Observation) {
        let f = TrendInputTests.obs("w", "2020-01-01", pf, n: n, deff: 1)
        var u = f
        u.measure = "unfavorable"
        u.estimate = pu
        return (f, u)
    }

    /// p_f = 0.98, p_u = 0.01, n = 30, deff 1: var = (0.99 − 0.97²)/30 = 0.0491/30,
    /// SE = 0.04045573712919674; 0.97 ± 1.959963984540054·SE = [0.8907082122587545,
    /// 1.0492917877412453], so the upper end is cut to 1 and the lower end kept.
    @Test func upperEndTruncatedAtOne() throws {
        let (f, u) = Self.pair(favorable: 0.98, unfavorable: 0.01, n: 30)
        let net = try NetFavorability.net(favorable: f, unfavorable: u)
        #expect(agrees(net.se ?? 0, 0.04045573712919674, rel: 1e-12))
        #expect(agrees(net.ciLower ?? 0, 0.8907082122587545, rel: 1e-12))
        #expect(net.ciUpper == 1)
    }

    /// The mirror case: −0.97 ± 0.0793 = [−1.0493, −0.8907] → [−1, −0.8907082122587545].
    @Test func lowerEndTruncatedAtMinusOne() throws {
        let (f, u) = Self.pair(favorable: 0.01, unfavorable: 0.98, n: 30)
        let net = try NetFavorability.net(favorable: f, unfavorable: u)
        #expect(net.ciLower == -1)
        #expect(agrees(net.ciUpper ?? 0, -0.8907082122587545, rel: 1e-12))
    }

    /// Away from the bounds the interval is the plain Wald one: p_f = .5, p_u = .3, deff 1,
    /// n = 1000: SE = √(0.76/1000) = 0.027568097504180444, 0.2 ± 1.959963984540054·SE.
    @Test func untouchedAwayFromTheBounds() throws {
        let (f, u) = Self.pair(favorable: 0.5, unfavorable: 0.3, n: 1000)
        let net = try NetFavorability.net(favorable: f, unfavorable: u)
        #expect(agrees(net.ciLower ?? 0, 0.2 - 1.959963984540054 * 0.027568097504180444, rel: 1e-12))
        #expect(agrees(net.ciUpper ?? 0, 0.2 + 1.959963984540054 * 0.027568097504180444, rel: 1e-12))
    }
}
