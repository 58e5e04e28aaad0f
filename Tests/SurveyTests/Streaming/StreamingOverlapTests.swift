import Foundation
import Testing
import Survey

/// The overlapped streaming pass (`forEachChunkOverlapped`: the next chunk parsed on a second
/// thread while the estimator adds the current one, replicate rows added in file-aligned blocks of
/// `ReplicateBlock.capacity`): the in-memory estimates to ≤ 1e-12 when chunks are exactly 1, 7 and
/// 4096 rows and the file has chunk·k ± 1 rows (a last chunk of one row, a last chunk one row
/// short); the very same numbers (bit for bit) whatever the chunk size and the parser's threads;
/// and the sequential pass's error (same message, file, line and column) for bad data in a late chunk.
@Suite("Streaming overlapped pass")
struct StreamingOverlapTests {
    static let request = StreamingRequest(means: ["y", "z"], totals: ["y"], proportions: ["q"],
                                          ratios: [StreamingRatio(numerator: "y", denominator: "z")], by: "dom")
    static let names = (1...StreamingFixture.replicates).map { "rw\($0)" }
    static let spec = StreamingReplicates(weights: "w", replicates: names, type: .other, scale: 0.3, mse: true)
    static let taylor = StreamingDesign.taylor(weights: "w", strata: "stratum", cluster: "psu", nested: false)

    /// The in-memory estimates of `request` (as StreamingEstimatorTests builds them) under the
    /// replicate design of `spec` or the Taylor design.
    static func inMemory(_ table: Table, replicate: Bool) throws -> Estimate {
        let design: any Design = replicate
            ? try ReplicateDesign(weights: try table.numeric("w"),
                                  replicates: try ReplicateWeights(rows: table.rowCount, columns: names.map { try table.numeric($0) }),
                                  type: .other, scale: 0.3, mse: true, checkPattern: false)
            : try SurveyDesign(rows: table.rowCount, weights: try table.column(named: "w"),
                               strata: try table.column(named: "stratum"), clusters: [try table.column(named: "psu")])
        let domains = try Domains(column: try table.column(named: "dom"))
        return .concatenating([
            try design.means(["y", "z"].map { try table.column(named: $0) }, by: domains),
            try design.totals([try table.column(named: "y")], by: domains),
            try design.proportions(try table.column(named: "q"), by: domains),
            try design.ratio(numerator: try table.column(named: "y"), denominator: try table.column(named: "z"), by: domains),
        ])
    }

    /// Streams `path` through the overlapped pass in chunks of `chunkRows` fixed-width rows.
    static func overlapped(_ path: String, design: StreamingDesign, chunkRows: Int, threads: Int,
                           request: StreamingRequest = request) throws -> Estimate {
        var estimator = try StreamingEstimator(request: request, design: design)
        let reader = StreamingCSV(path: path, chunkBytes: chunkRows * StreamingFixture.fixedLineBytes, threads: threads)
        var chunks: [Int] = []
        try reader.forEachChunkOverlapped { chunk, before in
            #expect(before == chunks.reduce(0, +))
            chunks.append(chunk.rowCount)
            try estimator.add(chunk, rowsBefore: before)
        }
        // The fixture's lines are all the same length: on one thread every chunk but the last is
        // one table of exactly chunkRows rows; on more, a chunk may come as a table a piece.
        if threads == 1 {
            #expect(chunks.dropLast().allSatisfy { $0 == chunkRows } && (chunks.last ?? 0) <= chunkRows)
        } else {
            #expect(chunks.allSatisfy { $0 > 0 && $0 <= chunkRows })
        }
        return try estimator.estimate().estimate
    }

    @Test("chunks of 1, 7 and 4096 rows, files of chunk·k ± 1 rows (≥ 293): streamed = in memory to 1e-12 (replicate and Taylor)",
          arguments: [1, 7, 4096])
    func chunkBoundaries(chunkRows: Int) throws {
        let k = max(3, 300 / chunkRows)   // 300, 42 and 3 chunks: enough rows for 30 PSUs
        for rows in [chunkRows * k - 1, chunkRows * k + 1] {
            let path = try StreamingFixture.write(StreamingFixture.fixedWidthCSV(rows: rows, seed: UInt64(rows)))
            let table = try CSVReader().read(path: path)
            #expect(table.rowCount == rows)
            for replicate in [true, false] {
                let got = try Self.overlapped(path, design: replicate ? .replicate(Self.spec) : Self.taylor, chunkRows: chunkRows, threads: 2)
                StreamingFixture.expectSame(got, try Self.inMemory(table, replicate: replicate), tolerance: 1e-12,
                                            "\(replicate ? "replicate" : "taylor") \(rows) rows in chunks of \(chunkRows)")
            }
        }
    }

