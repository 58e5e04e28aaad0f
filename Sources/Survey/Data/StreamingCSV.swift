/// A delimited file read as a sequence of tables of whole records, about `chunkBytes` of the file
/// each, so a pass over a file larger than memory holds one chunk's columns at a time (the
/// streaming `estimate`). Each chunk goes through the parallel fast path (`ParallelCSV`) on its
/// byte range of the mapped file; a chunk that path cannot take (quoted line breaks, `""`
/// escapes, a field-count error, NaN/Inf words…) is an error naming its first line, never a
/// silently different table. Text columns carry the chunk's own levels (first-seen order).
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
            self.from = from + 1
        }

        /// The next chunk's table and the rows before it, or nil after the last record.
        mutating func next() throws -> (Table, Int)? {
            let data = file.base, size = file.count, path = reader.path
            guard from < size else { return nil }
            var to = min(from + reader.chunkBytes, size)
            while to < size && data[to - 1] != 0x0A { to += 1 }
            guard let table = try ParallelCSV.read(
                path: path, delimiter: delimiter, separator: reader.separator, threads: reader.threads,
                minimumChunkBytes: 8 << 20, records: from..<to, firstLine: 2 + rowsBefore)
            else {
                throw DataError(
                    "cannot stream the records after row \(rowsBefore): they need the general CSV reader (quoted line "
                        + "breaks, \"\" escapes, an irregular row or a NaN/Inf word); run without --stream to read the "
                        + "file whole, which also names the exact problem", file: path)
            }
            file.release(from..<to)
            defer {
                rowsBefore += table.rowCount
                from = to
            }
            return (table, rowsBefore)
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
