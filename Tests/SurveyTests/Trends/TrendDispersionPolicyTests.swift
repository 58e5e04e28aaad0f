import Testing
import Survey

/// docs/trends.md: "`auto` (default) = `estimated` when φ̂ > 1, else `known`". Two four-wave
/// series with the same shares and different sampling variances, φ̂ worked out by hand.
///
/// Shares y = 0.50, 0.60, 0.52, 0.62 at t = 0, 1, 2, 3, equal variances v (so WLS = OLS):
/// Sxx = 5, Sxy = Σ(t − 1.5)·y = 0.14, slope 0.028, fitted 0.518, 0.546, 0.574, 0.602,
/// residuals −0.018, 0.054, −0.054, 0.018, RSS = 0.00648, φ̂ = RSS/v/(4 − 2).
/// v = 1e-4: φ̂ = 32.4 > 1 → scaled: SE(slope) = √(32.4·1e-4/5) = 0.025455844122715711,
/// interval ± t(0.975, 2)·SE, t(0.975, 2) = √(1.805/0.0975) = 4.302652729749464.
/// v = 1e-2: φ̂ = 0.324 ≤ 1 → known: SE(slope) = √(1e-2/5) = 0.044721359549995794,
/// interval ± z(0.975)·SE = 1.959963984540054·SE.
@Suite struct TrendDispersionPolicyTests {
    static func data(variance v: Double) throws -> TrendData {
        try TrendData(times: [2018, 2019, 2020, 2021], values: [0.50, 0.60, 0.52, 0.62], variances: [v, v, v, v])
    }

    @Test func autoEstimatesWhenTheWavesScatterMoreThanSamplingError() throws {
        let fit = try PolynomialTrend(degree: 1).fit(try Self.data(variance: 1e-4), options: TrendOptions())
        #expect(agrees(try #require(fit.dispersion), 32.4, rel: 1e-9))
        #expect(agrees(fit.scale, 32.4, rel: 1e-9) && fit.residualDF == 2)
        let slope = try #require(fit.slope)
        #expect(agrees(slope.estimate, 0.028, rel: 1e-9) && agrees(slope.se, 0.025455844122715711, rel: 1e-9))
        #expect(agrees((slope.upper - slope.estimate) / slope.se, 4.302652729749464, rel: 1e-9))
        // The same as asking for `estimated` outright.
        let estimated = try PolynomialTrend(degree: 1).fit(try Self.data(variance: 1e-4), options: TrendOptions(dispersion: .estimated))
        #expect(estimated.slope == fit.slope)
    }

    @Test func autoKeepsSamplingVariancesWhenTheyExplainTheScatter() throws {
        let fit = try PolynomialTrend(degree: 1).fit(try Self.data(variance: 1e-2), options: TrendOptions())
        #expect(agrees(try #require(fit.dispersion), 0.324, rel: 1e-9))
        #expect(fit.scale == 1)
        let slope = try #require(fit.slope)
        #expect(agrees(slope.se, 0.044721359549995794, rel: 1e-9))
        #expect(agrees((slope.upper - slope.estimate) / slope.se, 1.959963984540054, rel: 1e-9))
        // `estimated` would have narrowed it (φ̂ < 1); `auto` never does.
        let estimated = try PolynomialTrend(degree: 1).fit(try Self.data(variance: 1e-2), options: TrendOptions(dispersion: .estimated))
        #expect(try #require(estimated.slope).se < slope.se)
        let known = try PolynomialTrend(degree: 1).fit(try Self.data(variance: 1e-2), options: TrendOptions(dispersion: .known))
        #expect(known.slope == fit.slope)
    }
}