    @Test("the same numbers bit for bit for every chunk size (1, 7, 1023, 4096 rows, one chunk) and 1 or 2 parser threads")
    func independentOfChunkingAndThreads() throws {
        let path = try StreamingFixture.write(StreamingFixture.fixedWidthCSV(rows: 3 * 1024 + 5, seed: 23))
        for design in [StreamingDesign.replicate(Self.spec), Self.taylor] {
            let reference = try Self.overlapped(path, design: design, chunkRows: 1 << 20, threads: 1)
            for (chunkRows, threads) in [(1, 1), (7, 2), (1023, 1), (1023, 2), (4096, 2)] {
                let got = try Self.overlapped(path, design: design, chunkRows: chunkRows, threads: threads)
                #expect(got.elements.map(\.value) == reference.elements.map(\.value), "\(design) chunks \(chunkRows) threads \(threads)")
                #expect(got.elements.map(\.standardError) == reference.elements.map(\.standardError), "\(design) chunks \(chunkRows)")
                #expect(got.covariance.storage == reference.covariance.storage, "\(design) chunks \(chunkRows)")
            }
        }
    }

    @Test("the parser runs at most one chunk ahead of a slow consumer (two chunks' tables at a time)")
    func doubleBuffering() throws {
        let path = try StreamingFixture.write(StreamingFixture.fixedWidthCSV(rows: 400, seed: 47))
        var chunks = 0
        let timing = try StreamingCSV(path: path, chunkBytes: 20 * StreamingFixture.fixedLineBytes, threads: 1).forEachChunkOverlapped { _, _ in
            chunks += 1
            Thread.sleep(forTimeInterval: 0.005)   // the parser of a 20-row chunk is far faster
        }
        #expect(chunks == 20)
        #expect(timing.chunksAhead == 1)
    }

    /// `fixture` with the cell of column `column` in data row `row` (0-based) replaced by `cell`.
    static func withCell(_ text: String, row: Int, column: Int, _ cell: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var cells = lines[row + 1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[column] = cell
        lines[row + 1] = cells.joined(separator: ",")
        return lines.joined(separator: "\n")
    }

    /// The DataError `body` throws (nil if none or another type).
    static func dataError(_ body: () throws -> Void) -> DataError? {
        do { try body() } catch let e as DataError { return e } catch { return nil }
        return nil
    }

    @Test("a non-numeric value in a late chunk: the overlapped pass raises the sequential pass's error, with line and column")
    func badValueLate() throws {
        // 'y' (column 4) of data row 2,900 (0-based; file line 2,902), in the 3rd chunk of 1,024 rows:
        // the chunk reader hands that chunk to the general reader (a column numeric elsewhere and
        // text here), and the error is the whole-file reader's: file, line 2,902, column y.
        let text = Self.withCell(StreamingFixture.fixedWidthCSV(rows: 3000, seed: 31), row: 2900, column: 4, "1x.50")
        let path = try StreamingFixture.write(text)
        let sequential = Self.dataError {
            var estimator = try StreamingEstimator(request: Self.request, design: .replicate(Self.spec))
            try StreamingCSV(path: path, chunkBytes: 1024 * StreamingFixture.fixedLineBytes, threads: 1).forEachChunk { chunk, before in
                try estimator.add(chunk, rowsBefore: before)
            }
        }
        let whole = Self.dataError { _ = try CSVReader().read(path: path).numeric("y") }
        #expect(sequential?.line == 2902 && sequential?.column == "y" && sequential?.message.contains("'1x.50'") == true,
                "\(sequential?.description ?? "-")")
        #expect(whole != nil && sequential?.description == whole?.description)
        for threads in [1, 2] {
            let streamed = Self.dataError {
                _ = try Self.overlapped(path, design: .replicate(Self.spec), chunkRows: 1024, threads: threads)
            }
            #expect(streamed != nil && streamed?.description == sequential?.description)
        }
    }

    @Test("a missing value in a late chunk: the overlapped pass raises the sequential pass's error (variable, data row, line)")
    func missingValueLate() throws {
        let text = Self.withCell(StreamingFixture.fixedWidthCSV(rows: 3000, seed: 37), row: 2500, column: 5, "")
        let path = try StreamingFixture.write(text)
        for design in [StreamingDesign.replicate(Self.spec), Self.taylor] {
            let sequential = Self.dataError {
                var estimator = try StreamingEstimator(request: Self.request, design: design)
                try StreamingCSV(path: path, chunkBytes: 700 * StreamingFixture.fixedLineBytes, threads: 1).forEachChunk { chunk, before in
                    try estimator.add(chunk, rowsBefore: before)
                }
            }
            let overlapped = Self.dataError { _ = try Self.overlapped(path, design: design, chunkRows: 700, threads: 2) }
            // Data row 2,501 (0-based 2,500) is file line 2,502.
            #expect(sequential?.line == 2502 && sequential?.column == "z" && sequential?.message.contains("data row 2501") == true)
            #expect(overlapped?.description == sequential?.description)
        }
    }

