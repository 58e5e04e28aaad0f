import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import CCSVScan
import SurveyText

/// The fast path of `CSVReader` for delimited files on disk: the file is mapped (`MappedFile`),
/// split at line ends into one chunk per thread, rows counted per chunk but the last (a SIMD line
/// count; the last chunk's rows are reserved, see `reservableRows`), the columns allocated once and
/// every chunk parsed in parallel straight into them (`CSVChunkParser`). Text columns get their levels merged in chunk order, so levels stay
/// in first-seen order. Peak memory is the columns plus a read window per thread.
///
/// Boundary-safe for quoted line breaks: a chunk that meets a quote it cannot handle alone (a
/// line break or `""` inside quotes, a quote inside an unquoted field, a chunk ending inside
/// quotes) — or any other irregularity (field-count errors, NaN/Inf words, a column that mixes
/// numbers and text) — makes `read` return nil, and the caller reads the file with the general
/// streaming reader, which gives the same table or the precise error. Threads: all active cores,
/// or `BAROMETER_THREADS`.
enum ParallelCSV {
    /// The environment variable that sets the number of threads (default: active cores).
    static let threadsVariable = "BAROMETER_THREADS"

    /// The table, or nil when the general reader must read this file.
    /// `threads` and `minimumChunkBytes` override the defaults (tests split small files).
    /// `records` limits the parse to a run of whole records (a byte range after the header, from a
    /// line start to a line end or the file's end) whose first line is `firstLine`: one chunk of
    /// `StreamingCSV`. Text levels are then those of that range, in first-seen order.
    /// `windowBytes` is the parser's read window (tests make it a few bytes).
    static func read(
        path: String, delimiter: UInt8, separator: CSVReader.Separator, threads: Int? = nil,
        minimumChunkBytes: Int = 8 << 20, records: Range<Int>? = nil, firstLine: Int = 2,
        windowBytes: Int = CSVChunkParser.defaultWindowBytes, piecesPerThread: Int = 1
    ) throws(DataError) -> Table? {
        try readLines(path: path, delimiter: delimiter, separator: separator, threads: threads,
                      minimumChunkBytes: minimumChunkBytes, records: records, firstLine: firstLine,
                      windowBytes: windowBytes, piecesPerThread: piecesPerThread)?.table
    }

    /// `read`, with the number of file lines the records span (records and blank lines): where
    /// the next run of records starts, for `StreamingCSV`. With more than one thread, the records
    /// are split into `piecesPerThread` pieces a thread, which the threads take as they become
    /// free: when another thread competes for the cores (the streaming estimator adding the last
    /// chunk), a thread it slows down holds up a small piece, not half the chunk.
    static func readLines(
        path: String, delimiter: UInt8, separator: CSVReader.Separator, threads: Int? = nil,
        minimumChunkBytes: Int = 8 << 20, records: Range<Int>? = nil, firstLine: Int = 2,
        windowBytes: Int = CSVChunkParser.defaultWindowBytes, piecesPerThread: Int = 1
    ) throws(DataError) -> (table: Table, lines: Int)? {
        guard let split = Split(path: path, separator: separator, threads: threads, minimumChunkBytes: minimumChunkBytes,
                                records: records, piecesPerThread: piecesPerThread) else { return nil }
        let file = split.file, data = file.base, chunks = split.chunks, parts = chunks.count, workers = split.workers
        let to = split.records.upperBound
        // The last chunk's rows are reserved — the most its bytes can hold — where the system
        // allows it (`reservableRows`), so its lines need no counting; the chunks before it have
        // their line feeds counted, each split over the worker threads (one thread: no counting pass).
        let reserved = reservableRows(bytes: chunks[parts - 1].count, columns: split.names.count)
        let counted = reserved == nil ? parts : parts - 1
        var lineEnds = [Int](repeating: 0, count: parts)
        if counted > 0 {
            let pieces = (0..<counted).flatMap { k in
                (0..<workers).map { p in
                    (chunks[k].lowerBound + chunks[k].count * p / workers)..<(chunks[k].lowerBound + chunks[k].count * (p + 1) / workers)
                }
            }
            var pieceCounts = [Int?](repeating: nil, count: pieces.count)
            pieceCounts.withUnsafeMutableBufferPointer { counts in
                parallelFor(pieces.count) { k in
                    // Read through a buffer, no page faults; a failed read sends the file to the
                    // general reader, which reports the error.
                    var n = 0
                    if file.forEachBlock(in: pieces[k], { block, length in n += countLineFeeds(block, 0..<length) }) {
                        counts[k] = n
                    }
                }
            }
            let counts = pieceCounts.compactMap { $0 }
            guard counts.count == pieces.count else { return nil }
            for k in 0..<counted { lineEnds[k] = counts[(k * workers)..<((k + 1) * workers)].reduce(0, +) }
        }
        var capacity = lineEnds
        // A last record without a line end, in a counted chunk (the chunks after it are empty).
        if data[to - 1] != 0x0A, let last = chunks.lastIndex(where: { !$0.isEmpty }), last < counted {
            capacity[last] += 1
        }
        if let reserved { capacity[parts - 1] = reserved }
        let total = capacity.reduce(0, +)
        guard total > 0 else { return nil }
        var firstRow = [0], firstLines = [firstLine]
        for k in 1..<parts {
            firstRow.append(firstRow[k - 1] + capacity[k - 1])
            firstLines.append(firstLines[k - 1] + lineEnds[k - 1])
        }

        let text = split.textColumns()
        var results: [ChunkResult] = []
        var arrays = withColumnStorage(text: text, rows: total) { outputs in
            let parser = CSVChunkParser(file: file, delimiter: delimiter, outputs: outputs, text: text,
                                        windowBytes: windowBytes)
            var slots = [ChunkResult?](repeating: nil, count: parts)
            slots.withUnsafeMutableBufferPointer { out in
                parallelFor(parts) { k in
                    out[k] = parser.parse(chunks[k], firstRow: firstRow[k], capacity: capacity[k], line: firstLines[k])
                }
            }
            results = slots.compactMap { $0 }
        }
        guard results.count == parts, !results.contains(where: \.needsGeneralReader) else { return nil }
        guard let table = try assemble(&arrays, names: split.names, results: results, firstRow: firstRow, path: path) else {
            return nil
        }
        return (table, results.reduce(0) { $0 + $1.lines })
    }

