import Foundation
import Testing
@testable import barometer

/// The SVG keeps the size asked for (`--size`, default 800x450): Kazakhstan's China lines from
/// cab and gallup, whose three-line subtitle and notes made the document 800×462 before, now fit
/// 800×450 (the plot may shrink to 40 % of the height). Where even that does not leave room, the
/// document grows and the command says so instead of hiding it.
@Suite struct ChartSVGSizeTests {
    static func svgHeight(_ path: String) throws -> Int? {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let range = text.range(of: #"height="[0-9]+""#, options: .regularExpression) else { return nil }
        return Int(text[range].dropFirst(8).dropLast())
    }

    @Test func defaultSizeIsKept() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("size-\(UUID().uuidString).svg").path
        let r = Barometer.execute(["chart", "--dataset", "cab,gallup", "--country", "KZ", "--target", "China", "--svg", path])
        #expect(r.exitCode == 0, "\(r.errors)")
        #expect(try Self.svgHeight(path) == 450)
        #expect(r.output.contains("SVG written to \(path)\n"))
    }

    @Test func aTallerDocumentIsSaid() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("size-\(UUID().uuidString).svg").path
        let r = Barometer.execute(["chart", "--dataset", "cab,gallup", "--country", "KZ", "--target", "China,Russia,US",
                                   "--svg", path, "--size", "400x300"])
        #expect(r.exitCode == 0, "\(r.errors)")
        let height = try #require(try Self.svgHeight(path))
        #expect(height > 300)
        #expect(r.output.contains("SVG written to \(path) (400x\(height): its notes need more room than 400x300 leaves the plot)"))
    }
}
