import Foundation
import Testing
import Survey

/// Bad and edge-case input: each error names what is needed; boundary shares never give NaN.
@Suite struct TrendInputTests {
    static func obs(_ wave: String, _ date: String, _ p: Double, n: Int? = 1500, se: Double? = nil, deff: Double? = nil) -> Observation {
        Observation(dataset: "test", country: "KZ", target: "China", item: "favorability", wave: wave, date: date,
                    measure: "favorable", estimate: p, se: se, n: n, deff: deff, sourceID: "synthetic")
    }

    static func series(_ values: [Double], n: Int? = 1500) throws -> Series {
        let obs = values.enumerated().map { i, p in Self.obs("w\(i)", "\(2017 + i)-06-01", p, n: n) }
        return try Series(key: obs[0].key, observations: obs)
    }

    @Test func tooFewWavesSaysHowManyAreNeeded() throws {
        let data = try TrendData(series: Self.series([0.5, 0.6]))
        #expect(throws: TrendError.tooFewWaves(model: "linear", have: 2, need: 3)) {
            try PolynomialTrend(degree: 1).fit(data, options: TrendOptions())
        }
        let four = try TrendData(series: Self.series([0.5, 0.6, 0.55, 0.5]))
        #expect(throws: TrendError.tooFewWaves(model: "local-trend", have: 4, need: 5)) {
            try LocalLinearTrend().fit(four, options: TrendOptions())
        }
        #expect(throws: TrendError.tooFewWaves(model: "segmented", have: 4, need: 5)) {
            try SegmentedTrend().fit(four, options: TrendOptions())
        }
        #expect(TrendError.tooFewWaves(model: "linear", have: 2, need: 3).description.contains("at least 3 waves"))
    }

    /// p = 0 with n = 1000: variance from p̃ = 0.5/1001 (continuity rule), i.e.
    /// p̃(1 − p̃)/1000 = 4.992509987514982e-07 (python: pt*(1-pt)/m).
    @Test func zeroShareUsesContinuityRule() throws {
        let data = try TrendData(series: Self.series([0, 0.01, 0.02, 0.0, 0.03], n: 1000))
        #expect(agrees(data.variances[0], 4.992509987514982e-07, rel: 1e-12))
        #expect(data.notes.contains { $0.contains("continuity") })
        for kind in TrendModelKind.allCases {
            let fit = try kind.model().fit(data, options: TrendOptions())
            let numbers = fit.fitted.flatMap { [$0.estimate, $0.lower, $0.upper, $0.se] }
                + fit.grid.flatMap { [$0.estimate, $0.lower, $0.upper] } + [fit.endpoint.estimate, fit.endpoint.se]
            let allFinite = numbers.allSatisfy { $0.isFinite }
            #expect(allFinite, "\(kind) gave a non-finite number")
        }
        // All-zero and all-100% series: the logit fit stays finite and inside [0, 1].
        for v in [0.0, 1.0] {
            let flat = try TrendData(series: Self.series([v, v, v, v], n: 800))
            let fit = try LogitTrend().fit(flat, options: TrendOptions())
            #expect(fit.fitted.allSatisfy { $0.estimate.isFinite && $0.lower >= 0 && $0.upper <= 1 })
            #expect(fit.notes.contains { $0.contains("replaced") })
        }
    }

    @Test func shareWithoutSEorNIsAnError() throws {
        let s = try Series(key: Self.obs("a", "2019", 0.5).key, observations: [Self.obs("a", "2019", 0.5, n: nil)])
        #expect(throws: TrendError.missingVariance(wave: "a")) { try TrendData(series: s) }
    }

    /// "2019" and "2019-07-02" are different strings but the same decimal year (2019 + 182/365).
    @Test func duplicateWaveDatesAreRejected() throws {
        let a = Self.obs("2019", "2019", 0.5), b = Self.obs("2019-mid", "2019-07-02", 0.52)
        let s = try Series(key: a.key, observations: [a, b])
        #expect(throws: TrendError.self) { try TrendData(series: s) }
        #expect(throws: TrendError.duplicateTime(wave: "b", otherWave: "c", date: "c")) {
            try TrendData(times: [2019, 2020, 2020], values: [0.5, 0.5, 0.5], variances: [1e-4, 1e-4, 1e-4], waves: ["a", "b", "c"])
        }
        // Identical date strings are already refused when the series is built.
        #expect(throws: DataError.self) { try Series(key: a.key, observations: [a, Self.obs("x", "2019", 0.4)]) }
    }

    @Test func breakOutsideTheSeriesIsAnError() throws {
        let data = try TrendData(series: Self.series([0.5, 0.52, 0.49, 0.47, 0.45, 0.44]))  // 2017…2022
        for date in ["2030", "2016-05-01", "2017-06-01"] {
            #expect(throws: TrendError.self) { try LevelShiftTrend(breakDate: date).fit(data, options: TrendOptions()) }
        }
        do {
            _ = try LevelShiftTrend(breakDate: "2030").fit(data, options: TrendOptions())
        } catch {
            #expect("\(error)".contains("outside the series"))
        }
        #expect(throws: TrendError.badDate(wave: "--break", date: "spring")) {
            try LevelShiftTrend(breakDate: "spring").fit(data, options: TrendOptions())
        }
        // A break inside works and reports the shift with a test.
        let fit = try LevelShiftTrend(breakDate: "2020").fit(data, options: TrendOptions())
        #expect(fit.breakpoint?.kind == .levelShift)
        #expect(fit.breakpoint?.test.pValue.isFinite == true)
    }

    /// A missing wave (NaN) is skipped by regressions and predicted through by the local trend.
    @Test func missingWaveIsPredictedByLocalTrend() throws {
        let data = try TrendData(
            times: [2017, 2017.5, 2018, 2018.5, 2019, 2019.5, 2020], values: [0.5, 0.52, .nan, 0.49, 0.47, 0.46, 0.45],
            variances: Array(repeating: 1.6e-4, count: 7))
        let lt = try LocalLinearTrend().fit(data, options: TrendOptions())
        #expect(lt.fitted.count == 7 && lt.fitted[2].estimate.isFinite && lt.fitted[2].se > 0)
        let lin = try PolynomialTrend(degree: 1).fit(data, options: TrendOptions())
        #expect(lin.fitted.count == 6 && lin.observations == 6)
    }
}