    /// Bytes of whole records after the header that `textColumns` reads (at least one record).
    static let textSampleBytes = 1 << 14

    /// Which columns the first records show to be text: those whose first non-missing cell in the
    /// first `textSampleBytes` after the header is text (read by the general reader with the
    /// header) — the first record's cell, or, where that is missing (NA), the first one after it.
    /// They are parsed straight into `Int32` codes, 4 bytes a row instead of 8, and the record
    /// walk takes them. A column of numbers that turns to text later is not one of them (the
    /// parser finds it, and its first text cell is reported where a number is needed). All false
    /// when those records are not plain lines of the right width (the parser then finds text itself).
    static func textColumns(
        data: UnsafePointer<UInt8>, from: Int, size: Int, header: [UInt8], count: Int, separator: CSVReader.Separator
    ) -> [Bool] {
        var known = [Bool](repeating: false, count: count)
        // The sample ends at the last line feed within it, or else at the first record's end.
        var end = min(size, from + textSampleBytes)
        while end > from && data[end - 1] != 0x0A { end -= 1 }
        if end == from {
            end = min(size, from + textSampleBytes)
            while end < size && data[end] != 0x0A { end += 1 }
            guard end < size else { return known }
            end += 1
        }
        guard end - 1 > from else { return known }
        let records = Array(UnsafeBufferPointer(start: data + from, count: end - from))
        guard let table = try? CSVReader(separator: separator).read(bytes: header + [0x0A] + records, name: ""),
              table.rowCount >= 1, table.columns.count == count else { return known }
        for (j, column) in table.columns.enumerated() {
            guard case .categorical(let codes, let levels) = column.values,
                  let first = codes.first(where: { $0 >= 0 }) else { continue }
            known[j] = Array(levels[Int(first)].utf8).withUnsafeBufferPointer { parseNumber($0) } == .text
        }
        return known
    }

