/// A delimited file read as a sequence of tables of whole records, about `chunkBytes` of the file
/// a chunk, so a pass over a file larger than memory holds one chunk's columns at a time (the
/// streaming `estimate`). Each chunk goes through the parallel fast path (`ParallelCSV.readPieces`)
/// on its byte range of the file, which hands it on as one table per piece a thread parsed (no
/// piece waits for the rows before it, so no line-counting pass). A chunk that path cannot take
/// (quoted line breaks, `""` escapes, a column mixing numbers and text, a field-count error,
/// NaN/Inf words…) is read by the general reader instead — extended first to a line end outside
/// quotes, so a quoted line break never splits a record — which gives the same table or the
/// precise error with the file's own line numbers. Text columns carry their table's own levels
/// (first-seen order).
public struct StreamingCSV: Sendable {
    public let path: String
    /// Target bytes per chunk (at least one whole record is always taken).
    public var chunkBytes: Int
    /// Threads per chunk (nil: all cores, or `BAROMETER_THREADS`).
    public var threads: Int?
    let separator: CSVReader.Separator

    /// A reader of `path` with fields split by `separator` (comma, semicolon or tab).
    public init(path: String, separator: CSVReader.Separator = .comma, chunkBytes: Int = 64 << 20, threads: Int? = nil) {
        self.path = path
        self.separator = separator
        self.chunkBytes = max(chunkBytes, 1)
        self.threads = threads
    }

    /// Calls `body` with each table (a chunk, or a piece of one), in file order, and the number
    /// of rows before it.
    public func forEachChunk(_ body: (Table, Int) throws -> Void) throws {
        var cursor = try ChunkCursor(self)
        while let (tables, rowsBefore) = try cursor.next() { try Self.handOn(tables, rowsBefore, to: body) }
    }

    /// The chunks of a file, one `next()` at a time (what `forEachChunk` and the overlapped pass
    /// share, so both see exactly the same tables).
    struct ChunkCursor {
        let reader: StreamingCSV
        let file: MappedFile
        let delimiter: UInt8
        var from: Int
        var rowsBefore = 0
        /// The file line `from` is on (the line after the header's).
        var line: Int
        /// The header line's bytes with its line end (what a chunk read by the general reader starts with).
        let header: [UInt8]
        /// Lines the header spans (a quoted name may hold a line break).
        let headerLines: Int
        /// Pieces a parsing thread takes of each chunk (`ParallelCSV.readPieces`).
        var piecesPerThread = 1
        /// The last chunk's bytes a record (nil before the first): the pieces' reserved rows.
        var bytesPerRow: Double?

        /// A cursor at the first record of `reader`'s file.
        init(_ reader: StreamingCSV) throws {
            guard case .delimiter(let delimiter) = CSVReader(separator: reader.separator).fieldSeparator else {
                throw DataError("cannot stream a whitespace-separated file; run without --stream", file: reader.path)
            }
            guard let file = MappedFile(path: reader.path) else {
                throw DataError("cannot stream: not a readable, non-empty regular file", file: reader.path)
            }
            let data = file.base, size = file.count
            var start = 0, line = 1
            if size >= 3, data[0] == 0xEF, data[1] == 0xBB, data[2] == 0xBF { start = 3 }
            // Blank lines before the header are skipped, as the whole-file reader skips them.
            while start < size {
                if data[start] == 0x0A { start += 1; line += 1; continue }
                if data[start] == 0x0D, start + 1 < size, data[start + 1] == 0x0A { start += 2; line += 1; continue }
                break
            }
            // The header record ends where the general reader's tokenizer ends it (a quoted name
            // may hold a line break): one more line at a time until the first record is whole.
            let fields = CSVReader(separator: reader.separator).fieldSeparator
            var end = start, whole = false
            while !whole && end < size {
                while end < size && data[end] != 0x0A { end += 1 }
                end = min(end + 1, size)
                var tokenizer = DelimitedTokenizer(separator: fields, file: reader.path)
                var sink = SkippedRecords()
                let scanned = try? tokenizer.scan(UnsafeBufferPointer(start: data + start, count: end - start), from: 0,
                                                  final: end == size, sink: &sink)
                whole = scanned.map { $0 > 0 } ?? true
            }
            self.reader = reader
            self.file = file
            self.delimiter = delimiter
            var header = Array(UnsafeBufferPointer(start: data + start, count: end - start))
            // Read once as the whole-file reader would: a malformed header is its error.
            _ = try CSVReader(separator: reader.separator).read(bytes: header, name: reader.path, firstLine: line)
            if header.last != 0x0A { header.append(0x0A) }
            self.header = header
            headerLines = header.filter { $0 == 0x0A }.count
            self.line = line + headerLines
            self.from = end
        }

