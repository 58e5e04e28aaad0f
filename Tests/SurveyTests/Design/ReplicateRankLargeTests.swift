import Foundation
import Testing
import Survey
@testable import SurveyNumerics

/// R's df when the replicate-weight rows are all distinct (rounded weights, as in ACS files):
/// more than `GramRank.distinctRowLimit` (20,000) distinct rows are ranked by a full-rank
/// certificate from a sample, or else by the Gram matrix — not by a QR of every row, which took
/// 7.7 s and 2.4 GB at 2M × 80. SYNTHETIC, seeded: 30,000 rows, 8 replicate columns of random
/// factors rounded to 4 decimals; the rank is known by construction: 8 (df 7), or 7 (df 6) when
/// replicate 8 repeats replicate 3.
@Suite("Replicate df with many distinct rows")
struct ReplicateRankLargeTests {
    static func columns(duplicate: Bool) -> (w: [Double], reps: [[Double]], domain: [Double]) {
        var rng = SplitMix64(seed: 20_261_206)
        let n = 30_000
        let w = (0..<n).map { _ in 10 + (rng.nextUnit() * 4000).rounded() / 100 }
        var reps = (0..<8).map { _ in w.map { ($0 * (0.5 + rng.nextUnit()) * 10_000).rounded() / 10_000 } }
        if duplicate { reps[7] = reps[2] }
        return (w, reps, (0..<n).map { Double($0 % 3) })
    }

    @Test("in memory and by domain: df 7 at full rank, 6 with a repeated replicate", arguments: [false, true])
    func inMemory(duplicate: Bool) throws {
        let (w, reps, domain) = Self.columns(duplicate: duplicate)
        let d = try ReplicateDesign(weights: w, replicates: ReplicateWeights(rows: w.count, columns: reps), type: .other)
        let want = duplicate ? 6.0 : 7.0
        #expect(Double(d.degreesOfFreedom) == want)
        let by = Domains(column: Column(name: "dom", values: .numeric(domain)))
        #expect(d.degreesOfFreedom(base: nil, domains: by) == [want, want, want, want])
        // A base leaving out domain 0's rows: the other two thirds, the same rank.
        #expect(d.degreesOfFreedom(base: domain.map { $0 == 0 ? 0 : 1 }, domains: nil) == [want])
    }

    @Test("streamed: the same df", arguments: [false, true])
    func streamed(duplicate: Bool) throws {
        let (w, reps, domain) = Self.columns(duplicate: duplicate)
        var text = "w,dom,y," + (1...8).map { "r\($0)" }.joined(separator: ",") + "\n"
        for i in w.indices {
            text += "\(w[i]),\(Int(domain[i])),\(i % 7)," + reps.map { String($0[i]) }.joined(separator: ",") + "\n"
        }
        let path = try StreamingFixture.write(text)
        let spec = StreamingReplicates(weights: "w", replicates: (1...8).map { "r\($0)" }, type: .other)
        let reader = StreamingCSV(path: path, chunkBytes: 1 << 18, threads: 1)
        var estimator = try StreamingEstimator(request: StreamingRequest(means: ["y"], by: "dom"), design: .replicate(spec))
        estimator.source = reader
        try reader.forEachChunk { chunk, before in try estimator.add(chunk, rowsBefore: before) }
        let (estimate, summary) = try estimator.estimate()
        let want = duplicate ? 6.0 : 7.0
        #expect(Double(summary.degreesOfFreedom) == want)
        #expect(estimate.elements.allSatisfy { $0.degreesOfFreedom == want && $0.dfRule == .subset })
    }
}
