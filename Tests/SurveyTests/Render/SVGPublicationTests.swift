import Foundation
import Testing
import Survey
@testable import SurveyRender
@testable import SurveyReports

/// The publication chart, one test per case in issue 13's "Why". Positions are checked against
/// values computed here from the data and the axis the chart printed (its tick labels), not
/// against the renderer's own numbers.
@Suite struct SVGPublicationTests {
    static let doi = "10.48320/1AFC5235-EB1F-4A23-80B6-036515CE1916"

    /// Synthetic observations (made-up shares) shaped like CAB: KZ, three targets, waves 4, 8, 12.
    static func kzSeries() throws -> [Series] {
        let waves = [("2018-autumn", "2018-11-27", 4), ("2020-autumn", "2020-11-05", 8), ("2022-autumn", "2022-11-29", 12)]
        let values: [String: [Double]] = ["China": [0.56, 0.40, 0.51], "Russia": [0.83, 0.73, 0.47], "United States": [0.40, 0.42, 0.44]]
        return try ["China", "Russia", "United States"].map { target in
            let obs = waves.enumerated().map { i, w in
                Observation(dataset: "cab", country: "KZ", target: target, item: "favorability", wave: w.0, date: w.1,
                            measure: "favorable", estimate: values[target]?[i] ?? 0, ciLower: (values[target]?[i] ?? 0) - 0.03,
                            ciUpper: (values[target]?[i] ?? 0) + 0.03, n: i == 1 ? 2000 : 1500,
                            flags: i == 1 ? ["mode-break"] : [], sourceID: "cab-w\(w.2)-KZ")
            }
            return try Series(key: obs[0].key, observations: obs)
        }
    }

    /// Twelve sources citing one DOI, as the CAB deposit does (waves 1-12).
    static let twelveSources = (1...12).map { w in
        SourceReference(id: "cab-w\(w)-KZ", citation: "Central Asia Barometer, Central Asia Barometer Survey, wave \(w), Kazakhstan. Data deposit: Discuss Data, doi:\(doi). Computed by barometer.", url: "https://doi.org/\(doi)")
    }

    static func kzChart(band: Bool = true) throws -> (ChartData, String) {
        var data = ChartData(series: try kzSeries(), sources: twelveSources)
        data.breakLabels = Dictionary(uniqueKeysWithValues: data.breakLabels.keys.map { ($0, "face-to-face → telephone") })
        return (data, try SVGChart(data: data, band: band).render())
    }

