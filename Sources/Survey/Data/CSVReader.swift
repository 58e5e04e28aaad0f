/// Reads delimited text (CSV, or whitespace-separated numbers with `#` comments) into a `Table`,
/// streaming the file in chunks.
///
/// Rules (RFC 4180 plus the usual practice of R's `read.csv` and pandas):
/// - The first record is the header. An empty header name becomes `V<n>` (R's `write.csv` leaves
///   the row-name column unnamed); a repeated name is an error naming both columns.
/// - Fields may be quoted with `"`; inside quotes `""` is a quote and commas and line breaks are
///   text. Unquoted fields are trimmed of spaces and tabs; quoted fields are kept verbatim.
/// - Line ends are LF or CRLF; a UTF-8 byte-order mark is skipped; empty lines are skipped.
/// - An empty cell or `NA` is missing.
/// - Types are inferred per column: numeric if every non-missing cell is a finite number
///   (quoted or not), otherwise categorical with levels in **first-seen order**, and the column
///   remembers its first non-numeric cell (`Column.firstNonNumeric`) so `Table.numeric(_:)` can
///   name it. `NaN`/`Inf`/`-Inf` in an otherwise numeric column is an error (file, line, column).
/// - Every record must have as many fields as the header (error names the line and both counts).
///
/// Whitespace mode (`separator: .whitespace`, NIST StRD `.dat` style): fields are separated by
/// spaces/tabs and `#` starts a comment. The first line is a header only if one of its fields is
/// not a number; otherwise the names come from a comment of the form `… columns y x1 x2 (…` when
/// its name count matches, else `V1`, `V2`, ….
///
/// Speed: files on disk go through `ParallelCSV` (mapped, parsed by all cores straight into the
/// columns) unless they hold something only this streaming reader handles.
///
/// Memory: one chunk buffer plus the columns (8 bytes a numeric cell, 4 a categorical one, pre-
/// sized from the file size and the first chunk's bytes per row). A column that turns categorical
/// after numbers triggers a second pass over the file to recover the text of those numbers.
public struct CSVReader: Sendable {
    /// How fields are separated.
    public enum Separator: Sendable, Equatable {
        case comma, semicolon, tab, whitespace

        /// In words, plural, for messages ("tabs"): the separator was detected from the header,
        /// so an error says which one it took.
        public var name: String {
            switch self {
            case .comma: "commas"
            case .semicolon: "semicolons"
            case .tab: "tabs"
            case .whitespace: "spaces or tabs"
            }
        }
    }

    /// Field separator (default comma).
    public var separator: Separator
    /// Bytes read per chunk (default 4 MiB).
    public var chunkSize: Int

    public init(separator: Separator = .comma, chunkSize: Int = 1 << 22) {
        self.separator = separator
        self.chunkSize = chunkSize
    }

    /// Reads the file at `path`: delimited files first through the parallel fast path
    /// (`ParallelCSV`), which hands anything irregular back to the general streaming reader.
    public func read(path: String) throws(DataError) -> Table {
        if case .delimiter(let d) = fieldSeparator,
           let table = try ParallelCSV.read(path: path, delimiter: d, separator: separator) {
            return table
        }
        return try read(name: path) { () throws(DataError) -> FileByteSource in try FileByteSource(path: path) }
    }

    /// Reads in-memory bytes; `name` stands in for the file name in errors.
    public func read(bytes: [UInt8], name: String) throws(DataError) -> Table {
        try read(bytes: bytes, name: name, firstLine: 1)
    }

    /// Reads in-memory bytes that start on line `firstLine` of the file `name` (a piece of it:
    /// errors and cell locations give the file's own line numbers).
    func read(bytes: [UInt8], name: String, firstLine: Int) throws(DataError) -> Table {
        try read(name: name, firstLine: firstLine) { () throws(DataError) -> MemoryByteSource in MemoryByteSource(bytes) }
    }

    var fieldSeparator: FieldSeparator {
        switch separator {
        case .comma: return .delimiter(UInt8(ascii: ","))
        case .semicolon: return .delimiter(UInt8(ascii: ";"))
        case .tab: return .delimiter(UInt8(ascii: "\t"))
        case .whitespace: return .whitespace
        }
    }

    private func read<Source: ByteSource>(
        name: String, firstLine: Int = 1, open: () throws(DataError) -> Source
    ) throws(DataError) -> Table {
        let scan = ChunkedScan(chunkSize: chunkSize, separator: fieldSeparator, file: name, firstLine: firstLine)
        var source = try open()
        let total = source.totalBytes
        var sink = TableSink(file: name, whitespace: separator == .whitespace, separatorName: separator.name)
        try scan.run(&source, sink: &sink, afterFirstChunk: { sink, consumed in
            sink.reserve(totalBytes: total, consumedBytes: consumed)
        })
        guard sink.hasHeader else {
            throw DataError(total == 0 ? "file is empty: expected a header line" : "no header line found (only comments or blank lines)", file: name)
        }
        if sink.builders.contains(where: \.needsReread) {
            var again = try open()
            var reread = RereadSink(file: name, builders: sink.builders, skipHeader: sink.headerIsRecord)
            try scan.run(&again, sink: &reread, shouldStop: { $0.isDone })
            reread.resolve(into: &sink.builders)
        }
        var columns: [Column] = []
        columns.reserveCapacity(sink.builders.count)
        for j in sink.builders.indices {
            columns.append(try sink.builders[j].take(file: name))
        }
        return try Table(columns: columns, source: name)
    }
}
