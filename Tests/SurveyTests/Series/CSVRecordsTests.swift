import Testing
import Survey
@testable import SurveySeries

/// Issue 17 item 4: `CSVRecords.parse` now decodes each field in one piece from the text's bytes.
/// Oracle: the byte-at-a-time state machine it replaced (kept here verbatim as `ByteAtATime`),
/// on hand cases and seeded random texts over the characters that matter (quotes, commas, CR,
/// LF, multi-byte UTF-8): same records, same lines, same errors.
@Suite struct CSVRecordsTests {
    /// Records or the error message with its line, so two parsers can be compared whole.
    static func outcome(_ parse: () throws(DataError) -> [CSVRecords.Record]) -> String {
        do { return try parse().map { "\($0.line):\($0.fields)" }.joined(separator: "|") } catch {
            return "error: \(error)"
        }
    }

    /// By hand: the quoted field keeps its comma, unescapes `""` and keeps its LF; the blank
    /// line and the line holding only `""` are skipped; a trailing comma is an empty field; CR
    /// outside quotes is dropped wherever it stands.
    @Test func handCases() throws {
        let r = try CSVRecords.parse("a,\"b,\"\"c\"\"\nd\"\r\n\n1,2,\n\"\"\n\r\"q\"", file: nil)
        #expect(r.map(\.fields) == [["a", "b,\"c\"\nd"], ["1", "2", ""], ["q"]])
        #expect(r.map(\.line) == [1, 4, 6])
        #expect(throws: DataError.self) { try CSVRecords.parse("\"q\"x") }
        #expect(throws: DataError.self) { try CSVRecords.parse("a\n\"open") }
        #expect(try CSVRecords.parse("x,y,").map(\.fields) == [["x", "y", ""]])
        #expect(try CSVRecords.parse("a\rb,ü\r\n").map(\.fields) == [["ab", "ü"]])
    }

    @Test func agreesWithByteAtATime() {
        let pieces = ["a", "bc", "ü", "€", ",", ",", "\"", "\"\"", "\n", "\r\n", "\r", " ", "1"]
        var rng = SplitMix64(seed: 4)
        for _ in 0..<5000 {
            let n = Int(rng.next() % 16)
            let text = (0..<n).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            #expect(Self.outcome { () throws(DataError) in try CSVRecords.parse(text, file: "f") }
                    == Self.outcome { () throws(DataError) in try ByteAtATime.parse(text, file: "f") },
                    "\(text.debugDescription)")
        }
    }

    /// The built-in files parse to the same records as before.
    @Test func builtInFilesAgree() {
        for (path, text) in EmbeddedDatasets.files where path.hasSuffix(".csv") {
            #expect(Self.outcome { () throws(DataError) in try CSVRecords.parse(text, file: path) }
                    == Self.outcome { () throws(DataError) in try ByteAtATime.parse(text, file: path) }, "\(path)")
        }
    }
}

/// The previous `CSVRecords.parse`, unchanged: the oracle for the faster one.
private enum ByteAtATime {
    static func parse(_ text: String, file: String? = nil) throws(DataError) -> [CSVRecords.Record] {
        var records: [CSVRecords.Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var afterQuote = false
        var line = 1
        var recordLine = 1
        let bytes = Array(text.utf8)
        var i = 0
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            afterQuote = false
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) {
                records.append(CSVRecords.Record(line: recordLine, fields: fields))
            }
            fields.removeAll(keepingCapacity: true)
        }
        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") {
                        field.append(b)
                        i += 1
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    if b == UInt8(ascii: "\n") { line += 1 }
                    field.append(b)
                }
            } else {
                switch b {
                case UInt8(ascii: ","):
                    endField()
                case UInt8(ascii: "\n"):
                    endRecord()
                    line += 1
                    recordLine = line
                case UInt8(ascii: "\r"):
                    break
                case UInt8(ascii: "\"") where field.isEmpty && !afterQuote:
                    inQuotes = true
                default:
                    if afterQuote {
                        throw DataError("text after a closing quote", file: file, line: line)
                    }
                    field.append(b)
                }
            }
            i += 1
        }
        if inQuotes { throw DataError("unterminated quoted field", file: file, line: recordLine) }
        if !field.isEmpty || !fields.isEmpty || afterQuote { endRecord() }
        return records
    }
}
