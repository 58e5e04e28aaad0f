import Foundation
import Testing
import Survey
@testable import SurveyNumerics

/// The block pass of streamed replicate designs (`StreamingEstimator+Cells`): on a SYNTHETIC file
/// of 9,000 rows (two whole blocks of 4,096 rows and a partial one), with chunks that hold whole
/// blocks (added in place from the chunk) and chunks that split every block (added from the
/// pending block), every request shape — means only (the constant's own cells), one proportion
/// (the constant from its cells), two proportions, numeric variables with proportions — gives the
/// in-memory estimates to 1e-12, overall and by domain, and the same numbers bit for bit under
/// every chunking; a non-finite replicate weight inside a whole block is reported with its
/// column and row, as one in a pending block is.
@Suite("Streaming replicate block pass")
struct StreamingCellsTests {
    static let names = (1...StreamingFixture.replicates).map { "rw\($0)" }
    static let spec = StreamingReplicates(weights: "w", replicates: names, type: .jk1, checkPattern: false)

    /// The in-memory estimates of `request` (means, totals, each proportion variable; by `request.by`).
    static func inMemory(_ table: Table, _ request: StreamingRequest) throws -> Estimate {
        let design = try ReplicateDesign(
            weights: try table.numeric("w"), replicates: try ReplicateWeights(rows: table.rowCount, columns: names.map { try table.numeric($0) }),
            type: .jk1, checkPattern: false)
        let domains = try request.by.map { Domains(column: try table.column(named: $0)) }
        var parts: [Estimate] = []
        if !request.means.isEmpty { parts.append(try design.means(request.means.map { try table.column(named: $0) }, by: domains)) }
        if !request.totals.isEmpty { parts.append(try design.totals(request.totals.map { try table.column(named: $0) }, by: domains)) }
        for p in request.proportions { parts.append(try design.proportions(try table.column(named: p), by: domains)) }
        return .concatenating(parts)
    }

    static let shapes: [StreamingRequest] = [
        StreamingRequest(means: ["y"]),
        StreamingRequest(proportions: ["q"]),
        StreamingRequest(proportions: ["q", "region"]),
        StreamingRequest(means: ["y", "z"], totals: ["y"], proportions: ["q", "region"]),
    ]

    @Test("whole and split blocks: streamed = in memory to 1e-12, and bit for bit across chunkings", arguments: [0, 1, 2, 3])
    func shapes(_ k: Int) throws {
        let path = try StreamingFixture.write(StreamingFixture.csv(rows: 9000, seed: 41))
        let table = try CSVReader().read(path: path)
        for by in [nil, "dom"] as [String?] {
            var request = Self.shapes[k]
            request.by = by
            let expected = try Self.inMemory(table, request)
            // One chunk (every block whole in it), ~300 rows a chunk (every block split), 1 byte.
            let runs = try [(1 << 24, 2), (40_000, 1), (1, 1)].map { bytes, threads in
                try StreamingFixture.stream(path, request: request, design: .replicate(Self.spec), chunkBytes: bytes, threads: threads)
            }
            for (run, got) in runs.enumerated() {
                StreamingFixture.expectSame(got.estimate, expected, tolerance: 1e-12, "shape \(k) by \(by ?? "-") run \(run)")
                #expect(got.estimate.elements.map(\.value) == runs[0].estimate.elements.map(\.value), "shape \(k) run \(run)")
                #expect(got.estimate.elements.map(\.standardError) == runs[0].estimate.elements.map(\.standardError))
                #expect(got.estimate.covariance.storage == runs[0].estimate.covariance.storage)
            }
        }
    }

    @Test("a non-finite replicate weight in a whole block or a pending one: the column and its file row",
          arguments: [(row: 10, cell: ""), (row: 2500, cell: "NA"), (row: 5000, cell: ""), (row: 8990, cell: "NA")])
    func nonFinite(_ bad: (row: Int, cell: String)) throws {
        var lines = StreamingFixture.csv(rows: 9000, seed: 43).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var cells = lines[bad.row + 1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[8 + 6] = bad.cell   // rw7
        lines[bad.row + 1] = cells.joined(separator: ",")
        let path = try StreamingFixture.write(lines.joined(separator: "\n"))
        for bytes in [1 << 24, 40_000] {
            do {
                _ = try StreamingFixture.stream(path, request: StreamingRequest(means: ["y"], by: "dom"),
                                                design: .replicate(Self.spec), chunkBytes: bytes)
                Issue.record("expected an error for '\(bad.cell)' at data row \(bad.row + 1)")
            } catch let error as DesignError {
                let text = "\(error)"
                #expect(text.contains("'rw7'") && text.contains("row \(bad.row + 1)"), "\(text)")
            }
        }
    }

    @Test("levels and domains first met late — in a whole block and in the last, partial one — are added as in memory")
    func lateLevels() throws {
        var lines = StreamingFixture.csv(rows: 9000, seed: 47).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // q (column 6) is 4 on data row 5,001 only and 5 on data row 8,501 only; dom (column 2)
        // is 7 on data row 6,001 only.
        for (row, column, value) in [(5000, 6, "4"), (8500, 6, "5"), (6000, 2, "7")] {
            var cells = lines[row + 1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells[column] = value
            lines[row + 1] = cells.joined(separator: ",")
        }
        let path = try StreamingFixture.write(lines.joined(separator: "\n"))
        let table = try CSVReader().read(path: path)
        let request = StreamingRequest(means: ["y"], proportions: ["q", "region"], by: "dom")
        let expected = try Self.inMemory(table, request)
        #expect(expected.elements.contains { $0.level == "5" } && expected.elements.contains { $0.domain?.value == "7" })
        for bytes in [1 << 24, 40_000] {
            let got = try StreamingFixture.stream(path, request: request, design: .replicate(Self.spec), chunkBytes: bytes)
            StreamingFixture.expectSame(got.estimate, expected, tolerance: 1e-12, "late levels, chunk \(bytes)")
        }
    }

    @Test("seeded random files, shapes and chunkings: streamed = in memory to 1e-12, the same bits for two chunkings",
          arguments: 1...8)
    func seeded(_ seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &* 7919)
        let rows = 1 + Int(rng.nextUnit() * 12_000)
        let path = try StreamingFixture.write(StreamingFixture.csv(rows: rows, seed: UInt64(seed)))
        let table = try CSVReader().read(path: path)
        var request = Self.shapes[Int(rng.nextUnit() * Double(Self.shapes.count))]
        request.by = rng.nextUnit() < 0.5 ? "dom" : nil
        let expected = try Self.inMemory(table, request)
        let sizes = [137, 5_000, 40_000, 300_000, 1 << 24]
        let chunkings = (0..<2).map { _ in (sizes[Int(rng.nextUnit() * Double(sizes.count))], 1 + Int(rng.nextUnit() * 2)) }
        let runs = try chunkings.map { bytes, threads in
            try StreamingFixture.stream(path, request: request, design: .replicate(Self.spec), chunkBytes: bytes, threads: threads)
        }
        for (run, got) in runs.enumerated() {
            StreamingFixture.expectSame(got.estimate, expected, tolerance: 1e-12, "seed \(seed) rows \(rows) run \(run) \(chunkings[run])")
        }
        #expect(runs[0].estimate.elements.map(\.standardError) == runs[1].estimate.elements.map(\.standardError),
                "seed \(seed): \(chunkings)")
        #expect(runs[0].estimate.covariance.storage == runs[1].estimate.covariance.storage)
    }
}
