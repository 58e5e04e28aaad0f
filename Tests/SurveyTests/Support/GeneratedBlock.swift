import Foundation
import Testing

/// A block of a committed document between `<!-- NAME:begin -->` and `<!-- NAME:end -->` that a
/// test produces from what it measured. `BAROMETER_WRITE_DOCS=1` rewrites the block (atomically);
/// otherwise the test fails when the committed block differs, so no doc table is typed by hand.
enum GeneratedBlock {
    /// Whether this run rewrites generated blocks instead of checking them.
    static var writing: Bool { ProcessInfo.processInfo.environment["BAROMETER_WRITE_DOCS"] == "1" }

    /// `path` relative to the package root.
    static func url(_ path: String) -> URL { SharedData.packageRoot.appendingPathComponent(path) }

    static func markers(_ name: String) -> (String, String) { ("<!-- \(name):begin -->\n", "<!-- \(name):end -->") }

    /// The committed block's text, or nil when the file or its markers are missing.
    static func committed(_ path: String, _ name: String) -> String? {
        guard let text = try? String(contentsOf: url(path), encoding: .utf8) else { return nil }
        let (begin, end) = markers(name)
        guard let b = text.range(of: begin), let e = text.range(of: end, range: b.upperBound..<text.endIndex) else { return nil }
        return String(text[b.upperBound..<e.lowerBound])
    }

    /// Replaces the block's text (the markers must exist), writing through a temporary file + rename.
    static func write(_ block: String, _ path: String, _ name: String) throws {
        let u = url(path)
        var text = try String(contentsOf: u, encoding: .utf8)
        let (begin, end) = markers(name)
        guard let b = text.range(of: begin), let e = text.range(of: end, range: b.upperBound..<text.endIndex) else {
            throw GeneratedBlockError("\(path): no \(begin.dropLast()) … \(end) markers")
        }
        text.replaceSubrange(b.upperBound..<e.lowerBound, with: block)
        let tmp = u.deletingLastPathComponent().appendingPathComponent(".\(u.lastPathComponent).\(name).tmp")
        try text.write(to: tmp, atomically: false, encoding: .utf8)
        guard rename(tmp.path, u.path) == 0 else { throw GeneratedBlockError("cannot rename \(tmp.path)") }
    }

    /// Writes (under `BAROMETER_WRITE_DOCS=1`) or checks that the committed block equals `block`.
    static func verify(_ block: String, _ path: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if writing { return try write(block, path, name) }
        let old = committed(path, name)
        #expect(old == block, """
            \(path) block \(name) is stale (regenerate: BAROMETER_WRITE_DOCS=1 swift test --filter …)
            committed:
            \(old ?? "(missing)")
            measured:
            \(block)
            """, sourceLocation: sourceLocation)
    }
}

struct GeneratedBlockError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
