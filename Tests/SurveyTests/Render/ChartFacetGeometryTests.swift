import Foundation
import Testing
import Survey

/// Small multiples (`--facet country`), checked like `ChartGeometryTests`: in every panel the
/// position of every marker and tick is computed here from the data and the axis the reader
/// sees (tick labels and their gridlines/marks), not read from a snapshot. docs/rendering.md:
/// "panels share the x window and y ticks".
@Suite struct ChartFacetGeometryTests {
    /// SYNTHETIC favorable shares of one target in four countries (made-up figures), CAB's waves
    /// 4, 8 (mode break), 12; each with a ±0.03 interval.
    static let waves = [("2018-autumn", "2018-11-27"), ("2020-autumn", "2020-11-05"), ("2022-autumn", "2022-11-29")]
    static let shares: [(String, [Double])] = [("KZ", [0.83, 0.73, 0.47]), ("KG", [0.90, 0.85, 0.80]),
                                               ("UZ", [0.70, 0.60, 0.65]), ("TM", [0.95, 0.91, 0.88])]

    static func chart() throws -> (data: ChartData, svg: String) {
        let series = try shares.map { country, values in
            let obs = waves.enumerated().map { i, w in
                Observation(dataset: "cab", country: country, target: "Russia", item: "favorability", wave: w.0, date: w.1,
                            measure: "favorable", estimate: values[i], ciLower: values[i] - 0.03, ciUpper: values[i] + 0.03,
                            n: 1500, flags: i == 1 ? ["mode-break"] : [], sourceID: "s")
            }
            return try Series(key: obs[0].key, observations: obs)
        }
        let data = ChartData(series: series, sources: [SourceReference(id: "s", citation: "Synthetic test figures", url: nil)],
                             facet: .country)
        return (data, try SVGChart(data: data, band: true).render())
    }

    struct Panel {
        let left: Double, right: Double, top: Double, bottom: Double
        func contains(_ x: Double, _ y: Double) -> Bool { x > left && x <= right && y >= top && y < bottom }
    }

    /// Centre of every marker shape `SVGWriter.marker` draws (circle; square; triangle, whose
    /// apex is r + 0.5 = 4 px above the centre; diamond), r = 3.5.
    static func markers(_ probe: SVGProbe) -> [(x: Double, y: Double)] {
        var out: [(Double, Double)] = probe.all("circle").map { ($0.number("cx"), $0.number("cy")) }
        out += probe.all("rect").filter { $0.attributes["width"] == "7" && $0.attributes["height"] == "7" }
            .map { ($0.number("x") + 3.5, $0.number("y") + 3.5) }
        for p in probe.all("polygon") where p.attributes["class"] == nil && p.attributes["fill-opacity"] == nil {
            let pts = (p.attributes["points"] ?? "").split(separator: " ").map { $0.split(separator: ",").compactMap { Double($0) } }
            if pts.count == 3 { out.append((pts[0][0], pts[0][1] + 4)) }
            if pts.count == 4 { out.append((pts[0][0], pts[1][1])) }
        }
        return out
    }