    /// Why: "the source note takes up to 60% of the figure (twelve citations of one DOI)".
    @Test func captionIsOneLine() throws {
        #expect(SourceCaption.line(Self.twelveSources)
                == "Source: Central Asia Barometer, waves 1–12; doi:\(Self.doi)")
        #expect(SourceCaption.line(Array(Self.twelveSources.filter { [4, 8, 12].contains(SourceCaption.wave(in: $0.citation) ?? 0) }))
                == "Source: Central Asia Barometer, waves 4, 8, 12; doi:\(Self.doi)")
        #expect(SourceCaption.line([]) == "Source: not given")
        let probe = SVGProbe(try Self.kzChart().1)
        let captionLines = probe.all("text").filter { ($0.text ?? "").contains("doi:") || ($0.text ?? "").hasPrefix("Source:") }
        #expect(captionLines.count == 1)
    }

    /// Why: "the title is a machine label" — a title in words, a subtitle with measure and base.
    @Test func titleInWords() throws {
        let (data, svg) = try Self.kzChart()
        #expect(data.headline == "Kazakhstan: favorable views of China, Russia and the US")
        // n per wave as in kzSeries (1500, 2000, 1500 for 2018, 2020, 2022), never a range like "1,500–2,000" (issue 12).
        #expect(data.subtitle == "Share answering favorable (item: favorability) · base: n = 1,500 (2018), 2,000 (2020), 1,500 (2022)")
        var first = try Self.kzSeries()
        var changed = first[0].observations
        changed[0].n = 1511  // two series disagree at 2018: no single n per wave to print
        first[0] = try Series(key: first[0].key, observations: changed)
        let other = first
        // A standalone SVG has no table to refer to: the disagreeing wave lists both ns.
        #expect(ChartWords.base(other) == "n = 1,500 or 1,511 (2018), 2,000 (2020), 1,500 (2022)")
        #expect(svg.contains(">Kazakhstan: favorable views of China, Russia and the US</text>"))
        #expect(data.title == "cab · KZ · favorability · favorable")  // the terminal chart keeps its label
        let keys = try Self.kzSeries().map(\.key).prefix(1).map { k -> SeriesKey in var k = k; k.country = "KG"; return k }
            + (try Self.kzSeries().map(\.key).prefix(1))
        #expect(ChartWords.headline(keys) == "Favorable views of China in Kyrgyzstan and Kazakhstan")
    }

    /// Why: "there is no y-axis title".
    @Test func yAxisTitle() throws {
        let probe = SVGProbe(try Self.kzChart().1)
        let title = probe.texts("Favorable (% of respondents)")
        #expect(title.count == 1)
        #expect(title.first?.attributes["transform"]?.hasPrefix("rotate(-90") == true)
    }

    /// Why: "the 2018 points sit on the y axis". Expected marker positions come from the printed
    /// axis: the tick labels' baselines (label y = tick y + 4) and the year labels' centres.
    @Test func pointsClearOfAxesAtTheirValues() throws {
        let (data, svg) = try Self.kzChart()
        let probe = SVGProbe(svg)
        func tickY(_ label: String) -> Double { (probe.texts(label).first?.number("y") ?? .nan) - 4 }
        func yearX(_ label: String) -> Double { probe.texts(label).first?.number("x") ?? .nan }
        let (y40, y80) = (tickY("40%"), tickY("80%"))
        let (x2019, x2022) = (yearX("2019"), yearX("2022"))
        #expect(y40.isFinite && y80.isFinite && x2019.isFinite && x2022.isFinite)
        let axisLeft = probe.all("line").first { $0.number("x1") == $0.number("x2") && $0.attributes["stroke"] == "#555" && $0.attributes["class"] == nil }
        let axisBottom = probe.all("line").first { $0.number("y1") == $0.number("y2") && $0.attributes["stroke"] == "#555" }
        let left = try #require(axisLeft).number("x1"), bottom = try #require(axisBottom).number("y1")
        // China (circles): 56% at 2018-11-27, 40% at 2020-11-05, 51% at 2022-11-29.
        let circles = probe.all("circle").filter { $0.number("cx") > left + 1 && $0.number("cy") < bottom }
            .sorted { $0.number("cx") < $1.number("cx") }
        let china = data.series[0].points
        #expect(circles.count == 3)
        for (c, p) in zip(circles, china) {
            let cy = y40 + (p.y - 0.40) / 0.40 * (y80 - y40)
            let cx = x2019 + (p.x - 2019) / 3 * (x2022 - x2019)
            #expect(abs(c.number("cy") - cy) < 0.02, "cy \(c.number("cy")) vs \(cy)")
            #expect(abs(c.number("cx") - cx) < 0.02, "cx \(c.number("cx")) vs \(cx)")
            #expect(c.number("cx") - left >= 3.5 + 8, "marker touches the y axis")
            #expect(bottom - c.number("cy") >= 3.5 + 8, "marker touches the x axis")
        }
    }

    /// Why: "the mode break is an unlabelled dotted line drawn twice on multi-country charts".
    @Test func breakDrawnOnceAndLabelled() throws {
        let (_, svg) = try Self.kzChart()
        let probe = SVGProbe(svg)
        #expect(probe.withClass("break").count == 1)  // three series share one break
        #expect(probe.withClass("break-label").map(\.text) == ["face-to-face → telephone"])
        #expect(probe.all("text").filter { ($0.text ?? "").contains("Face-to-face → telephone at 2020-11") }.count == 1)
    }

    /// Why: "the legend swatch for the band is grey while the bands are coloured".
    @Test func swatchesMatchBands() throws {
        let probe = SVGProbe(try Self.kzChart().1)
        let bandColours = Set(probe.withClass("band").compactMap { $0.attributes["fill"] })
        let swatchColours = Set(probe.withClass("swatch").compactMap { $0.attributes["fill"] })
        #expect(bandColours == ["#0072B2", "#D55E00", "#009E73"])  // Okabe–Ito blue, vermillion, bluish green
        #expect(swatchColours == bandColours)
        #expect(!probe.all("rect").contains { $0.attributes["fill"] == "#777" })
    }

    /// Why: "two trend overlays get identical legend entries".
    @Test func trendOverlaysHaveDistinctLegendEntries() throws {
        var data = ChartSamples.twoSeries
        for i in data.series.indices {
            let pts = data.series[i].points
            data.series[i].trend = ChartTrend(label: "linear", points: [pts[0], pts[pts.count - 1]])
        }
        let probe = SVGProbe(try SVGChart(data: data, band: true).render())
        #expect(probe.texts("KZ · Russia: linear, dotted band").count == 1)
        #expect(probe.texts("KZ · China: linear, dotted band").count == 1)
    }

    /// Okabe & Ito (2008) "Color Universal Design" palette; distinct marker shapes for greyscale.
    @Test func paletteAndMarkers() {
        let okabeIto: Set = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"]
        #expect(Set(SeriesColor.hex).isSubset(of: okabeIto))
        var w = SVGWriter()
        for k in 0..<4 { w.marker(k, x: 10, y: 10, color: "#000") }
        // circle, square, triangle (3 points), diamond (4 points)
        #expect(w.body[0].hasPrefix("<circle") && w.body[1].hasPrefix("<rect"))
        #expect(w.body[2].components(separatedBy: ",").count - 1 == 3 && w.body[3].components(separatedBy: ",").count - 1 == 4)
    }

    @Test func fontStackAndSizes() throws {
        let svg = try Self.kzChart().1
        #expect(svg.contains("Helvetica") && svg.contains("Arial") && svg.contains("DejaVu Sans") && svg.contains("sans-serif\">"))
        #expect(ChartSize(parsing: "column") == ChartSize(width: 640, height: 420))
        #expect(ChartSize(parsing: "slide") == ChartSize(width: 1280, height: 720))
        #expect(ChartSize(parsing: "960x540") == ChartSize(width: 960, height: 540))
        #expect(ChartSize(parsing: "960") == nil && ChartSize(parsing: "axb") == nil)
        let slide = try SVGChart(data: Self.kzChart().0, size: .slide, band: true).render()
        #expect(slide.contains("width=\"1280\""))
    }

    /// Direct labels sit right of the plot at their line's last value, at least 14 px apart.
    @Test func directLabels() throws {
        let probe = SVGProbe(try Self.kzChart().1)
        let labels = probe.withClass("direct-label")
        #expect(labels.compactMap(\.text).sorted() == ["China", "Russia", "United States"])
        let ys = labels.map { $0.number("y") }.sorted()
        #expect(zip(ys, ys.dropFirst()).allSatisfy { $1 - $0 >= 14 - 1e-9 })
    }

    /// Small multiples: one panel per country, shared y scale (the same gridline heights in
    /// panels side by side), one colour per target in every panel.
    @Test func facets() throws {
        var all: [Series] = []
        for country in ["KZ", "KG", "UZ", "TM"] {
            all += try Self.kzSeries().map { s in
                let moved = s.observations.map { o in var o = o; o.country = country; return o }
                return try Series(key: moved[0].key, observations: moved)
            }
        }
        let data = ChartData(series: all, sources: Self.twelveSources, facet: .country)
        #expect(data.series.map(\.name).prefix(3) == ["China", "Russia", "United States"])
        let probe = SVGProbe(try SVGChart(data: data, band: true).render())
        for name in ["Kazakhstan", "Kyrgyzstan", "Uzbekistan", "Turkmenistan"] { #expect(probe.texts(name).count == 1) }
        // Gridlines grouped by panel column: both columns have the same heights (rows aligned),
        // and each column's two panels the same spacing (one y scale).
        let grid = probe.all("line").filter { $0.attributes["stroke"] == "#e3e3e3" }
        let columns = Dictionary(grouping: grid, by: { $0.number("x1") }).values.map { Set($0.map { $0.number("y1") }) }
        #expect(columns.count == 2 && Set(columns).count == 1)
        let ys = (columns.first ?? []).sorted()
        let half = ys.count / 2
        #expect(half > 1 && zip(ys.prefix(half), ys.suffix(half)).map { $1 - $0 }.allSatisfy { abs($0 - (ys[half] - ys[0])) < 0.02 })
        // Russia keeps vermillion in every panel: one band polygon per panel (2020-2022; the lone
        // 2018 wave before the break is an error bar).
        #expect(probe.withClass("band").filter { $0.attributes["fill"] == "#D55E00" }.count == 4)
        #expect(probe.withClass("direct-label").isEmpty)  // the legend names the lines in small multiples
    }

    /// `--facet target`: one panel per target, lines named by country.
    @Test func facetByTarget() throws {
        var all = try Self.kzSeries()
        all += try Self.kzSeries().map { s in
            let moved = s.observations.map { o in var o = o; o.country = "KG"; return o }
            return try Series(key: moved[0].key, observations: moved)
        }
        let data = ChartData(series: all, sources: Self.twelveSources, facet: .target)
        #expect(Set(data.series.compactMap(\.facet)) == ["China", "Russia", "United States"])
        #expect(Set(data.series.map(\.name)) == ["KZ", "KG"])
        let probe = SVGProbe(try SVGChart(data: data, band: true).render())
        for name in ["China", "Russia", "United States"] { #expect(probe.texts(name).count == 1) }
    }
}
