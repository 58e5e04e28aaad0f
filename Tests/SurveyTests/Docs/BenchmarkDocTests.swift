import Foundation
import Testing

/// README's "Speed" figures are the latest full `scripts/bench` run: README carries a copy of the
/// run block of docs/benchmarks.md (written by the bench; copied by `scripts/readme-speed`), the
/// block states date, load average, threads and peer versions, and each ratio is the row's own
/// peer time / barometer time.
@Suite struct BenchmarkDocTests {
    static let block = "bench-run"

    @Test func readmeCopiesTheLatestRun() throws {
        let docs = try #require(GeneratedBlock.committed("docs/benchmarks.md", Self.block), "docs/benchmarks.md run block")
        let readme = try #require(GeneratedBlock.committed("README.md", Self.block), "README.md speed block")
        #expect(readme == docs, "README.md's speed block differs from docs/benchmarks.md: run scripts/readme-speed")
    }

    @Test func runStatesItsConditions() throws {
        let docs = try #require(GeneratedBlock.committed("docs/benchmarks.md", Self.block))
        let first = String(docs.prefix { $0 != "\n" })
        #expect(first.range(of: #"^Run of \d{4}-\d{2}-\d{2} \d{2}:\d{2}–\d{2}:\d{2} UTC"#, options: .regularExpression) != nil, "\(first)")
        for needle in ["load average", "OPENBLAS_NUM_THREADS=1", "R 4.", "survey ", "statsmodels ", "medians of"] {
            #expect(first.contains(needle), "run line lacks \(needle)")
        }
    }

    /// Every ratio is peer s / barometer s of its own row, within the rounding of the printed times
    /// (3 decimals) and of the ratio (1 decimal).
    @Test func ratiosFollowFromTheTimes() throws {
        let docs = try #require(GeneratedBlock.committed("docs/benchmarks.md", Self.block))
        let rows = docs.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| workload") }
        #expect(rows.count >= 5)
        for row in rows {
            let f = row.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard f.count >= 9, let ours = Double(f[2]), let peer = Double(f[4]) else {
                #expect(f.count >= 9 && f[5] == "–", "a row without both times has no ratio: \(row)")
                continue
            }
            let ratio = Double(f[5].replacingOccurrences(of: "×", with: "")) ?? .nan
            let low = (peer - 0.0005) / (ours + 0.0005) - 0.05, high = (peer + 0.0005) / (ours - 0.0005) + 0.05
            #expect(f[5].hasSuffix("×") && ratio >= low && ratio <= high, "\(f[1]): ratio \(f[5]) vs \(peer)/\(ours)")
        }
    }

    /// README's build time ("about N minutes from clean") is the latest full run's clean release
    /// build, rounded to whole minutes; without a clean build in that run README states none.
    @Test func buildTimeIsTheLatestRuns() throws {
        let docs = try #require(GeneratedBlock.committed("docs/benchmarks.md", Self.block))
        let readme = try String(contentsOf: GeneratedBlock.url("README.md"), encoding: .utf8)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let claim = readme.firstMatch(of: /about (\d+) minutes? from clean/).map { Int($0.1) ?? -1 }
        let build = docs.firstMatch(of: /Release build of barometer before the run: (\d+) s \(from clean\)/)
            .map { Double($0.1) ?? .nan }
        if let claim {
            let seconds = try #require(build, "README states a build time but the latest run has no clean build")
            #expect(Int((seconds / 60).rounded()) == claim, "README: about \(claim) minutes; run: \(seconds) s")
        }
    }
}
