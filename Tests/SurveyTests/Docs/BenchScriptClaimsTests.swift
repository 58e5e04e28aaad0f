import Foundation
import Testing

/// docs/benchmarks.md's description of the harness against the scripts it describes (the timings
/// themselves are the generated run block, `BenchmarkDocTests`).
@Suite struct BenchScriptClaimsTests {
    static func read(_ path: String) throws -> String {
        try String(contentsOf: GeneratedBlock.url(path), encoding: .utf8)
    }

    /// "Medians of `--reps` runs (default 3"; "`--quick` uses 20,000 rows" (the design workloads;
    /// 1,000,000 otherwise).
    @Test func repsAndQuickRows() throws {
        #expect(try Self.read("scripts/bench").contains(#"p.add_argument("--reps", type=int, default=3)"#))
        let design = try Self.read("scripts/bench.d/10-design")
        #expect(design.contains("rows = 20_000 if quick else 1_000_000"))
    }

    /// "Peak memory is given as a multiple of the weights (10⁶ × 100 × 8 bytes = 763 MiB, printed
    /// "763 MB")": the bench divides by rows × 100 × 8 / 2²⁰, and 8·10⁸ / 1,048,576 = 762.9.
    @Test func replicateWeightsAre763MiB() throws {
        let design = try Self.read("scripts/bench.d/10-design")
        #expect(design.contains("matrix_mb = rows * 100 * 8 / 2**20"))
        #expect((Double(1_000_000 * 100 * 8) / 1_048_576).rounded() == 763)
        #expect(try Self.read("docs/benchmarks.md").contains("(10⁶ × 100 × 8 bytes = 763 MiB"))
    }

    /// "R `rake(..., control = list(maxit = 100, epsilon = 1e-10))`".
    @Test func peerRakeControl() throws {
        #expect(try Self.read("scripts/bench-lib/peer_survey.R").contains("control = list(maxit = 100, epsilon = 1e-10)"))
    }
}
