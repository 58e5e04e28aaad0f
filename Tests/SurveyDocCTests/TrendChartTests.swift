import Foundation
import Testing

/// The article's trend on the built-in KZ · China · favorable series (CAB waves of 2017 and 2018
/// face-to-face, 2020 and 2022 by telephone): the library fits a level shift at the mode change,
/// yₜ = β₀ + β₁(t − t̄) + β₂·[after] with weights 1/se². With one level per side, the weighted
/// least-squares slope is the pooled within-side slope
///   β₁ = Σ_sides Σ w(t − t̄_side)(y − ȳ_side) / Σ_sides Σ w(t − t̄_side)²,
/// computed here from the committed CSV values with dates as decimal years (day of year − 1 over
/// the year's length, from Foundation's calendar).
@Suite struct TrendChartTests {
    static func decimalYear(_ iso: String) throws -> Double {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        let date = try #require(calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])))
        let day = try #require(calendar.ordinality(of: .day, in: .year, for: date))
        let length = try #require(calendar.range(of: .day, in: .year, for: date)).count
        return Double(parts[0]) + Double(day - 1) / Double(length)
    }

    @Test func slopeIsThePooledWithinModeSlope() throws {
        let (series, sources) = try builtInSeries(country: "KZ", target: "China", measure: "favorable")
        let (fit, chart) = try trendChart(of: series, sources: sources)
        // (date, estimate, se) of the four waves, as committed in datasets/cab/favorability.csv
        let waves: [(String, Double, Double)] = [
            ("2017-06-23", 0.753994, 0.01409), ("2018-11-27", 0.559242, 0.019606),
            ("2020-11-05", 0.399519, 0.013453), ("2022-11-29", 0.510801, 0.016516),
        ]
        var sxy = 0.0, sxx = 0.0
        for side in [waves[0..<2], waves[2..<4]] {
            let w = side.map { 1 / ($0.2 * $0.2) }, t = try side.map { try Self.decimalYear($0.0) }, y = side.map(\.1)
            let tBar = zip(w, t).map(*).reduce(0, +) / w.reduce(0, +)
            let yBar = zip(w, y).map(*).reduce(0, +) / w.reduce(0, +)
            for i in w.indices {
                sxy += w[i] * (t[i] - tBar) * (y[i] - yBar)
                sxx += w[i] * (t[i] - tBar) * (t[i] - tBar)
            }
        }
        let slope = try #require(fit.slope)
        #expect(abs(slope.estimate - sxy / sxx) < 1e-9)
        #expect(fit.observations == 4)
        #expect(!chart.isEmpty)
    }
}