    /// Rows to reserve for a one-thread parse that skips the line-counting pass: a record holds
    /// `columns − 1` delimiters and a line end (none after the last), so `bytes` hold at most
    /// (bytes + 1) / columns records. The columns are reserved at that size; only the pages rows
    /// are written to become resident (the rest stays address space). Nil — count the lines —
    /// where such a reservation might be refused: Linux's strict overcommit mode, an address-space
    /// limit, or one column's reservation above a quarter of physical memory.
    static func reservableRows(bytes: Int, columns: Int) -> Int? {
        let rows = (bytes + 1) / max(columns, 1) + 1
        guard UInt64(rows) * 8 <= ProcessInfo.processInfo.physicalMemory / 4 else { return nil }
        var limit = rlimit()
        #if canImport(Glibc)
        guard getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0, limit.rlim_cur == rlim_t.max else { return nil }
        // Mode 2 is strict accounting: address space reserved counts against a commit limit.
        if let mode = try? String(contentsOfFile: "/proc/sys/vm/overcommit_memory", encoding: .utf8),
           mode.whitespacesAndNewlinesTrimmed() == "2" { return nil }
        #else
        guard getrlimit(RLIMIT_AS, &limit) == 0, limit.rlim_cur == rlim_t.max else { return nil }
        #endif
        return rows
    }

    /// Threads for a file of `bytes`: one per `minimumChunk` bytes at least, at most the active
    /// cores (or `BAROMETER_THREADS`).
    static func threadCount(bytes: Int, minimumChunk: Int) -> Int {
        let env = ProcessInfo.processInfo.environment[threadsVariable].flatMap { Int($0) }
        let cores = max(1, min(env ?? ProcessInfo.processInfo.activeProcessorCount, 64))
        return max(1, min(cores, bytes / max(minimumChunk, 1)))
    }

    /// LF bytes in `range` (`ccsv_count_line_feeds`: 64 bytes a step with AVX2, else a word at a time).
    static func countLineFeeds(_ data: UnsafePointer<UInt8>, _ range: Range<Int>) -> Int {
        Int(ccsv_count_line_feeds(data + range.lowerBound, range.count))
    }

    /// Most column arrays the fast path holds open at once. `withColumnStorage` pins each in a
    /// call nested in the last (about half a KB of stack a column: 20,000 columns overflowed an
    /// 8 MB stack), so a wider file goes to the general reader, and a streamed chunk whose pieces
    /// would pass it is read as one table.
    static let maxOpenColumns = 4096

    /// Creates one array of `rows` per column — `Int32` codes where `text[j]`, else doubles —
    /// uninitialized (every row is written before it is read, and rows never written are cut off),
    /// runs `body` with their row-0 pointers, and returns them. At most `maxOpenColumns` columns.
    static func withColumnStorage(
        text: [Bool], rows: Int, _ body: ([UnsafeMutableRawPointer]) -> Void
    ) -> [ParsedArray] {
        var arrays: [ParsedArray] = []
        var pointers: [UnsafeMutableRawPointer] = []
        func nest(_ j: Int) {
            if j == text.count { return body(pointers) }
            var made = false
            func make<T>(_: T.Type) -> [T] {
                [T](unsafeUninitializedCapacity: rows) { buffer, initialized in
                    if let base = buffer.baseAddress {
                        pointers.append(UnsafeMutableRawPointer(base))
                        made = true
                        nest(j + 1)
                    }
                    initialized = rows
                }
            }
            let array: ParsedArray = text[j] ? .codes(make(Int32.self)) : .doubles(make(Double.self))
            if made { arrays.append(array) }
        }
        nest(0)
        return arrays.reversed()
    }

    /// Moves the rows of short chunks (blank lines) up against the rows before them, so rows
    /// `0..<rows` are the records in file order, and cuts the array to `rows`.
    private static func closeGaps<T>(_ values: inout [T], results: [ChunkResult], firstRow: [Int], rows: Int) {
        var filled = results[0].rows
        values.withUnsafeMutableBufferPointer { v in
            guard let base = v.baseAddress else { return }
            for k in 1..<max(results.count, 1) where results[k].rows > 0 {
                if firstRow[k] != filled { (base + filled).update(from: base + firstRow[k], count: results[k].rows) }
                filled += results[k].rows
            }
        }
        values.removeLast(values.count - rows)
    }

