import Foundation
import Testing
import Survey
@testable import SurveyReports

/// docs/trends.md "needs" column: linear 3, quadratic 4, logit 3, segmented 5, segmented --break 4,
/// local-trend 5 waves. Each model is refused with one wave fewer (naming how many it needs) and
/// fits with exactly that many. The counts follow from the parameters: linear 2 and quadratic 3
/// coefficients plus one residual df; logit 2 plus one; the level shift 3 (level, slope, shift)
/// with a wave either side of the break; segmented 4 (with ψ) plus one, ψ searched in [t₂, tₙ₋₁].
@Suite struct TrendWaveMinimumTests {
    static let shares = [0.50, 0.58, 0.54, 0.61, 0.57, 0.63]

    static func data(_ waves: Int) throws -> TrendData {
        try TrendData(series: TrendInputTests.series(Array(shares.prefix(waves))))
    }

    static let cases: [(name: String, model: any TrendModel, need: Int)] = [
        ("linear", PolynomialTrend(degree: 1), 3),
        ("quadratic", PolynomialTrend(degree: 2), 4),
        ("logit", LogitTrend(), 3),
        ("segmented", SegmentedTrend(), 5),
        ("segmented (level shift)", LevelShiftTrend(breakDate: "2018-12-01"), 4),
        ("local-trend", LocalLinearTrend(), 5),
    ]

    @Test func eachModelNeedsItsStatedWaveCount() throws {
        for c in Self.cases {
            #expect(throws: TrendError.tooFewWaves(model: c.name, have: c.need - 1, need: c.need), "\(c.name)") {
                try c.model.fit(try Self.data(c.need - 1), options: TrendOptions())
            }
            let fit = try c.model.fit(try Self.data(c.need), options: TrendOptions())
            #expect(fit.fitted.count == c.need, "\(c.name)")
        }
    }

    /// The quadratic's 4: three waves would leave no residual df; four fit and leave one.
    @Test func quadraticNeedsFourWaves() throws {
        #expect(throws: TrendError.tooFewWaves(model: "quadratic", have: 3, need: 4)) {
            try PolynomialTrend(degree: 2).fit(try Self.data(3), options: TrendOptions())
        }
        let fit = try PolynomialTrend(degree: 2).fit(try Self.data(4), options: TrendOptions())
        #expect(fit.coefficients.count == 3 && fit.identifiedDF == 1)
    }

    /// docs/intervals.md: "A trend with ≤ 2 residual degrees of freedom … says so first". Linear
    /// (2 parameters): 4 waves leave 2 df (noted), 5 waves 3 df (no note); the segmented model's
    /// breakpoint counts: 5 waves − 4 parameters = 1 df (noted).
    @Test func smallSampleNoteUpToTwoResidualDF() throws {
        let four = try PolynomialTrend(degree: 1).fit(try Self.data(4), options: TrendOptions())
        #expect(four.smallSampleNote == "4 waves, 2 residual df: the trend is barely identified")
        #expect(four.notes.first == four.smallSampleNote || TrendTable.footnotes(four).first == four.smallSampleNote)
        let five = try PolynomialTrend(degree: 1).fit(try Self.data(5), options: TrendOptions())
        #expect(five.identifiedDF == 3 && five.smallSampleNote == nil)
        let segmented = try SegmentedTrend().fit(try Self.data(5), options: TrendOptions())
        #expect(segmented.identifiedDF == 1 && segmented.smallSampleNote?.hasPrefix("5 waves, 1 residual df") == true)
    }

    /// docs/trends.md: AIC/BIC of the local trend count "2 noise variances + 2 diffuse states":
    /// AIC = −2·logL + 2·4 and BIC = −2·logL + 4·ln(n) with n the observed waves; the regression
    /// models count their coefficients (linear 2).
    @Test func informationCriteriaCountTheStatedParameters() throws {
        let data = try Self.data(6)
        let local = try LocalLinearTrend().fit(data, options: TrendOptions())
        let logL = try #require(local.logLikelihood)
        #expect(agrees(try #require(local.aic), -2 * logL + 8, rel: 1e-12))
        #expect(agrees(try #require(local.bic), -2 * logL + 4 * log(6.0), rel: 1e-12))
        let linear = try PolynomialTrend(degree: 1).fit(data, options: TrendOptions())
        let l = try #require(linear.logLikelihood)
        #expect(agrees(try #require(linear.aic), -2 * l + 4, rel: 1e-12))
    }
}

extension TrendWaveMinimumTests {
    /// A flat series (every wave 50%): the slope change is 0 up to rounding, so the break time is
    /// not identified — no interval, and the note says so — rather than "95% CI −3.8e145 to 3.8e145"
    /// from a rounding-level slope change. The same at 100%. A series that bends keeps its interval.
    @Test func flatSeriesHasNoBreakInterval() throws {
        for p in [0.5, 1.0] {
            let fit = try SegmentedTrend().fit(try TrendData(series: TrendInputTests.series([p, p, p, p, p])), options: TrendOptions())
            #expect(fit.breakpoint?.timeLower == nil && fit.breakpoint?.timeSE == nil, "\(p)")
            #expect(fit.notes.contains { $0.contains("break time is not identified") }, "\(p)")
        }
        let bent = try SegmentedTrend().fit(try TrendData(series: TrendInputTests.series([0.30, 0.34, 0.38, 0.36, 0.33, 0.30])),
                                            options: TrendOptions())
        #expect(bent.breakpoint?.timeLower != nil)
    }
}