    @Test("an infinite replicate weight in a late block of a chunk is an error naming the column and data row")
    func infiniteReplicateWeight() throws {
        // The CSV chunk reader refuses words like Inf and overflowing numbers, so the chunk is
        // built here: the fixture's table with rw3 of data row 2,345 (0-based 2,344, in the first
        // block of 4,096 rows, whole in the chunk: found through its infinite totals) set to +∞,
        // added as one chunk.
        let path = try StreamingFixture.write(StreamingFixture.fixedWidthCSV(rows: 9000, seed: 43))
        var table = try CSVReader().read(path: path)
        var rw3 = try table.numeric("rw3")
        rw3[2344] = .infinity
        try table.setColumn(Column(name: "rw3", values: .numeric(rw3)))
        var estimator = try StreamingEstimator(request: Self.request, design: .replicate(Self.spec))
        do {
            try estimator.add(table, rowsBefore: 0)
            Issue.record("expected an error")
        } catch let error as DesignError {
            #expect("\(error)".contains("'rw3' is not a finite number at row 2345"), "\(error)")
        }
    }

    /// Rows `range` of `table`, as a chunk of its own.
    static func rows(_ range: Range<Int>, of table: Table) throws -> Table {
        try Table(columns: table.columns.map { column in
            var part = column
            switch column.values {
            case .numeric(let v): part.values = .numeric(Array(v[range]))
            case .categorical(let codes, let levels): part.values = .categorical(codes: Array(codes[range]), levels: levels)
            }
            return part
        }, source: table.source)
    }

    @Test("a NaN replicate weight in a block that spans two chunks, in either chunk's part, is named with its data row",
          arguments: [2999, 3499])
    func nonFiniteInSplitBlock(row: Int) throws {
        // Chunks of rows 0..<3,000 and 3,000..<9,000: the first block (rows 0..<4,096) is added
        // in two parts once the second chunk comes. rw2 of data row `row + 1` is NaN.
        let path = try StreamingFixture.write(StreamingFixture.fixedWidthCSV(rows: 9000, seed: 43))
        var table = try CSVReader().read(path: path)
        var rw2 = try table.numeric("rw2")
        rw2[row] = .nan
        try table.setColumn(Column(name: "rw2", values: .numeric(rw2)))
        var estimator = try StreamingEstimator(request: Self.request, design: .replicate(Self.spec))
        do {
            try estimator.add(try Self.rows(0..<3000, of: table), rowsBefore: 0)
            try estimator.add(try Self.rows(3000..<9000, of: table), rowsBefore: 3000)
            Issue.record("expected an error")
        } catch let error as DesignError {
            #expect("\(error)".contains("'rw2' is not a finite number at row \(row + 1)"), "\(error)")
        }
    }

    @Test("a quoted line break in a late chunk: that chunk is read by the general reader, whole records, every row streamed")
    func quotedBreakLate() throws {
        // Data row 1,800's first cell (stratum, not used by the replicate design) becomes "a⏎b".
        var lines = StreamingFixture.fixedWidthCSV(rows: 2000, seed: 41).split(separator: "\n", omittingEmptySubsequences: false)
        lines[1801] = "\"a\nb\"" + lines[1801].dropFirst(1)
        let path = try StreamingFixture.write(lines.joined(separator: "\n"))
        var seen = 0, sequentialRows = 0
        var overlappedEstimator = try StreamingEstimator(request: Self.request, design: .replicate(Self.spec))
        try StreamingCSV(path: path, chunkBytes: 500 * StreamingFixture.fixedLineBytes, threads: 2).forEachChunkOverlapped { chunk, before in
            #expect(before == seen)
            seen += chunk.rowCount
            try overlappedEstimator.add(chunk, rowsBefore: before)
        }
        var sequentialEstimator = try StreamingEstimator(request: Self.request, design: .replicate(Self.spec))
        try StreamingCSV(path: path, chunkBytes: 500 * StreamingFixture.fixedLineBytes, threads: 1).forEachChunk { chunk, before in
            sequentialRows += chunk.rowCount
            try sequentialEstimator.add(chunk, rowsBefore: before)
        }
        #expect(seen == 2000 && sequentialRows == 2000)
        let a = try overlappedEstimator.estimate().0, b = try sequentialEstimator.estimate().0
        #expect(a.values == b.values && a.standardErrors == b.standardErrors)
    }
}
