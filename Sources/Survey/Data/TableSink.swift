/// Turns tokenized records into column builders: header handling, field-count checks, cells.
struct TableSink: RecordSink {
    let file: String
    /// Whitespace mode: the first line may be data, and names may come from a comment.
    let whitespace: Bool
    /// The separator in words, for the field-count error ("commas", "tabs").
    let separatorName: String
    var builders: [ColumnBuilder] = []
    private(set) var hasHeader = false
    /// Whether the first record was a header line (false for a whitespace file starting with data).
    private(set) var headerIsRecord = true
    private var commentNames: [String]?
    private var rows = 0
    private let scratch = CellScratch()

    init(file: String, whitespace: Bool, separatorName: String = "commas") {
        self.file = file
        self.whitespace = whitespace
        self.separatorName = separatorName
    }

    mutating func record(_ fields: [FieldSpan], in buffer: UnsafeBufferPointer<UInt8>, line: Int) throws(DataError) {
        if !hasHeader {
            try readHeader(fields, buffer, line: line)
            if headerIsRecord { return }
        }
        guard fields.count == builders.count else {
            throw DataError("expected \(builders.count) fields separated by \(separatorName) (as in the header) but found \(fields.count)",
                            file: file, line: line)
        }
        for j in 0..<fields.count {
            let cell = scratch.text(of: fields[j], in: buffer)
            builders[j].append(cell, missing: isMissingCell(cell), line: line)
        }
        rows += 1
    }

    mutating func comment(_ text: UnsafeBufferPointer<UInt8>, line: Int) {
        guard !hasHeader else { return }
        let words = String(decoding: text, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let k = words.firstIndex(where: { $0 == "columns" || $0 == "columns:" }) else { return }
        var names: [String] = []
        for w in words[(k + 1)...] {
            if w.hasPrefix("(") { break }
            names.append(String(w))
        }
        if !names.isEmpty { commentNames = names }
    }

    /// Pre-sizes numeric storage from the file size and the bytes per row of the first chunk.
    mutating func reserve(totalBytes: Int?, consumedBytes: Int) {
        guard let total = totalBytes, rows > 0, consumedBytes > 0, total > consumedBytes else { return }
        let estimate = Double(total) / Double(consumedBytes) * Double(rows) * 1.02 + 16
        guard estimate < 1e10 else { return }
        for j in builders.indices { builders[j].reserve(Int(estimate)) }
    }

    private mutating func readHeader(_ fields: [FieldSpan], _ buffer: UnsafeBufferPointer<UInt8>, line: Int) throws(DataError) {
        hasHeader = true
        var names: [String] = []
        var allNumeric = true
        for f in fields {
            let cell = scratch.text(of: f, in: buffer)
            if case .number = parseNumber(cell) {} else { allNumeric = false }
            guard LevelTable.isValidUTF8(cell) else {
                throw DataError("column name '\(String(decoding: cell, as: UTF8.self).prefix(80))' is not UTF-8 text (barometer reads "
                                + "text files as UTF-8): re-save the file as UTF-8, or convert it, e.g. iconv -f WINDOWS-1251 -t UTF-8",
                                file: file, line: line)
            }
            names.append(String(decoding: cell, as: UTF8.self))
        }
        if whitespace && allNumeric {
            headerIsRecord = false
            names = commentNames.flatMap { $0.count == fields.count ? $0 : nil }
                ?? (1...max(fields.count, 1)).map { "V\($0)" }
        }
        // Lines ended by CR alone (classic Mac OS): the whole file reads as one line, and its cells
        // as a header with repeated names. Say so instead.
        if let j = names.indices.first(where: { $0 < fields.count && !fields[$0].quoted && names[$0].contains("\r") }) {
            throw DataError("line ends are a carriage return alone (classic Mac OS): save the file with LF or CRLF line ends",
                            file: file, line: line, column: "\(j + 1)")
        }
        var firstIndex: [String: Int] = [:]
        for (j, raw) in names.enumerated() {
            let name = raw.isEmpty ? "V\(j + 1)" : raw
            if let earlier = firstIndex[name] {
                throw DataError("column name '\(name)' appears twice in the header (columns \(earlier + 1) and \(j + 1))",
                                file: file, line: line, column: "\(j + 1)")
            }
            firstIndex[name] = j
            builders.append(ColumnBuilder(name: name))
        }
    }
}

/// Second pass for columns that turned categorical after holding numbers: interns the text of
/// their early rows, then hands it to `ColumnBuilder.resolve`.
struct RereadSink: RecordSink {
    let file: String
    private let targets: [(column: Int, rows: Int)]
    private var early: [LevelTable]
    private var earlyCodes: [[Int32]]
    private var row = 0
    private var headerPending: Bool
    private let lastRow: Int
    private let scratch = CellScratch()

    init(file: String, builders: [ColumnBuilder], skipHeader: Bool) {
        self.file = file
        targets = builders.enumerated().filter { $0.element.needsReread }.map { ($0.offset, $0.element.rereadRows) }
        early = targets.map { _ in LevelTable() }
        earlyCodes = targets.map { [Int32](repeating: -1, count: $0.rows) }
        lastRow = targets.map(\.rows).max() ?? 0
        headerPending = skipHeader
    }

    /// All early rows have been seen.
    var isDone: Bool { row >= lastRow }

    mutating func record(_ fields: [FieldSpan], in buffer: UnsafeBufferPointer<UInt8>, line: Int) throws(DataError) {
        if headerPending { headerPending = false; return }
        guard row < lastRow else { return }
        for (k, t) in targets.enumerated() where row < t.rows && t.column < fields.count {
            let cell = scratch.text(of: fields[t.column], in: buffer)
            earlyCodes[k][row] = isMissingCell(cell) ? -1 : early[k].intern(cell)
        }
        row += 1
    }

    mutating func comment(_ text: UnsafeBufferPointer<UInt8>, line: Int) {}

    /// Moves the recovered text into the builders.
    func resolve(into builders: inout [ColumnBuilder]) {
        for (k, t) in targets.enumerated() {
            builders[t.column].resolve(earlyCodes: earlyCodes[k], early: early[k])
        }
    }
}

/// An empty cell or the text `NA` is missing.
func isMissingCell(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
    cell.isEmpty || (cell.count == 2 && cell[0] == UInt8(ascii: "N") && cell[1] == UInt8(ascii: "A"))
}

/// Scratch space for collapsing `""` in quoted cells; the returned text stays valid until the
/// next call.
final class CellScratch {
    private var storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 256)

    deinit { storage.deallocate() }

    /// A cell's text: quoted cells verbatim (with `""` collapsed), unquoted ones trimmed of
    /// spaces and tabs.
    func text(of field: FieldSpan, in buffer: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = field.start, end = field.end
        if !field.quoted {
            while start < end && (buffer[start] == 0x20 || buffer[start] == 0x09) { start += 1 }
            while end > start && (buffer[end - 1] == 0x20 || buffer[end - 1] == 0x09) { end -= 1 }
            return UnsafeBufferPointer(rebasing: buffer[start..<end])
        }
        guard field.hasEscapedQuotes else { return UnsafeBufferPointer(rebasing: buffer[start..<end]) }
        if storage.count < end - start {
            storage.deallocate()
            storage = .allocate(capacity: (end - start) * 2)
        }
        var n = 0, i = start
        while i < end {
            storage[n] = buffer[i]
            n += 1
            i += buffer[i] == UInt8(ascii: "\"") ? 2 : 1
        }
        return UnsafeBufferPointer(rebasing: UnsafeBufferPointer(storage)[0..<n])
    }
}
