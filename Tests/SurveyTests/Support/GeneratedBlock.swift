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

    /// `verify` for a table of measured numbers whose last digits depend on the CPU (OpenBLAS
    /// picks its kernels by CPU, so a least-squares LRE can move by a few tenths of a digit): the
    /// committed block must have the same text outside its numeric cells and every numeric cell
    /// within `tolerance(header)` (absolute, relative) of this run's, where `header` is the cell's
    /// column heading in its table.
    static func verifyTable(_ block: String, _ path: String, _ name: String,
                            tolerance: (String) -> (absolute: Double, relative: Double),
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
        if writing { return try write(block, path, name) }
        let old = committed(path, name) ?? ""
        let committedLines = old.components(separatedBy: "\n"), measuredLines = block.components(separatedBy: "\n")
        #expect(committedLines.count == measuredLines.count, "\(path) block \(name): line count differs", sourceLocation: sourceLocation)
        var headers: [String] = []
        for (c, m) in zip(committedLines, measuredLines) {
            guard c.hasPrefix("|") else {
                headers = []
                #expect(c == m, "\(path) block \(name): '\(c)' vs measured '\(m)'", sourceLocation: sourceLocation)
                continue
            }
            let cc = c.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let mc = m.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if headers.isEmpty { headers = mc }
            #expect(cc.count == mc.count, "\(path) block \(name): '\(c)' vs measured '\(m)'", sourceLocation: sourceLocation)
            for (k, (a, b)) in zip(cc, mc).enumerated() {
                if let x = Double(a), let y = Double(b) {
                    let t = tolerance(k < headers.count ? headers[k] : "")
                    #expect(abs(x - y) <= t.absolute + t.relative * abs(y),
                            "\(path) block \(name): committed \(a), measured \(b) in '\(m)'", sourceLocation: sourceLocation)
                } else {
                    #expect(a == b, "\(path) block \(name): '\(a)' vs measured '\(b)' in '\(m)'", sourceLocation: sourceLocation)
                }
            }
        }
    }
}

struct GeneratedBlockError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
