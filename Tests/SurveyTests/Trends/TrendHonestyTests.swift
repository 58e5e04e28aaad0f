import Testing
import Survey
@testable import SurveyReports

/// Issue 10 items 3 and 4: trend bands stay in [0, 1]; a trend with ≤ 2 residual df says so,
/// and dispersion-scaled intervals use t with the residual df.
@Suite struct TrendHonestyTests {
    /// Three waves, linear (2 parameters): 1 residual df. With the dispersion estimated, the
    /// slope interval is ± t(0.975, 1)·SE, t(0.975, 1) = tan(0.475π) = 12.706204736174707.
    @Test func threeWavesOneResidualDF() throws {
        let data = try TrendData(times: [2018, 2020, 2022], values: [0.5, 0.62, 0.55], variances: [1e-4, 1e-4, 1e-4])
        let fit = try PolynomialTrend(degree: 1).fit(data, options: TrendOptions(dispersion: .estimated))
        #expect(fit.identifiedDF == 1)
        #expect(fit.smallSampleNote == "3 waves, 1 residual df: the trend is barely identified")
        let slope = try #require(fit.slope)
        #expect(agrees((slope.upper - slope.estimate) / slope.se, 12.706204736174707, rel: 1e-9))
        #expect(TrendJSON.trend(fit, series: SeriesKey(dataset: "d", country: "KZ", target: "Russia", item: "i", measure: "favorable"))
            .contains("\"residual_df\": 1"))
        #expect(TrendTable.footnotes(fit).first == "3 waves, 1 residual df: the trend is barely identified")
    }

    /// A linear trend heading below 0: the band is truncated to [0, 1] and the note says so.
    @Test func bandTruncatedToShares() throws {
        let data = try TrendData(times: [2009, 2010, 2011, 2012, 2013], values: [0.40, 0.30, 0.22, 0.12, 0.03],
                                 variances: [4e-4, 4e-4, 4e-4, 4e-4, 4e-4])
        let raw = try PolynomialTrend(degree: 1).fit(data, options: TrendOptions())
        #expect(raw.fitted.contains { $0.lower < 0 })  // the share-scale band leaves [0, 1]
        let fit = raw.bounded(isShare: true)
        #expect(fit.fitted.allSatisfy { $0.lower >= 0 && $0.upper <= 1 })
        #expect(fit.grid.allSatisfy { $0.lower >= 0 && $0.upper <= 1 })
        #expect(fit.endpoint.lower >= 0)
        #expect(fit.slope == raw.slope)  // the model itself is unchanged
        #expect(fit.notes.last?.hasPrefix("band truncated to [0%, 100%]") == true)
        #expect(raw.bounded(to: -1...1) == raw)  // nothing to clip for a net share
    }
}
