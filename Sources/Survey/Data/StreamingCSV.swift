/// A delimited file read as a sequence of tables of whole records, about `chunkBytes` of the file
/// each, so a pass over a file larger than memory holds one chunk's columns at a time (the
/// streaming `estimate`). Each chunk goes through the parallel fast path (`ParallelCSV`) on its
/// byte range of the mapped file; a chunk that path cannot take (quoted line breaks, `""`
/// escapes, a column mixing numbers and text, a field-count error, NaN/Inf words…) is read by
/// the general reader instead — extended first to a line end outside quotes, so a quoted line
/// break never splits a record — which gives the same table or the precise error with the
/// file's own line numbers. Text columns carry the chunk's own levels (first-seen order).
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

    /// Calls `body` with each chunk's table, in file order, and the number of rows before it.
    public func forEachChunk(_ body: (Table, Int) throws -> Void) throws {
        var cursor = try ChunkCursor(self)
        while let (table, rowsBefore) = try cursor.next() { try body(table, rowsBefore) }
    }

    /// The chunks of a file, one `next()` at a time (what `forEachChunk` and the overlapped pass
    /// share, so both see exactly the same tables).
    struct ChunkCursor {
        let reader: StreamingCSV
        let file: MappedFile
        let delimiter: UInt8
        var from: Int
        var rowsBefore = 0
        /// The file line `from` is on (the header is line 1).
        var line = 2
        /// The header line's bytes with its line end (what a chunk read by the general reader starts with).
        let header: [UInt8]

        /// A cursor at the first record of `reader`'s file.
        init(_ reader: StreamingCSV) throws {
            guard case .delimiter(let delimiter) = CSVReader(separator: reader.separator).fieldSeparator else {
                throw DataError("cannot stream a whitespace-separated file; run without --stream", file: reader.path)
            }
            guard let file = MappedFile(path: reader.path) else {
                throw DataError("cannot stream: not a readable, non-empty regular file", file: reader.path)
            }
            let data = file.base, size = file.count
            var start = 0
            if size >= 3, data[0] == 0xEF, data[1] == 0xBB, data[2] == 0xBF { start = 3 }
            var from = start
            while from < size && data[from] != 0x0A { from += 1 }
            self.reader = reader
            self.file = file
            self.delimiter = delimiter
            self.header = Array(UnsafeBufferPointer(start: data + start, count: min(from, size) - start)) + [0x0A]
            self.from = from + 1
        }

        /// The next chunk's table and the rows before it, or nil after the last record.
        mutating func next() throws -> (Table, Int)? {
            let data = file.base, size = file.count, path = reader.path
            guard from < size else { return nil }
            var to = min(from + reader.chunkBytes, size)
            while to < size && data[to - 1] != 0x0A { to += 1 }
            let table: Table, lines: Int
            if let fast = try ParallelCSV.readLines(
                path: path, delimiter: delimiter, separator: reader.separator, threads: reader.threads,
                minimumChunkBytes: 8 << 20, records: from..<to, firstLine: line) {
                (table, lines) = fast
            } else {
                to = Self.endOutsideQuotes(data, from: from, to: to, size: size)
                lines = ParallelCSV.countLineFeeds(data, from..<to) + (data[to - 1] == 0x0A ? 0 : 1)
                let records = Array(UnsafeBufferPointer(start: data + from, count: to - from))
                table = try CSVReader(separator: reader.separator).read(bytes: header + records, name: path, firstLine: line - 1)
            }
            file.release(from..<to)
            defer {
                rowsBefore += table.rowCount
                line += lines
                from = to
            }
            return (table, rowsBefore)
        }

        /// `to`, or the first line end after it where an even number of quotes lies between
        /// `from` and it (a chunk that starts outside quotes then ends outside them too): the
        /// end of a run of whole records even when quoted fields hold line breaks.
        static func endOutsideQuotes(_ data: UnsafePointer<UInt8>, from: Int, to: Int, size: Int) -> Int {
            var quotes = 0
            for i in from..<to where data[i] == 0x22 { quotes += 1 }
            var end = to
            while quotes % 2 == 1 && end < size {
                repeat {
                    if data[end] == 0x22 { quotes += 1 }
                    end += 1
                } while end < size && data[end - 1] != 0x0A
            }
            return end
        }
    }

    /// The header's column names (as the whole-file reader names them).
    public func columnNames() throws(DataError) -> [String] {
        guard let file = MappedFile(path: path) else {
            throw DataError("cannot stream: not a readable, non-empty regular file", file: path)
        }
        var start = 0, end = 0
        if file.count >= 3, file.base[0] == 0xEF, file.base[1] == 0xBB, file.base[2] == 0xBF { start = 3 }
        end = start
        while end < file.count && file.base[end] != 0x0A { end += 1 }
        let bytes = Array(UnsafeBufferPointer(start: file.base + start, count: end - start))
        return try CSVReader(separator: separator).read(bytes: bytes + [0x0A], name: path).columnNames
    }
}
