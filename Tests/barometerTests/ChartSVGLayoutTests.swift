import Foundation
import Testing
@testable import barometer

/// docs/rendering.md's SVG layout constants, read back from what `chart --svg` writes: the sizes
/// of `--size` (and the default), and the data inset from both axes.
@Suite struct ChartSVGLayoutTests {
    static func svg(_ extra: [String]) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("barometer-layout-\(UUID().uuidString).svg")
        defer { try? FileManager.default.removeItem(at: file) }
        let r = Barometer.execute(["chart", "--dataset", "cab", "--country", "KZ", "--target", "China,Russia", "--band",
                                   "--svg", file.path] + extra)
        #expect(r.exitCode == 0, "\(r.errors)")
        return try String(contentsOf: file, encoding: .utf8)
    }

    static func attribute(_ svg: String, _ name: String) -> Double? {
        guard let tag = svg.range(of: "<svg "), let end = svg.range(of: ">", range: tag.upperBound..<svg.endIndex) else { return nil }
        let head = svg[tag.upperBound..<end.lowerBound]
        return head.firstMatch(of: try! Regex(" \(name)=\"([0-9.]+)\"")).flatMap { Double($0.output[1].substring ?? "") }
    }

    /// "`--size column` 640×420, `slide` 1280×720, `WxH`; default 800×450".
    @Test func sizesAreTheStatedPixels() throws {
        for (extra, w, h) in [([String](), 800.0, 450.0), (["--size", "column"], 640, 420), (["--size", "slide"], 1280, 720),
                              (["--size", "960x540"], 960, 540)] {
            let svg = try Self.svg(extra)
            #expect(Self.attribute(svg, "width") == w && Self.attribute(svg, "height") == h, "\(extra)")
        }
    }

    /// "Layout: data inset from both axes (≥ 18 px from the y axis, 12 px above the x axis)":
    /// every marker centre is at least 18 px right of the y axis line; the lowest y tick (its
    /// gridline and label, 4 px below) lies 12 px above the x axis line, so no share is nearer.
    @Test func dataInsetFromTheAxes() throws {
        for extra in [[String](), ["--size", "column"], ["--size", "slide"]] {
            let svg = try Self.svg(extra)
            func attrs(_ tag: String) -> [[String: Double]] {
                svg.matches(of: try! Regex("<\(tag) ([^>]*)/?>")).map { m in
                    var d: [String: Double] = [:]
                    for a in String(m.output[1].substring ?? "").matches(of: /([a-z0-9-]+)="([^"]*)"/) {
                        if let v = Double(a.output.2) { d[String(a.output.1)] = v }
                    }
                    return d
                }
            }
            let axisLines = svg.matches(of: /<line [^>]*stroke="#555" stroke-width="1"\/>/).map { String($0.output) }
            func n(_ s: String, _ k: String) -> Double {
                s.firstMatch(of: try! Regex(" \(k)=\"([-0-9.]+)\"")).flatMap { Double($0.output[1].substring ?? "") } ?? .nan
            }
            let yAxis = try #require(axisLines.first { n($0, "x1") == n($0, "x2") && n($0, "y2") - n($0, "y1") > 50 })
            let (left, bottom) = (n(yAxis, "x1"), n(yAxis, "y2"))
            let circles = attrs("circle").compactMap { a in a["cx"].flatMap { x in a["cy"].map { (x, $0) } } }
            let squares = attrs("rect").filter { $0["width"] == 7 && $0["height"] == 7 }.compactMap { a in
                a["x"].flatMap { x in a["y"].map { (x + 3.5, $0 + 3.5) } } }
            let markers = (circles + squares).filter { $0.0 > left && $0.1 < bottom }
            #expect(markers.count == 8, "\(extra): KZ has 4 waves × 2 targets")
            #expect(markers.allSatisfy { $0.0 - left >= 18 - 0.005 }, "\(extra): \(markers.map { $0.0 - left })")
            #expect(markers.allSatisfy { bottom - $0.1 >= 12 - 0.005 }, "\(extra)")
            let grid = svg.matches(of: /<line [^>]*stroke="#e3e3e3"[^>]*\/>/).map { n(String($0.output), "y1") }
            let lowest = try #require(grid.max())
            #expect(abs(bottom - lowest - 12) < 0.005, "\(extra): lowest tick \(bottom - lowest) px above the axis")
        }
    }
}
