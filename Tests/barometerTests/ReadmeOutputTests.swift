import Foundation
import Testing
@testable import barometer

/// README "What it prints": every line of the shown `barometer overview` excerpt (Kazakhstan
/// block) is in the real output — table rows verbatim, notes and source after unwrapping the
/// output's continuation lines (a trailing `…` in README marks a shortened line). The `│ ...` row
/// stands for the rows left out.
@Suite struct ReadmeOutputTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func overviewExcerptIsTheRealOutput() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("$ barometer overview") })
        let excerpt = lines[(start + 1)...].prefix { $0 != "```" }.filter { !$0.contains("│ ...") && !$0.isEmpty }
        #expect(excerpt.count >= 10)
        let run = Barometer.execute(["overview"])
        #expect(run.exitCode == 0)
        // The output's lines, with wrapped continuations ("  …") joined to the line they continue.
        var unwrapped: [String] = []
        for line in run.output.split(separator: "\n").map(String.init) {
            if line.hasPrefix("  "), let last = unwrapped.last {
                unwrapped[unwrapped.count - 1] = last + " " + line.trimmingCharacters(in: .whitespaces)
            } else {
                unwrapped.append(line)
            }
        }
        let block = Array(unwrapped.drop { $0 != "Kazakhstan (KZ)" })
        for line in excerpt {
            let shown = line.hasSuffix("…") ? String(line.dropLast()) : line
            let found = block.contains { line.hasSuffix("…") ? $0.hasPrefix(shown) : $0 == shown }
            #expect(found, "README line not in `barometer overview`: \(line)")
        }
    }
}
