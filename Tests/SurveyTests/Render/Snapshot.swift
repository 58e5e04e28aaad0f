import Foundation
import Testing

/// Compares rendered text with a committed file under `Tests/Fixtures/snapshots/`.
///
/// The expected files were first written by the renderer with `BAROMETER_RECORD_SNAPSHOTS=1`
/// and then reviewed line by line by eye (and the numbers by hand, as each test's comment
/// says) before being committed; the tests themselves also assert hand-computed facts (cell
/// counts, tick positions, values) independently of the snapshot. When the variable is set a
/// missing or different file is rewritten and the test fails so recording can't pass silently.
enum Snapshot {
    static var directory: URL {
        URL(fileURLWithPath: #filePath)  // …/Tests/SurveyTests/Render/Snapshot.swift
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/snapshots")
    }

    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name)
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if ProcessInfo.processInfo.environment["BAROMETER_RECORD_SNAPSHOTS"] == "1", expected != actual {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded snapshot \(name); review it and re-run", sourceLocation: sourceLocation)
            return
        }
        guard let expected else {
            Issue.record("missing snapshot \(name)", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "snapshot \(name) differs:\n\(actual)", sourceLocation: sourceLocation)
    }

    /// True when every byte is 7-bit ASCII.
    static func isASCII(_ s: String) -> Bool { s.utf8.allSatisfy { $0 < 0x80 } }
}