    /// Columns from the parsed arrays: rows of short chunks closed up, kinds and text levels
    /// merged in chunk order; nil if a column is numbers in one chunk and text in another. Each
    /// array is edited in place and moved into its column (never copied).
    static func assemble(
        _ arrays: inout [ParsedArray], names: [String], results: [ChunkResult], firstRow: [Int], path: String
    ) throws(DataError) -> Table? {
        guard arrays.count == names.count else { return nil }
        let rows = results.reduce(0) { $0 + $1.rows }
        var columns: [Column] = []
        columns.reserveCapacity(names.count)
        for j in names.indices {
            let kinds = results.map { $0.kinds[j] }
            if kinds.contains(.text) && kinds.contains(.numeric) { return nil }
            var levels = LevelTable()
            let remaps = results.map { result in
                (0..<result.levels[j].count).map { c in result.levels[j].withLevelBytes(c) { levels.intern($0) } }
            }
            var first = results.lazy.compactMap { $0.firstText[j] }.first
            first?.file = path
            // Taken out of `arrays`, so each array has one reference: edited in place, never copied.
            if var codes = arrays[j].takeCodes() {
                closeGaps(&codes, results: results, firstRow: firstRow, rows: rows)
                var row = 0
                codes.withUnsafeMutableBufferPointer { c in
                    for (k, result) in results.enumerated() {
                        for i in row..<(row + result.rows) where c[i] >= 0 { c[i] = remaps[k][Int(c[i])] }
                        row += result.rows
                    }
                }
                columns.append(Column(name: names[j], values: .categorical(codes: codes, levels: levels.levels),
                                      firstNonNumeric: first))
            } else if var values = arrays[j].takeDoubles() {
                closeGaps(&values, results: results, firstRow: firstRow, rows: rows)
                guard kinds.contains(.text) else {
                    columns.append(Column(name: names[j], values: .numeric(values)))
                    continue
                }
                var codes = [Int32](repeating: -1, count: rows)
                var row = 0
                for (k, result) in results.enumerated() {
                    for i in row..<(row + result.rows) where !values[i].isNaN { codes[i] = remaps[k][Int(values[i])] }
                    row += result.rows
                }
                columns.append(Column(name: names[j], values: .categorical(codes: codes, levels: levels.levels),
                                      firstNonNumeric: first))
            } else {
                return nil
            }
        }
        return try Table(columns: columns, source: path)
    }
}

/// A column as parsed: doubles (numbers, or text codes found mid-file), or `Int32` codes.
enum ParsedArray {
    case doubles([Double])
    case codes([Int32])

    /// The codes, leaving an empty array behind (so the caller holds the only reference).
    mutating func takeCodes() -> [Int32]? {
        guard case .codes(let codes) = self else { return nil }
        self = .codes([])
        return codes
    }

    /// The doubles, leaving an empty array behind (so the caller holds the only reference).
    mutating func takeDoubles() -> [Double]? {
        guard case .doubles(let values) = self else { return nil }
        self = .codes([])
        return values
    }
}

/// Runs `body(k)` for every k in `0..<n` on all cores and waits; each k must touch only its own state.
package func parallelFor(_ n: Int, _ body: (Int) -> Void) {
    withoutActuallyEscaping(body) { work in
        let box = UncheckedSendable(work)
        DispatchQueue.concurrentPerform(iterations: n) { k in box.value(k) }
    }
}

/// A value handed to concurrent code whose safety the caller guarantees (disjoint writes).
private struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

extension CSVReader {
    /// The parallel fast path alone, with its split forced: the table, or nil where it hands the
    /// file to the general reader. For tests and the differential fuzzer, which split tiny files
    /// into several chunks to reach the chunk-boundary code.
    @_spi(Testing) public func readFastPathOnly(
        path: String, threads: Int, minimumChunkBytes: Int, windowBytes: Int? = nil
    ) throws(DataError) -> Table? {
        guard case .delimiter(let d) = fieldSeparator else { return nil }
        return try ParallelCSV.read(
            path: path, delimiter: d, separator: separator, threads: threads, minimumChunkBytes: minimumChunkBytes,
            windowBytes: windowBytes ?? CSVChunkParser.defaultWindowBytes)
    }
}

extension Table {
    /// Whether two readings of one file agree: names, rows, values (NaN = NaN, otherwise bit for
    /// bit), levels and first text cells. How tests and the differential fuzzer compare the fast
    /// path with the general reader.
    @_spi(Testing) public func isSameReading(as other: Table) -> Bool {
        guard columnNames == other.columnNames, rowCount == other.rowCount else { return false }
        for (x, y) in zip(columns, other.columns) {
            switch (x.values, y.values) {
            case (.numeric(let u), .numeric(let v)):
                if !u.elementsEqual(v, by: { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }) { return false }
            default:
                if x.values != y.values { return false }
            }
            if x.firstNonNumeric?.line != y.firstNonNumeric?.line || x.firstNonNumeric?.text != y.firstNonNumeric?.text {
                return false
            }
        }
        return true
    }
}
