import Foundation
import Testing
import Survey
@testable import SurveyEstimation
@testable import SurveyEstimation

/// R's replicate df in the streaming path without the full Gram matrix: certified from a sample
/// of rows when the sample shows full rank, else from a second pass over the file. Expected dfs
/// are R's `qr(A, tol = 1e-5)$rank − 1` (Tests/Fixtures/streaming-rank/rank.R → rank.json) or the
/// in-memory scan's.
@Suite("Streaming replicate df: sampled certificate and second pass")
struct StreamingRankTests {
    /// R's dfs for the matrices of `rank.R`.
    static let r: [String: Int] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/streaming-rank/rank.json")
        let data = (try? Data(contentsOf: url)) ?? Data()
        return (try? JSONSerialization.jsonObject(with: data) as? [String: Int]) ?? [:]
    }()

    /// The file of `rank.R`: 6,000 rows, w = 1, y = i mod 7, r1 = 1 + i mod 5, r2 = 2 + i mod 3, r3 given.
    static func file(r3: (Int) -> Double) throws -> String {
        var text = "w,y,r1,r2,r3\n"
        for i in 0..<6000 {
            text += "1,\(i % 7),\(Double(1 + i % 5)),\(Double(2 + i % 3)),\(r3(i))\n"
        }
        return try StreamingFixture.write(text)
    }

    static func r1(_ i: Int) -> Double { Double(1 + i % 5) }
    static func r2(_ i: Int) -> Double { Double(2 + i % 3) }

    /// The estimator after streaming `path` (every block added), with the file as its source or not.
    static func streamed(_ path: String, replicates: [String], chunkBytes: Int, threads: Int = 1,
                         source: Bool = true) throws -> StreamingEstimator {
        let reader = StreamingCSV(path: path, chunkBytes: chunkBytes, threads: threads)
        var estimator = try StreamingEstimator(request: StreamingRequest(means: ["y"]),
                                           design: .replicate(StreamingReplicates(weights: "w", replicates: replicates, type: .other)))
        if source { estimator.source = reader }
        try reader.forEachChunk { chunk, before in try estimator.add(chunk, rowsBefore: before) }
        return estimator
    }

    static func finished(_ e: StreamingEstimator) throws -> StreamingEstimator {
        var copy = e
        try copy.finishPending()
        return copy
    }

    @Test("a dependence broken only outside the sample: not certified, the second pass gives R's df",
          arguments: [(97, 1), (5000, 1), (5000, 2), (1 << 20, 2)])
    func lateDependence(chunkBytes: Int, threads: Int) throws {
        // r3 = r1 + r2, plus 1 on the 18 rows i ≥ 4096, i mod 1024 ≥ 32, i mod 97 = 0 (none sampled).
        let path = try Self.file { i in
            Self.r1(i) + Self.r2(i) + (i >= 4096 && i % 1024 >= 32 && i % 97 == 0 ? 1 : 0)
        }
        let e = try Self.streamed(path, replicates: ["r1", "r2", "r3"], chunkBytes: chunkBytes, threads: threads)
        #expect(try Self.finished(e).certifiedFullRank() == false)
        #expect(Self.r["late"] == 2 && Self.r["lateRows"] == 18)
        #expect(try e.estimate().summary.degreesOfFreedom == Self.r["late"])
        // Without a source the full Gram matrix is accumulated: the same df.
        let full = try Self.streamed(path, replicates: ["r1", "r2", "r3"], chunkBytes: chunkBytes, threads: threads, source: false)
        #expect(try full.estimate().summary.degreesOfFreedom == Self.r["late"])
    }

    @Test("a near-dependence below R's tolerance (1e-9 relative): rank 2, df 1, with and without a source")
    func nearDependence() throws {
        let path = try Self.file { i in Self.r1(i) + Self.r2(i) + 1e-9 * Double(i % 7) }
        for source in [true, false] {
            let e = try Self.streamed(path, replicates: ["r1", "r2", "r3"], chunkBytes: 3000, source: source)
            #expect(try e.estimate().summary.degreesOfFreedom == Self.r["near"])
            #expect(Self.r["near"] == 1)
        }
    }

    @Test("full rank shown by the sample: certified, no second pass (the file may be gone)")
    func certified() throws {
        let path = try Self.file { i in Self.r1(i) + Self.r2(i) + 0.01 * Double(i % 7) }
        let e = try Self.streamed(path, replicates: ["r1", "r2", "r3"], chunkBytes: 3000)
        #expect(try Self.finished(e).certifiedFullRank())
        try FileManager.default.removeItem(atPath: path)
        #expect(try e.estimate().summary.degreesOfFreedom == Self.r["clear"])
        #expect(Self.r["clear"] == 2)
    }

    @Test("not certified and the file gone: the second pass fails with an error, never a guessed df")
    func secondPassNeedsTheFile() throws {
        let path = try Self.file { i in Self.r1(i) + Self.r2(i) }   // r3 = r1 + r2: rank 2
        let e = try Self.streamed(path, replicates: ["r1", "r2", "r3"], chunkBytes: 3000)
        try FileManager.default.removeItem(atPath: path)
        #expect(throws: DataError.self) { _ = try e.estimate() }
    }

    @Test("the fixture (6,000 rows, 30 PSUs, 12 replicates): certified from the sample, df = the in-memory scan's")
    func fixtureMatchesInMemory() throws {
        let path = try StreamingFixture.write(StreamingFixture.csv(rows: 6000, seed: 5))
        let names = (1...StreamingFixture.replicates).map { "rw\($0)" }
        let table = try CSVReader().read(path: path)
        let memory = try ReplicateDesign(weights: try table.numeric("w"),
                                         replicates: try ReplicateWeights(rows: 6000, columns: names.map { try table.numeric($0) }),
                                         type: .other)
        let e = try Self.streamed(path, replicates: names, chunkBytes: 10_000, threads: 2)
        #expect(try Self.finished(e).certifiedFullRank())
        #expect(try e.estimate().summary.degreesOfFreedom == memory.degreesOfFreedom)
        #expect(memory.degreesOfFreedom == 11)
    }

    @Test("the hand-built rank-3 set of 6 replicates (StreamingDFTests): df 2 through the second pass")
    func deficientThroughSecondPass() throws {
        let r1: [Double] = [1, 2, 0, 1, 3, 1, 2, 5, 1], r2: [Double] = [0, 1, 1, 2, 1, 0, 3, 1, 2], r3: [Double] = [2, 0, 1, 1, 0, 4, 1, 0, 1]
        let columns: [[Double]] = [r1, r2, r3, (0..<9).map { r1[$0] + r2[$0] }, r3.map { 2 * $0 }, (0..<9).map { r1[$0] - r3[$0] + r2[$0] }]
        var text = "w,y," + (1...6).map { "r\($0)" }.joined(separator: ",") + "\n"
        for i in 0..<9 { text += "1,\(i % 7)," + columns.map { String($0[i]) }.joined(separator: ",") + "\n" }
        let path = try StreamingFixture.write(text)
        let e = try Self.streamed(path, replicates: (1...6).map { "r\($0)" }, chunkBytes: 20)
        #expect(try Self.finished(e).certifiedFullRank() == false)
        #expect(try e.estimate().summary.degreesOfFreedom == 2)
    }

    @Test("the sampled rows: all of the first 4,096, then the first 32 of each 1,024, by row number whatever the block")
    func sampledRuns() {
        // Rows 4,000..<8,192: 4,000..<4,096 (the first 4,096 rows), then 32 rows from each of the
        // units starting at 4,096, 5,120, 6,144 and 7,168 (counted by hand).
        #expect(RankSample.runs(in: 4000..<8192) == [4000..<4096, 4096..<4128, 5120..<5152, 6144..<6176, 7168..<7200])
        // A range starting inside a later unit's sampled rows, and one ending inside them.
        #expect(RankSample.runs(in: 5130..<6150) == [5130..<5152, 6144..<6150])
        #expect(RankSample.runs(in: 0..<10) == [0..<10])
        #expect(RankSample.runs(in: 9000..<9100).isEmpty)
    }
}
