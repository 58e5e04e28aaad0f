import Foundation
import Testing
import Survey

/// Independent checks of chart geometry: the cell (terminal) or pixel (SVG) of every marker and
/// tick is computed here from the data and the axis range, not read from a snapshot.
///
/// Terminal charts (documented in `CanvasGeometry`): the data window x0…x1 maps linearly to pixel
/// columns 0…P−1 and the y axis range (first…last tick) to pixel rows P−1…0; a pixel belongs to
/// cell ⌊round(pixel) / pixels-per-cell⌋; braille cells are 2 × 4 pixels, ASCII 3 × 3.
@Suite struct ChartGeometryTests {
    /// Decimal year of an ISO date, computed with Foundation's calendar (day of year − 1) / days
    /// in the year — the convention of `WaveDate.decimalYear`, derived independently here.
    static func year(_ iso: String) throws -> Double {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let f = iso.split(separator: "-").compactMap { Int($0) }
        let date = try #require(calendar.date(from: DateComponents(year: f[0], month: f[1], day: f[2])))
        let day = try #require(calendar.ordinality(of: .day, in: .year, for: date))
        let days = try #require(calendar.range(of: .day, in: .year, for: date)).count
        return Double(f[0]) + Double(day - 1) / Double(days)
    }

    /// The sample's waves (ChartSamples.russia / .china): dates and shares.
    static let dates = ["2017-10-15", "2018-05-15", "2018-11-15", "2019-06-01", "2019-11-15", "2020-11-15", "2021-05-15", "2022-05-15"]
    static let russia = [0.80, 0.78, 0.74, 0.72, 0.70, 0.62, 0.60, 0.50]
    static let china = [0.30, 0.33, 0.35, 0.40, 0.38, 0.45, 0.44, 0.48]

    struct Cell: Hashable, CustomStringConvertible {
        let row: Int, column: Int
        var description: String { "(\(row), \(column))" }
    }

    /// Whether a line is a plot row: a tick label (or blanks) of `labelWidth`, a space, then the
    /// axis — `plain` on unlabelled rows, `tick` on labelled ones (the x rule has `tick`-like
    /// corners in ASCII but no label).
    static func isPlotRow(_ line: [Character], labelWidth: Int, plain: Character, tick: Character) -> Bool {
        guard line.count > labelWidth + 1 else { return false }
        let label = line[..<labelWidth]
        guard label.allSatisfy({ $0 == " " || $0.isNumber || $0 == "%" }) else { return false }
        let labelled = label.contains { $0 != " " }
        return (line[labelWidth + 1] == plain && !labelled) || (line[labelWidth + 1] == tick && labelled)
    }

