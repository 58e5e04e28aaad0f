import Foundation
import Testing
import Survey
@testable import SurveyRender
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The SVG chart. The committed snapshot (chart-two.svg) was rendered with headless Chromium
/// (scripts/check-svg) and the PNG inspected by eye: axes, gridlines, 20%-90% ticks, half-year
/// labels, both series with markers, the Russia line broken at the dashed 2020 rule, translucent
/// bands, legend, note and source. Element counts below are by hand from the sample data.
@Suite struct SVGChartTests {
    /// SVG coordinates: two decimals as C printf rounds them (the exact binary value, ties to
    /// even), trailing zeros and point dropped, no negative zero — checked against Foundation's
    /// `String(format:)` on ties, near-ties, negatives and a value too large for the integer path.
    @Test func coordinatesArePrintfTwoDecimalsTrimmed() {
        for x in [0.0, -0.0, 0.125, 0.375, 2.675, 1.005, -0.004, -0.005, 12.5, 99.999, 1234.5678, -17.25, 3e19, 1e300] {
            var expected = String(format: "%.2f", x)
            if expected == "-0.00" { expected = "0.00" }
            while expected.hasSuffix("0") { expected.removeLast() }
            if expected.hasSuffix(".") { expected.removeLast() }
            #expect(SVGWriter.num(x) == expected, "\(x)")
        }
        #expect(SVGWriter.num(0.125) == "0.12" && SVGWriter.num(-0.004) == "0" && SVGWriter.num(.nan) == "0")
    }

    static func svg(_ data: ChartData = ChartSamples.twoSeries, band: Bool = true) throws -> String {
        try SVGChart(data: data, band: band).render()
    }

    static func count(_ needle: String, in s: String) -> Int { s.components(separatedBy: needle).count - 1 }

    @Test func structure() throws {
        let s = try Self.svg()
        Snapshot.check(s, "chart-two.svg")
        #expect(s.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        // Lines: Russia is split by its 2020 break into 2 runs (5 + 3 waves), China is 1 run.
        #expect(Self.count("<polyline", in: s) == 3)
        // Bands: the same runs, one translucent polygon each (+ 2 series swatches, 2 band-key strips).
        #expect(Self.count("class=\"band\"", in: s) == 3)
        #expect(Self.count("fill-opacity=\"0.18\"", in: s) == 3 + 2 + 2)
        // Markers: Russia circles, China squares: 8 each plus one of each in the legend.
        #expect(Self.count("<circle", in: s) == 9)
        #expect(Self.count("<rect x=", in: s) == 1 + 9 + 2 + 2)  // background + squares + swatches + band key
        #expect(Self.count("class=\"break\"", in: s) == 1)  // the break rule
        #expect(s.contains(">Favorable views in Kazakhstan</text>"))
        #expect(s.contains(">Source: barometer test data</text>"))
        #expect(s.contains(">Note: Series break at 2020-06: lines are not joined across it.</text>"))
        #expect(s.contains(">Note: Synthetic figures for tests.</text>"))
    }

    /// The small size: 400 × 260, the same elements; the picture grows to fit the notes.
    @Test func smallSize() throws {
        let s = try SVGChart(data: ChartSamples.twoSeries, width: 400, height: 260, band: true).render()
        Snapshot.check(s, "chart-two-400x260.svg")
        #expect(s.contains("width=\"400\""))
        #expect(Self.count("<polyline", in: s) == 3)
    }

    /// Trend: dashed line (`7 4`) and a dotted-outline band (`1 3`), plus the data band.
    @Test func trend() throws {
        let s = try Self.svg(ChartSamples.withTrend)
        Snapshot.check(s, "chart-trend.svg")
        #expect(Self.count("stroke-dasharray=\"7 4\"", in: s) == 2)  // trend line + legend swatch
        #expect(Self.count("stroke-dasharray=\"1 3\"", in: s) == 1)
        #expect(s.contains(">KZ · China: linear trend, dotted band</text>"))
    }

    @Test func escapesAndDeterminism() throws {
        let data = ChartData(title: "A & B <c> \"d\"", series: [ChartSamples.china], sourceNote: "x's")
        let s = try Self.svg(data)
        #expect(s.contains("A &amp; B &lt;c&gt; &quot;d&quot;"))
        #expect(s.contains("x&#39;s"))
        #expect(try Self.svg() == Self.svg())
    }

    #if canImport(FoundationXML) || canImport(Darwin)
    @Test func wellFormedXML() throws {
        for data in [ChartSamples.twoSeries, ChartSamples.withTrend, ChartSamples.oneWave, ChartSamples.wideLabels] {
            let parser = XMLParser(data: Data(try Self.svg(data).utf8))
            #expect(parser.parse(), "SVG is not well-formed XML: \(String(describing: parser.parserError))")
        }
    }
    #endif

    @Test func sizesAndEmpty() {
        #expect(throws: ChartError.self) { try SVGChart(data: ChartSamples.twoSeries, width: 100, height: 100) }
        #expect(throws: ChartError.noData) { try SVGChart(data: ChartData(series: [])) }
    }

    /// Renders the SVG in headless Chromium through scripts/check-svg (PNG decodes, has the SVG's
    /// size, ≥ 1% inked, coloured pixels present). Skipped, with the reason printed, when the
    /// Debian `chromium` package is not installed (it is not part of CI).
    // Skipped (reported as such) when no Chromium binary is installed.
    @Test(.enabled(if: ["/usr/bin/chromium", "/usr/bin/chromium-browser"].contains(where: FileManager.default.isExecutableFile),
                   "skipped: chromium not installed (apt-get install -y chromium)"))
    func rendersInChromium() throws {
        let root = Snapshot.directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let script = root.appendingPathComponent("scripts/check-svg").path
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("barometer-svg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, data) in [("two", ChartSamples.twoSeries), ("trend", ChartSamples.withTrend)] {
            let svg = dir.appendingPathComponent("\(name).svg")
            try Self.svg(data).write(to: svg, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = [script, svg.path, dir.appendingPathComponent("\(name).png").path]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            process.waitUntilExit()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            print(output, terminator: "")
            #expect(process.terminationStatus == 0, "check-svg failed: \(output)")
        }
    }
}