    @Test func facetPanelsPutMarkersAndTicksWhereTheDataSay() throws {
        let (_, svg) = try Self.chart()
        let probe = SVGProbe(svg)
        let lines = probe.all("line")
        let axisColour = { (l: SVGProbe.Element) in l.attributes["stroke"] == "#555" && l.attributes["class"] == nil }
        // Frames: each y axis (vertical, > 50 px) with the x axis that starts at its foot.
        let panels: [Panel] = lines.filter { axisColour($0) && $0.number("x1") == $0.number("x2") && $0.number("y2") - $0.number("y1") > 50 }
            .compactMap { y in
                let (left, top, bottom) = (y.number("x1"), y.number("y1"), y.number("y2"))
                guard let x = lines.first(where: { axisColour($0) && $0.number("y1") == bottom && $0.number("y2") == bottom
                                                   && $0.number("x1") == left && $0.number("x2") > left + 50 }) else { return nil }
                return Panel(left: left, right: x.number("x2"), top: top, bottom: bottom)
            }
            .sorted { ($0.top, $0.left) < ($1.top, $1.left) }
        #expect(panels.count == 4, "\(panels.count) panels")
        guard panels.count == 4 else { return }
        let titles = ["Kazakhstan", "Kyrgyzstan", "Uzbekistan", "Turkmenistan"].flatMap { probe.texts($0) }
        let titleOf: (Panel) -> String? = { p in
            titles.filter { abs($0.number("x") - p.left) < 0.01 && $0.number("y") < p.top }
                .max { $0.number("y") < $1.number("y") }?.text
        }

        // y: labels ("NN%", right-aligned, 4 px below their tick) exist only left of the first
        // column; every panel's gridlines are at the same offsets from its bottom (shared ticks).
        let texts = probe.all("text")
        let grid = { (p: Panel) in
            lines.filter { $0.attributes["stroke"] == "#e3e3e3" && $0.number("x1") == p.left && $0.number("x2") == p.right
                           && $0.number("y1") >= p.top && $0.number("y1") <= p.bottom }
                .map { $0.number("y1") }.sorted(by: >)
        }
        let first = panels[0]
        let yLabels = texts.filter { $0.attributes["text-anchor"] == "end" && ($0.text ?? "").hasSuffix("%")
            && $0.number("y") > first.top && $0.number("y") < first.bottom + 5 }
        let yTicks = yLabels.map { (value: (Double($0.text?.dropLast() ?? "") ?? .nan) / 100, y: $0.number("y") - 4) }.sorted { $0.value < $1.value }
        #expect(yTicks.count >= 3 && yTicks.first?.value ?? 1 <= 0.44 && yTicks.last?.value ?? 0 >= 0.98, "axis covers the data ± 0.03")
        #expect(grid(first).count == yTicks.count)
        for (tick, g) in zip(yTicks, grid(first)) { #expect(abs(tick.y - g) < 0.01, "label \(tick.value) on its gridline") }
        let yOffsets = grid(first).map { first.bottom - $0 }
        for p in panels { #expect(zip(grid(p).map { p.bottom - $0 }, yOffsets).allSatisfy { abs($0 - $1) < 0.01 }, "y ticks shared") }
        func sy(_ v: Double, _ p: Panel) -> Double {
            let (a, b) = (yTicks[0], yTicks[yTicks.count - 1])
            let (ya, yb) = (p.bottom - (first.bottom - a.y), p.bottom - (first.bottom - b.y))
            return ya + (v - a.value) / (b.value - a.value) * (yb - ya)
        }
        for t in yTicks { #expect(abs(sy(t.value, first) - t.y) < 0.03, "linear y axis at \(t.value)") }

        // x: tick marks (5 px below each panel's axis) at the same offsets from each panel's left
        // edge (shared window); labels (centred, under the bottom row) give their dates.
        let marks = { (p: Panel) in
            lines.filter { $0.number("x1") == $0.number("x2") && $0.number("y1") == p.bottom && $0.number("y2") == p.bottom + 5
                           && $0.number("x1") >= p.left && $0.number("x1") <= p.right }.map { $0.number("x1") }.sorted()
        }
        let bottomLeft = try #require(panels.last { abs($0.left - first.left) < 0.01 })
        let xLabels = texts.filter { $0.attributes["text-anchor"] == "middle" && abs($0.number("y") - bottomLeft.bottom - 18) < 0.01
            && $0.number("x") >= bottomLeft.left && $0.number("x") <= bottomLeft.right }.sorted { $0.number("x") < $1.number("x") }
        var xTicks: [(value: Double, x: Double)] = []
        var year = 0
        for label in xLabels {
            let words = (label.text ?? "").split(separator: " ")
            if words.count == 1, let y = Int(words[0]) { year = y; xTicks.append((Double(y), label.number("x") - bottomLeft.left)) }
            else if words.first == "Jul" {
                if words.count == 2, let y = Int(words[1]) { year = y }
                xTicks.append((try ChartGeometryTests.year("\(year)-07-01"), label.number("x") - bottomLeft.left))
            } else { Issue.record("unexpected x label \(label.text ?? "")") }
        }
        #expect(xTicks.count >= 2)
        let xOffsets = marks(bottomLeft).map { $0 - bottomLeft.left }
        #expect(xOffsets.count == xTicks.count && zip(xOffsets, xTicks).allSatisfy { abs($0 - $1.x) < 0.01 }, "labels on their marks")
        for p in panels { #expect(zip(marks(p).map { $0 - p.left }, xOffsets).allSatisfy { abs($0 - $1) < 0.01 } && marks(p).count == xOffsets.count, "x window shared") }
        func sx(_ v: Double, _ p: Panel) -> Double {
            let (a, b) = (xTicks[0], xTicks[xTicks.count - 1])
            return p.left + a.x + (v - a.value) / (b.value - a.value) * (b.x - a.x)
        }
        for t in xTicks { #expect(abs(sx(t.value, first) - first.left - t.x) < 0.03, "linear x axis at \(t.value)") }

        // Markers: in each panel exactly its country's three waves, at (date, share) to 0.03 px.
        let all = Self.markers(probe)
        let names = ["KZ": "Kazakhstan", "KG": "Kyrgyzstan", "UZ": "Uzbekistan", "TM": "Turkmenistan"]
        for (country, values) in Self.shares {
            let panel = try #require(panels.first { titleOf($0) == names[country] }, "panel of \(country)")
            let inside = all.filter { panel.contains($0.x, $0.y) }
            #expect(inside.count == 3, "\(country): \(inside.count) markers")
            for ((_, date), share) in zip(Self.waves, values) {
                let want = (x: sx(try ChartGeometryTests.year(date), panel), y: sy(share, panel))
                #expect(inside.contains { abs($0.x - want.x) < 0.03 && abs($0.y - want.y) < 0.03 },
                        "\(country) \(date) \(share) expected at \(want)")
            }
        }
    }
}
