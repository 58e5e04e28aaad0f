/// One field of a record: a byte range of the chunk buffer.
struct FieldSpan {
    /// First byte (after the opening quote, if quoted).
    var start: Int
    /// One past the last byte (before the closing quote, if quoted).
    var end: Int
    /// Whether the field was quoted (quoted text is kept verbatim, never trimmed).
    var quoted: Bool
    /// Whether the quoted text contains doubled quotes `""` to be collapsed.
    var hasEscapedQuotes: Bool
}

/// Receives the records the tokenizer finds.
protocol RecordSink {
    /// One complete record; `line` is the 1-based line it starts on.
    mutating func record(_ fields: [FieldSpan], in buffer: UnsafeBufferPointer<UInt8>, line: Int) throws(DataError)
    /// A `#` comment line (whitespace mode only), without the `#`.
    mutating func comment(_ text: UnsafeBufferPointer<UInt8>, line: Int)
}

/// How fields are separated.
enum FieldSeparator: Sendable, Equatable {
    /// RFC 4180: a delimiter byte (`,` `;` or tab), `"` quoting with `""` escapes, fields may
    /// span lines inside quotes.
    case delimiter(UInt8)
    /// Runs of spaces and tabs; `#` starts a comment running to the end of the line; no quoting.
    case whitespace
}

/// Splits chunks of bytes into records of fields without copying (see `FieldSpan`).
///
/// Line ends are LF or CRLF; empty lines are skipped. A record cut by the end of a chunk is not
/// reported: `scan` returns where it starts so the caller can carry those bytes into the next
/// chunk and scan them again (the line counter is rewound to match).
struct DelimitedTokenizer {
    let separator: FieldSeparator
    let file: String
    /// Line number at the current scan position.
    private(set) var line = 1
    private var fields: [FieldSpan] = []

    /// A tokenizer whose first byte is on line `line` (1 for a whole file).
    init(separator: FieldSeparator, file: String, line: Int = 1) {
        self.separator = separator
        self.file = file
        self.line = line
    }

    /// Scans `buffer[from...]`, reporting complete records to `sink`; returns the offset of the
    /// first unconsumed byte. With `final`, the data ends here (the last line may lack a newline).
    mutating func scan<S: RecordSink>(
        _ buffer: UnsafeBufferPointer<UInt8>, from: Int, final: Bool, sink: inout S
    ) throws(DataError) -> Int {
        switch separator {
        case .delimiter(let d): return try scanDelimited(buffer, from: from, final: final, delimiter: d, sink: &sink)
        case .whitespace: return try scanWhitespace(buffer, from: from, final: final, sink: &sink)
        }
    }

    private static let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    private mutating func scanDelimited<S: RecordSink>(
        _ buf: UnsafeBufferPointer<UInt8>, from: Int, final: Bool, delimiter: UInt8, sink: inout S
    ) throws(DataError) -> Int {
        let n = buf.count, quote = Self.quote, lf = Self.lf, cr = Self.cr
        var i = from
        records: while i < n {
            let recordStart = i, recordLine = line
            // Skip empty lines.
            if buf[i] == lf { i += 1; line += 1; continue }
            if buf[i] == cr {
                if i + 1 < n && buf[i + 1] == lf { i += 2; line += 1; continue }
                if i + 1 >= n && !final { return recordStart }
            }
            fields.removeAll(keepingCapacity: true)
            while true {
                if i < n && buf[i] == quote {
                    let openLine = line
                    i += 1
                    let start = i
                    var escaped = false
                    while true {
                        guard i < n else {
                            if !final { line = recordLine; return recordStart }
                            throw DataError("quoted field is never closed (missing '\"')", file: file,
                                            line: openLine, column: "\(fields.count + 1)")
                        }
                        let c = buf[i]
                        if c == quote {
                            if i + 1 < n {
                                if buf[i + 1] == quote { escaped = true; i += 2; continue }
                            } else if !final {
                                line = recordLine; return recordStart
                            }
                            break
                        }
                        if c == lf { line += 1 }
                        i += 1
                    }
                    fields.append(FieldSpan(start: start, end: i, quoted: true, hasEscapedQuotes: escaped))
                    i += 1
                    if i >= n {
                        if !final { line = recordLine; return recordStart }
                        try sink.record(fields, in: buf, line: recordLine)
                        break records
                    }
                    let c = buf[i]
                    if c == delimiter { i += 1; continue }
                    if c == lf { i += 1; line += 1; try sink.record(fields, in: buf, line: recordLine); continue records }
                    if c == cr && i + 1 < n && buf[i + 1] == lf {
                        i += 2; line += 1; try sink.record(fields, in: buf, line: recordLine); continue records
                    }
                    if c == cr && i + 1 >= n && !final { line = recordLine; return recordStart }
                    throw DataError("unexpected text after a closing quote (a quote inside a quoted field must be doubled: \"\")",
                                    file: file, line: line, column: "\(fields.count)")
                } else {
                    let start = i
                    while i < n {
                        let c = buf[i]
                        if c == delimiter || c == lf { break }
                        i += 1
                    }
                    if i >= n && !final { line = recordLine; return recordStart }
                    var end = i
                    if end > start && buf[end - 1] == cr { end -= 1 }
                    fields.append(FieldSpan(start: start, end: end, quoted: false, hasEscapedQuotes: false))
                    if i >= n {
                        try sink.record(fields, in: buf, line: recordLine)
                        break records
                    }
                    if buf[i] == delimiter { i += 1; continue }
                    i += 1
                    line += 1
                    try sink.record(fields, in: buf, line: recordLine)
                    continue records
                }
            }
        }
        return i
    }

    private mutating func scanWhitespace<S: RecordSink>(
        _ buf: UnsafeBufferPointer<UInt8>, from: Int, final: Bool, sink: inout S
    ) throws(DataError) -> Int {
        let n = buf.count, lf = Self.lf, cr = Self.cr
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), hash = UInt8(ascii: "#")
        var i = from
        while i < n {
            let recordStart = i, recordLine = line
            // Find the end of this line first: a record is exactly one line.
            var eol = i
            while eol < n && buf[eol] != lf { eol += 1 }
            if eol >= n && !final { return recordStart }
            fields.removeAll(keepingCapacity: true)
            var j = i
            while j < eol {
                let c = buf[j]
                if c == space || c == tab || c == cr { j += 1; continue }
                if c == hash {
                    if fields.isEmpty {
                        sink.comment(UnsafeBufferPointer(rebasing: buf[(j + 1)..<eol]), line: recordLine)
                    }
                    break
                }
                let start = j
                while j < eol {
                    let d = buf[j]
                    if d == space || d == tab || d == cr || d == hash { break }
                    j += 1
                }
                fields.append(FieldSpan(start: start, end: j, quoted: false, hasEscapedQuotes: false))
            }
            i = eol < n ? eol + 1 : eol
            line += 1
            if !fields.isEmpty { try sink.record(fields, in: buf, line: recordLine) }
        }
        return i
    }
}
