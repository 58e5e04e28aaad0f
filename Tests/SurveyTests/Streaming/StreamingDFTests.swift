import Testing
import Survey

/// R's replicate df (rank of the replicate weights − 1) from the accumulated Gram matrix Σ a aᵀ.
@Suite("Streaming replicate df")
struct StreamingDFTests {
    /// Streams a file whose replicate columns are given, returning the design df.
    func df(_ columns: [[Double]], chunkBytes: Int) throws -> Int {
        let n = columns[0].count
        var text = "w,y," + (1...columns.count).map { "r\($0)" }.joined(separator: ",") + "\n"
        for i in 0..<n { text += "1,\(i % 7)," + columns.map { String($0[i]) }.joined(separator: ",") + "\n" }
        let path = try StreamingFixture.write(text)
        let spec = StreamingReplicates(weights: "w", replicates: (1...columns.count).map { "r\($0)" }, type: .other)
        return try StreamingFixture.stream(path, request: StreamingRequest(means: ["y"]), design: .replicate(spec),
                                           chunkBytes: chunkBytes).summary.degreesOfFreedom
    }

    @Test("JK1 over n groups: rank n, df n − 1 (as ReplicateScanTests: R qr()$rank = n)", arguments: [1, 50, 1 << 20])
    func jk1(chunkBytes: Int) throws {
        let n = 11
        let columns = (0..<n).map { g in (0..<n).map { i in i == g ? 0 : Double(n) / Double(n - 1) } }
        #expect(try df(columns, chunkBytes: chunkBytes) == n - 1)
    }

    @Test("6 replicates spanning a 3-dimensional space: rank 3 by construction, df 2", arguments: [1, 64])
    func deficient(chunkBytes: Int) throws {
        // r4 = r1 + r2, r5 = 2·r3, r6 = r1 − r3 + r2: only r1, r2, r3 are independent (hand-built).
        let r1: [Double] = [1, 2, 0, 1, 3, 1, 2, 5, 1], r2: [Double] = [0, 1, 1, 2, 1, 0, 3, 1, 2], r3: [Double] = [2, 0, 1, 1, 0, 4, 1, 0, 1]
        let r4: [Double] = (0..<9).map { r1[$0] + r2[$0] }
        let r5: [Double] = r3.map { 2 * $0 }
        let r6: [Double] = (0..<9).map { r1[$0] - r3[$0] + r2[$0] }
        let columns: [[Double]] = [r1, r2, r3, r4, r5, r6]
        #expect(try df(columns, chunkBytes: chunkBytes) == 2)
    }

    @Test("the Gram df equals the in-memory scan's df on the replicate fixture")
    func matchesInMemory() throws {
        let path = try StreamingFixture.write(StreamingFixture.csv(rows: 300, seed: 9))
        let table = try CSVReader().read(path: path)
        let names = (1...StreamingFixture.replicates).map { "rw\($0)" }
        let memory = try ReplicateDesign(weights: try table.numeric("w"),
                                         replicates: try ReplicateWeights(rows: 300, columns: names.map { try table.numeric($0) }),
                                         type: .other)
        let spec = StreamingReplicates(weights: "w", replicates: names, type: .other)
        let got = try StreamingFixture.stream(path, request: StreamingRequest(means: ["y"]), design: .replicate(spec), chunkBytes: 333)
        #expect(got.summary.degreesOfFreedom == memory.degreesOfFreedom)
        #expect(memory.degreesOfFreedom == 11)   // 30 PSUs with distinct random factor rows: full rank 12
    }
}
