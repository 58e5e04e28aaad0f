import Foundation
import Testing

/// docs/rendering.md: `scripts/check-svg` exits 77 "when chromium is absent". Run with a PATH that
/// holds no chromium (an empty directory), so it needs no browser and runs everywhere.
@Suite struct CheckSVGScriptTests {
    @Test func exitsSeventySevenWithoutChromium() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("barometer-nopath-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let svg = empty.appendingPathComponent("x.svg")
        try Data("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>".utf8).write(to: svg)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [GeneratedBlock.url("scripts/check-svg").path, svg.path]
        process.environment = ["PATH": empty.path, "HOME": empty.path]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 77, "\(message)")
        #expect(message.contains("chromium not installed; skipped"))
        #expect(!FileManager.default.fileExists(atPath: empty.appendingPathComponent("x.png").path))
    }
}
