@testable import Survey

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
