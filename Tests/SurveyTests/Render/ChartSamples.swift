import Foundation
import Survey

/// Hand-written synthetic series (made-up figures shaped like CAB waves, not survey results).
enum ChartSamples {
    static func p(_ date: String, _ y: Double, half: Double = 0.03) -> ChartPoint {
        ChartPoint(date: date, y: y, lower: y - half, upper: y + half) ?? ChartPoint(x: .nan, y: .nan)
    }

    /// Two series over irregular waves 2017-10 … 2022-05, with a mode break in 2020 for Russia.
    static let russia = ChartSeries(
        name: "KZ · Russia",
        points: [p("2017-10-15", 0.80), p("2018-05-15", 0.78), p("2018-11-15", 0.74), p("2019-06-01", 0.72),
                 p("2019-11-15", 0.70), p("2020-11-15", 0.62), p("2021-05-15", 0.60), p("2022-05-15", 0.50)],
        breaks: [WaveDate.decimalYear("2020-06-01") ?? 2020.4])
    static let china = ChartSeries(
        name: "KZ · China",
        points: [p("2017-10-15", 0.30), p("2018-05-15", 0.33), p("2018-11-15", 0.35), p("2019-06-01", 0.40),
                 p("2019-11-15", 0.38), p("2020-11-15", 0.45), p("2021-05-15", 0.44), p("2022-05-15", 0.48)])

    static let twoSeries = ChartData(
        title: "Favorable views in Kazakhstan", series: [russia, china],
        footnotes: ["Synthetic figures for tests."], sourceNote: "barometer test data")

    /// China with a straight-line trend 0.30 → 0.48 and a ±0.02 band.
    static let withTrend: ChartData = {
        var c = china
        c.trend = ChartTrend(label: "linear trend", points: [
            ChartPoint(x: china.points[0].x, y: 0.31, lower: 0.29, upper: 0.33),
            ChartPoint(x: china.points[7].x, y: 0.485, lower: 0.465, upper: 0.505),
        ])
        return ChartData(title: "KZ · China with trend", series: [c], sourceNote: "barometer test data")
    }()
}

extension ChartSamples {
    static func series(_ name: String, _ values: [(String, Double)], half: Double = 0.03) -> ChartSeries {
        ChartSeries(name: name, points: values.map { p($0.0, $0.1, half: half) })
    }

    /// A single wave.
    static let oneWave = ChartData(title: "One wave", series: [series("KZ · Russia", [("2019-06-01", 0.54)])])

    /// Five waves all at 50%.
    static let allEqual = ChartData(
        title: "All equal",
        series: [series("flat", [("2018-05-15", 0.5), ("2018-11-15", 0.5), ("2019-05-15", 0.5), ("2019-11-15", 0.5), ("2020-05-15", 0.5)])])

    /// One series pinned at 0%, one at 100% (intervals clipped to [0, 1] as a proportion CI is).
    static let extremes = ChartData(
        title: "0% and 100%",
        series: [
            ChartSeries(name: "none", points: ["2018-05-15", "2019-05-15", "2020-05-15"].compactMap { ChartPoint(date: $0, y: 0, lower: 0, upper: 0.02) }),
            ChartSeries(name: "all", points: ["2018-05-15", "2019-05-15", "2020-05-15"].compactMap { ChartPoint(date: $0, y: 1, lower: 0.98, upper: 1) }),
        ])

    /// 40 semi-annual waves, 15 May and 15 November of 2005…2024, y = 0.5 + 0.3·sin(k/3).
    static let fortyWaves: ChartData = {
        var values: [(String, Double)] = []
        for k in 0..<40 {
            let year = 2005 + k / 2
            values.append(("\(year)-\(k % 2 == 0 ? "05" : "11")-15", 0.5 + 0.3 * Foundation.sin(Double(k) / 3)))
        }
        return ChartData(title: "Forty waves", series: [series("synthetic sine", values)])
    }()

    /// Names and title far wider than a 40-column chart.
    static let wideLabels = ChartData(
        title: String(repeating: "A very long chart title that cannot fit ", count: 3),
        series: [
            series(String(repeating: "Kazakhstan · Russian Federation · favourable ", count: 2), [("2018-05-15", 0.4), ("2019-05-15", 0.45)]),
            series("short", [("2018-05-15", 0.6), ("2019-05-15", 0.55)]),
        ],
        footnotes: [String(repeating: "averyveryverylongwordwithoutspaces", count: 3)])
}
