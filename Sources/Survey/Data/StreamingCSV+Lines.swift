/// The file line of a data row, for errors found after a chunk was parsed (a missing value the
/// streaming estimator meets): blank lines and quoted line breaks make it differ from row + 2, so
/// the file is scanned up to that row — only on the error path.
extension StreamingCSV {
    /// The 1-based file line data row `row` (0-based, header excluded) starts on, or nil if the
    /// file has fewer rows or cannot be read.
    public func line(ofRow row: Int) -> Int? {
        guard case .delimiter = CSVReader(separator: separator).fieldSeparator,
              var source = try? FileByteSource(path: path) else { return nil }
        var sink = RowLineSink(wanted: row)
        let scan = ChunkedScan(chunkSize: 1 << 22, separator: CSVReader(separator: separator).fieldSeparator, file: path)
        do {
            try scan.run(&source, sink: &sink, shouldStop: { $0.line != nil })
        } catch {
            return sink.line
        }
        return sink.line
    }
}

/// Counts records (the first is the header) and keeps the line of data row `wanted`.
private struct RowLineSink: RecordSink {
    let wanted: Int
    var records = 0
    var line: Int?

    mutating func record(_ fields: [FieldSpan], in buffer: UnsafeBufferPointer<UInt8>, line: Int) throws(DataError) {
        if records == wanted + 1 && self.line == nil { self.line = line }
        records += 1
    }

    mutating func comment(_ text: UnsafeBufferPointer<UInt8>, line: Int) {}
}
