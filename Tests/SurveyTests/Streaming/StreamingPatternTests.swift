import Foundation
import Testing
import Survey

/// The streamed path checks replicate weights against their `--rep-type` as the in-memory path
/// does, so a wrong type is the same error either way, never SEs from the wrong formula: BRR
/// replicates are 0 or 2 times the full-sample weight, Fay's ρ or 2 − ρ times it (stopping at the
/// first block that shows an off-pattern weight), and every jackknife replicate must drop a row.
/// It also refuses more than `StreamingEstimator.maxReplicates` replicate weights before
/// allocating their Gram matrices (20,000 would take 6.4 GB and hours).
@Suite("Streaming replicate-type checks")
struct StreamingPatternTests {
    /// 9,000 rows, weight w = 1 + row mod 7, and `r` replicates: replicate j of row i is
    /// `factor(i, j)` × w, written with enough digits to be exact.
    static func file(replicates r: Int, factor: (Int, Int) -> Double) throws -> String {
        var text = "w,y," + (1...r).map { "rw\($0)" }.joined(separator: ",") + "\n"
        for i in 0..<9000 {
            let w = Double(1 + i % 7)
            text += "\(w),\(i % 11)," + (1...r).map { String(factor(i, $0) * w) }.joined(separator: ",") + "\n"
        }
        return try StreamingFixture.write(text)
    }

    /// The streamed result, or the error, and whether `add` (rather than `estimate`) raised it and
    /// the rows read up to the end of the chunk being added then.
    static func streamed(_ path: String, _ spec: StreamingReplicates) -> (error: DesignError?, duringAdd: Bool, rowsAdded: Int) {
        do {
            var estimator = try StreamingEstimator(request: StreamingRequest(means: ["y"]), design: .replicate(spec))
            var read = 0
            do {
                try StreamingCSV(path: path, chunkBytes: 20_000, threads: 1).forEachChunk { chunk, before in
                    read = before + chunk.rowCount
                    try estimator.add(chunk, rowsBefore: before)
                }
            } catch let e as DesignError {
                return (e, true, read)
            }
            _ = try estimator.estimate()
            return (nil, false, estimator.rows)
        } catch let e as DesignError {
            return (e, false, 9000)
        } catch {
            Issue.record("unexpected \(error)")
            return (nil, false, 0)
        }
    }

    /// The in-memory design's error for the same file and type (nil: accepted).
    static func inMemory(_ path: String, _ spec: StreamingReplicates) throws -> DesignError? {
        let table = try CSVReader().read(path: path)
        do {
            _ = try ReplicateDesign(weights: try table.numeric("w"),
                                    replicates: try ReplicateWeights(rows: table.rowCount, columns: spec.replicates.map { try table.numeric($0) }),
                                    type: spec.type, fayRho: spec.fayRho)
            return nil
        } catch let e as DesignError {
            return e
        }
    }

    static let names4 = (1...4).map { "rw\($0)" }

    @Test("a BRR weight off 0/2× at data row 6,000: the in-memory message, raised by the block that holds it")
    func brrOffPattern() throws {
        // Half-sample pattern: replicate j keeps (2×) rows whose bit j−1 of (i / 100) is set, drops (0×) the rest;
        // replicate 3 of data row 6,000 (i = 5,999) is 1.5× instead.
        let path = try Self.file(replicates: 4) { i, j in (i == 5999 && j == 3) ? 1.5 : ((i / 100) >> (j - 1)) & 1 == 1 ? 2 : 0 }
        let spec = StreamingReplicates(weights: "w", replicates: Self.names4, type: .brr)
        let got = Self.streamed(path, spec)
        let expected = "replicate 3, row 6000: weight is 1.5 × the full-sample weight; brr replicates are 0.0 or 2.0 times it"
        #expect(got.error?.description.contains(expected) == true, "\(String(describing: got.error))")
        #expect(got.error?.description == (try Self.inMemory(path, spec))?.description)
        // Row 5,999 is in block 1 (rows 4,096–8,191): the pass stops when that block is whole, before the file ends.
        #expect(got.duringAdd && got.rowsAdded >= 8192 && got.rowsAdded < 9000, "\(got.rowsAdded)")
    }

    @Test("Fay ρ = 0.3: a 0.5× weight is an error naming 0.3 and 1.7; the right factors stream as in memory")
    func fay() throws {
        let good: (Int, Int) -> Double = { i, j in ((i / 100) >> (j - 1)) & 1 == 1 ? 1.7 : 0.3 }
        let spec = StreamingReplicates(weights: "w", replicates: Self.names4, type: .fay, fayRho: 0.3)
        let ok = try Self.file(replicates: 4, factor: good)
        #expect(Self.streamed(ok, spec).error == nil)
        #expect(try Self.inMemory(ok, spec) == nil)
        let bad = try Self.file(replicates: 4) { i, j in (i == 10 && j == 2) ? 0.5 : good(i, j) }
        let got = Self.streamed(bad, spec)
        #expect(got.error?.description.contains("replicate 2, row 11: weight is 0.5 × the full-sample weight; fay replicates are 0.3 or 1.7 times it") == true,
                "\(String(describing: got.error))")
        #expect(got.error?.description == (try Self.inMemory(bad, spec))?.description)
    }

    @Test("JK1: a replicate that drops no row is an error at the end, as in memory; one that drops a PSU streams")
    func jackknifeDrops() throws {
        // Replicate j drops rows 1000(j−1) ..< 1000j (a PSU) and gives the others 4/3 w; replicate 2
        // drops nothing (every row 1.0 w).
        let spec = StreamingReplicates(weights: "w", replicates: Self.names4, type: .jk1)
        let bad = try Self.file(replicates: 4) { i, j in j == 2 ? 1 : (i / 1000 == j - 1 ? 0 : 4.0 / 3) }
        let got = Self.streamed(bad, spec)
        #expect(!got.duringAdd && got.error?.description.contains("replicate 2 gives every sampled row a weight; jackknife replicates drop a PSU") == true,
                "\(String(describing: got.error))")
        #expect(got.error?.description == (try Self.inMemory(bad, spec))?.description)
        let good = try Self.file(replicates: 4) { i, j in i / 1000 == j - 1 ? 0 : 4.0 / 3 }
        #expect(Self.streamed(good, spec).error == nil)
        var unchecked = spec
        unchecked.checkPattern = false
        #expect(Self.streamed(bad, unchecked).error == nil)
    }

    @Test("all-zero full-sample weights under JK1: the in-memory 'every sampling weight is zero', not a drop error")
    func allZeroWeightsFirst() throws {
        let path = try StreamingFixture.write("w,y,rw1,rw2\n0,1,1,1\n0,2,1,1\n0,3,1,1\n")
        let spec = StreamingReplicates(weights: "w", replicates: ["rw1", "rw2"], type: .jk1)
        #expect(Self.streamed(path, spec).error == .allWeightsZero)
    }

    @Test("more replicate weights than maxReplicates: an error before any Gram matrix is allocated")
    func tooManyReplicates() {
        let names = (0...StreamingEstimator.maxReplicates).map { "r\($0)" }
        #expect(throws: DesignError.self) {
            _ = try StreamingEstimator(request: StreamingRequest(means: ["y"]),
                                       design: .replicate(StreamingReplicates(weights: "w", replicates: names, type: .other)))
        }
        #expect(StreamingEstimator.maxReplicates == 4096)
    }
}
