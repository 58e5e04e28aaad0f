import Foundation
import Testing

/// docs/benchmarks.md's description of the `acs stream` workload against the scripts it names.
@Suite struct StreamingBenchClaimsTests {
    /// "SYNTHETIC 15M-row file with 80 replicate weights" and "a Taylor design with 50 strata and
    /// 2,000 PSUs": the workload's row count and the generator's defaults (50 × 40 PSUs).
    @Test func acsWorkloadShape() throws {
        let bench = try String(contentsOf: GeneratedBlock.url("scripts/bench.d/50-acs-stream"), encoding: .utf8)
        #expect(bench.contains("rows = 200_000 if quick else 15_000_000"))
        #expect(bench.contains(#""--rep-type", "other", "--scale", "0.05", "--mse""#))
        let generator = try String(contentsOf: GeneratedBlock.url("scripts/bench-lib/make_acs_data.py"), encoding: .utf8)
        #expect(generator.contains(#"p.add_argument("--replicates", type=int, default=80)"#))
        #expect(generator.contains(#"p.add_argument("--strata", type=int, default=50)"#))
        #expect(generator.contains(#"p.add_argument("--psus-per-stratum", type=int, default=40)"#))
    }
}