        /// The next chunk's tables (one, or one a piece of the parallel parse) and the rows before
        /// the first, or nil after the last record.
        mutating func next() throws -> ([Table], Int)? {
            let data = file.base, size = file.count, path = reader.path
            guard from < size else { return nil }
            var to = min(from + reader.chunkBytes, size)
            while to < size && data[to - 1] != 0x0A { to += 1 }
            let tables: [Table], lines: Int
            if let fast = try ParallelCSV.readPieces(
                path: path, delimiter: delimiter, separator: reader.separator, threads: reader.threads,
                minimumChunkBytes: 8 << 20, records: from..<to, firstLine: line, piecesPerThread: piecesPerThread,
                bytesPerRow: bytesPerRow) {
                (tables, lines) = fast
            } else {
                to = Self.recordsEnd(data, from: from, to: to, size: size, separator: CSVReader(separator: reader.separator).fieldSeparator)
                lines = ParallelCSV.countLineFeeds(data, from..<to) + (data[to - 1] == 0x0A ? 0 : 1)
                let records = Array(UnsafeBufferPointer(start: data + from, count: to - from))
                tables = [try CSVReader(separator: reader.separator).read(bytes: header + records, name: path, firstLine: line - headerLines)]
            }
            file.release(from..<to)
            defer {
                let rows = tables.reduce(0) { $0 + $1.rowCount }
                bytesPerRow = rows > 0 ? Double(to - from) / Double(rows) : nil
                rowsBefore += rows
                line += lines
                from = to
            }
            return (tables, rowsBefore)
        }

        /// The end of the whole records from `from` up to `to`, as the general reader's tokenizer
        /// ends them (a quoted field may hold line breaks, so `to` may fall inside a record),
        /// reaching past `to` while not one record ends before it. On malformed input: `to`, so
        /// the general reader meets the problem in file order and reports it.
        static func recordsEnd(_ data: UnsafePointer<UInt8>, from: Int, to: Int, size: Int, separator: FieldSeparator) -> Int {
            var limit = to
            while true {
                var tokenizer = DelimitedTokenizer(separator: separator, file: "")
                var sink = SkippedRecords()
                let final = limit >= size
                guard let consumed = try? tokenizer.scan(UnsafeBufferPointer(start: data + from, count: limit - from), from: 0,
                                                         final: final, sink: &sink) else { return limit }
                if final { return size }
                if consumed > 0 { return from + consumed }
                limit = min(size, limit + max(limit - from, 1 << 16))
            }
        }
    }

    /// Calls `body` with each of a chunk's tables and the rows before it.
    static func handOn(_ tables: [Table], _ rowsBefore: Int, to body: (Table, Int) throws -> Void) rethrows {
        var before = rowsBefore
        for table in tables {
            try body(table, before)
            before += table.rowCount
        }
    }

    /// The header's column names (as the whole-file reader names them).
    public func columnNames() throws -> [String] {
        let cursor = try ChunkCursor(self)
        return try CSVReader(separator: separator).read(bytes: cursor.header, name: path).columnNames
    }
}

/// A record sink that keeps nothing: the tokenizer alone finds where records end.
private struct SkippedRecords: RecordSink {
    mutating func record(_ fields: [FieldSpan], in buffer: UnsafeBufferPointer<UInt8>, line: Int) throws(DataError) {}
    mutating func comment(_ text: UnsafeBufferPointer<UInt8>, line: Int) {}
}