    /// 72 × 12 chart of the two sample series without bands, in both styles.
    ///
    /// y: shares 30–80%, at most (12 − 1)/3 = 3 intervals: steps of 10 pp would need 5
    /// (30…80), 20 pp needs 3 (20…80) → ticks 20, 40, 60, 80%; axis range 0.2…0.8. Labels are 3
    /// characters wide, so the canvas has 72 − 3 − 2 = 67 columns and 12 rows.
    /// x: the window is the data's, 2017-10-15 … 2022-05-15 (more than a year). 67 columns over
    /// 4.58 years is 14.6 columns per year, so half-year ticks (7.3 columns apart ≥ 4 + 1) fit:
    /// 1 January and 1 July of 2018 … 2022 inside the window → 9 ticks, labelled 2018, Jul, 2019, …
    @Test(arguments: ChartStyle.allCases)
    func markersAndTicksSitWhereTheDataSay(style: ChartStyle) throws {
        let text = try LineChart(data: ChartSamples.twoSeries, options: .init(width: 72, height: 12, style: style))
            .render(colored: false)
        let (px, py) = style == .braille ? (2, 4) : (3, 3)
        let columns = 67, rows = 12, labelWidth = 3
        let x0 = try Self.year(Self.dates[0]), x1 = try Self.year(Self.dates[7])
        let (y0, y1) = (0.2, 0.8)
        func column(_ x: Double) -> Int { Int(((x - x0) / (x1 - x0) * Double(columns * px - 1)).rounded()) / px }
        func row(_ y: Double) -> Int { Int(((y1 - y) / (y1 - y0) * Double(rows * py - 1)).rounded()) / py }

        let (plain, tick): (Character, Character) = style == .braille ? ("│", "┤") : ("|", "+")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
        let plotLines = lines.filter { Self.isPlotRow($0, labelWidth: labelWidth, plain: plain, tick: tick) }
        let grid = plotLines.map { Array($0.dropFirst(labelWidth + 2)) }
        #expect(grid.count == rows)
        // Markers: Russia's first (● / o), China's drawn on top (■ / x) where they share a cell.
        let glyphs: (Character, Character) = style == .braille ? ("●", "■") : ("o", "x")
        let chinaCells = Set(try zip(Self.dates, Self.china).map { Cell(row: row($0.1), column: column(try Self.year($0.0))) })
        let russiaCells = Set(try zip(Self.dates, Self.russia).map { Cell(row: row($0.1), column: column(try Self.year($0.0))) })
            .subtracting(chinaCells)
        func found(_ g: Character) -> Set<Cell> {
            var cells = Set<Cell>()
            for (r, line) in grid.enumerated() { for (c, ch) in line.enumerated() where ch == g { cells.insert(Cell(row: r, column: c)) } }
            return cells
        }
        #expect(found(glyphs.1) == chinaCells)
        #expect(found(glyphs.0) == russiaCells)
        #expect(chinaCells.count == 8 && russiaCells.count >= 7)

        // y ticks: the label of each tick value on the row that value maps to.
        for (value, label) in [(0.2, "20%"), (0.4, "40%"), (0.6, "60%"), (0.8, "80%")] {
            #expect(String(plotLines[row(value)].prefix(labelWidth + 2)) == label + " " + String(tick), "\(label)")
        }
        #expect(plotLines.filter { $0[labelWidth + 1] == tick }.count == 4)

        // x ticks: a tick mark on the rule under each 1 January / 1 July, its label centred below.
        var ticks: [(Double, String)] = []
        for year in 2018...2022 {
            ticks.append((Double(year), String(year)))
            if year < 2022 { ticks.append((try Self.year("\(year)-07-01"), "Jul")) }
        }
        let corner: Character = style == .braille ? "└" : "+"
        let rule = try #require(lines.first { $0.count > labelWidth + 1 && $0[..<(labelWidth + 1)].allSatisfy { $0 == " " } && $0[labelWidth + 1] == corner })
        let marks = Set(rule.dropFirst(labelWidth + 2).enumerated().filter { $0.element == (style == .braille ? "┬" : "+") }.map(\.offset))
        #expect(marks == Set(ticks.map { column($0.0) }))
        let labelRow = try #require(lines.firstIndex { $0 == rule }.map { Array(lines[$0 + 1].dropFirst(labelWidth + 2)) })
        for (x, label) in ticks {
            let start = column(x) - (label.count - 1) / 2
            #expect(start >= 0 && start + label.count <= labelRow.count && String(labelRow[start..<(start + label.count)]) == label,
                    "\(label) at column \(start)")
        }
    }

    /// Attributes of every `<tag …>` element of an SVG document, in order.
    static func elements(_ svg: String, _ tag: String) -> [[String: String]] {
        svg.components(separatedBy: "<" + tag + " ").dropFirst().map { chunk in
            let head = chunk.prefix { $0 != ">" }
            var attributes: [String: String] = [:]
            for m in head.matches(of: /([a-z0-9-]+)="([^"]*)"/) { attributes[String(m.1)] = String(m.2) }
            if let close = chunk.range(of: ">"), let end = chunk.range(of: "</" + tag + ">") {
                attributes["#text"] = String(chunk[close.upperBound..<end.lowerBound])
            }
            return attributes
        }
    }

    /// SVG: the axis the reader sees is the scale. Tick values come from their labels (percent;
    /// `2018` = 1 January, `Jul` = 1 July of the year before the next label), tick pixels from the
    /// gridlines and tick marks; the scale through the first and last tick must hold every other
    /// tick (a linear axis) and put every marker at its wave's date and share, to 0.03 px (the
    /// document prints 2 decimals). The frame is the y axis line (x = left, top…bottom) and the
    /// x axis line (y = bottom); markers are the circles (series 1) and squares (series 2)
    /// inside it. Independent of layout constants, so a restyle that moves the plot keeps it.
    @Test(arguments: [false, true])
    func svgMarkersAndTicksFollowTheAxes(band: Bool) throws {
        let svg = try SVGChart(data: ChartSamples.twoSeries, band: band).render()
        func n(_ a: [String: String], _ k: String) -> Double { Double(a[k] ?? "") ?? .nan }
        let lines = Self.elements(svg, "line").map { (x1: n($0, "x1"), y1: n($0, "y1"), x2: n($0, "x2"), y2: n($0, "y2")) }
        // y axis: the leftmost vertical line longer than 50 px.
        let yAxis = try #require(lines.filter { $0.x1 == $0.x2 && $0.y2 - $0.y1 > 50 }.min { $0.x1 < $1.x1 })
        let (left, top, bottom) = (yAxis.x1, yAxis.y1, yAxis.y2)
        let xAxis = try #require(lines.first { $0.y1 == bottom && $0.y2 == bottom && $0.x1 == left && $0.x2 > left + 50 })
        let right = xAxis.x2

        // y ticks: gridlines across the frame (other than the x axis), labels "NN%" right-aligned.
        // (The x axis line may double as the lowest gridline, or lie below it when the axis is padded.)
        let texts = Self.elements(svg, "text")
        let yLabels = texts.filter { $0["text-anchor"] == "end" && ($0["#text"] ?? "").hasSuffix("%") }
            .compactMap { Double($0["#text"]?.dropLast() ?? "") }.map { $0 / 100 }
        var grid = Array(Set(lines.filter { $0.y1 == $0.y2 && $0.x1 == left && $0.x2 == right }.map(\.y1))).sorted(by: >)
        if grid.count == yLabels.count + 1, grid.first == bottom { grid.removeFirst() }
        #expect(yLabels.count == grid.count && yLabels.count >= 3)
        let yValues = yLabels.sorted()
        #expect(yValues.first ?? 1 <= (band ? 0.27 : 0.30) && yValues.last ?? 0 >= (band ? 0.83 : 0.80), "axis covers the data")
        let steps = zip(yValues, yValues.dropFirst()).map { $1 - $0 }
        #expect(steps.allSatisfy { abs($0 - steps[0]) < 1e-12 }, "equal tick steps")
        func sy(_ v: Double) -> Double {
            grid[0] + (v - yValues[0]) / (yValues[yValues.count - 1] - yValues[0]) * (grid[grid.count - 1] - grid[0])
        }
        for (v, g) in zip(yValues, grid) { #expect(abs(sy(v) - g) < 0.03, "y tick \(v) at \(g)") }

        // x ticks: marks below the x axis, labels centred on them.
        let marks = lines.filter { $0.x1 == $0.x2 && $0.y1 == bottom && $0.y2 > bottom && $0.y2 <= bottom + 8 }.map(\.x1).sorted()
        let xLabels = texts.filter { $0["text-anchor"] == "middle" && n($0, "y") > bottom && n($0, "y") < bottom + 30 }
            .sorted { n($0, "x") < n($1, "x") }
        #expect(xLabels.count == marks.count && marks.count >= 3)
        var xValues: [Double] = []
        var lastYear = 0
        for label in xLabels {
            let words = (label["#text"] ?? "").split(separator: " ")
            if let y = Int(words.last ?? ""), words.count == 1 { lastYear = y; xValues.append(Double(y)) }
            else if words.first == "Jul" {
                if words.count == 2, let y = Int(words[1]) { lastYear = y }
                xValues.append(try Self.year("\(lastYear)-07-01"))
            } else { Issue.record("unexpected x label \(label)") }
        }
        for (label, mark) in zip(xLabels, marks) { #expect(abs(n(label, "x") - mark) < 0.01, "label centred on its tick") }
        func sx(_ x: Double) -> Double {
            marks[0] + (x - xValues[0]) / (xValues[xValues.count - 1] - xValues[0]) * (marks[marks.count - 1] - marks[0])
        }
        for (v, m) in zip(xValues, marks) { #expect(abs(sx(v) - m) < 0.03, "x tick \(v) at \(m)") }

        // Markers inside the frame: circles (Russia), squares (China), one per wave.
        let inside: (Double, Double) -> Bool = { x, y in x >= left && x <= right && y >= top && y <= bottom }
        let circles = Self.elements(svg, "circle").map { (n($0, "cx"), n($0, "cy")) }.filter(inside)
        let squares = Self.elements(svg, "rect").filter { $0["width"] == $0["height"] && $0["width"] != nil }
            .map { (n($0, "x") + n($0, "width") / 2, n($0, "y") + n($0, "height") / 2) }.filter(inside)
        for (name, found, values) in [("Russia", circles, Self.russia), ("China", squares, Self.china)] {
            #expect(found.count == 8, "\(name): \(found.count) markers")
            for (date, share) in zip(Self.dates, values) {
                let want = (sx(try Self.year(date)), sy(share))
                #expect(found.contains { abs($0.0 - want.0) < 0.03 && abs($0.1 - want.1) < 0.03 },
                        "\(name) \(date) \(share) expected at \(want)")
            }
        }
    }
}
