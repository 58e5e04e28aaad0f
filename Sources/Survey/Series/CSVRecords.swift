#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText
import SurveyData

/// A minimal RFC 4180 reader and writer for the project's own data files (series CSVs, the
/// built-in `datasets/` files): comma-separated, `"`-quoted fields with `""` for a quote,
/// quoted fields may span lines, `\n` or `\r\n` line ends, UTF-8.
///
/// General-purpose CSV input (type inference, delimiters, encodings) is the `Data` reader's job;
/// this one only has to read what `CSVRecords.line(_:)` writes plus hand-edited variants of it.
enum CSVRecords {
    /// One parsed record with the 1-based line number it starts on.
    struct Record: Sendable, Equatable {
        var line: Int
        var fields: [String]
    }

    /// Splits `text` into records. Blank lines are skipped. Throws on an unterminated quote or
    /// text after a closing quote, naming the line.
    static func parse(_ text: String, file: String? = nil) throws(DataError) -> [Record] {
        var text = text
        // `withUTF8` reads a literal's bytes in place (the built-in data are literals): no copy.
        let result = text.withUTF8 { bytes in
            Result { () throws(DataError) -> [Record] in try parse(bytes: bytes, file: file) }
        }
        return try result.get()
    }

    /// The parser proper: one field at a time, each decoded from its bytes in one piece (a
    /// scratch buffer only when the field drops a `\r` or unescapes `""`), since the
    /// built-in data are parsed on every interactive command (issue 17 item 4).
    static func parse(bytes b: UnsafeBufferPointer<UInt8>, file: String?) throws(DataError) -> [Record] {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        let n = b.count
        var records: [Record] = []
        var fields: [String] = []
        var scratch: [UInt8] = []
        var line = 1
        var recordLine = 1
        var i = 0
        func decode(_ from: Int, _ to: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: b[from..<to]), as: UTF8.self)
        }
        func endRecord() {
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
        }
        guard n > 0 else { return [] }
        while true {
            // One field. A `\r` outside quotes is dropped wherever it stands, so it neither
            // starts a field's text nor stops a quote from opening it.
            while i < n, b[i] == cr { i += 1 }
            let quoted = i < n && b[i] == quote
            let value: String
            if quoted {
                i += 1
                var segment = i
                scratch.removeAll(keepingCapacity: true)
                while true {
                    guard i < n else { throw DataError("unterminated quoted field", file: file, line: recordLine) }
                    let c = b[i]
                    if c == quote {
                        if i + 1 < n, b[i + 1] == quote {
                            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[segment...i]))
                            i += 2
                            segment = i
                            continue
                        }
                        break
                    }
                    if c == lf { line += 1 }
                    i += 1
                }
                value = scratch.isEmpty ? decode(segment, i) : {
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[segment..<i]))
                    return String(decoding: scratch, as: UTF8.self)
                }()
                i += 1
                while i < n, b[i] == cr { i += 1 }
                if i < n, b[i] != comma, b[i] != lf {
                    throw DataError("text after a closing quote", file: file, line: line)
                }
            } else {
                var segment = i
                var split = false
                scratch.removeAll(keepingCapacity: true)
                while i < n {
                    let c = b[i]
                    if c == comma || c == lf { break }
                    if c == cr {
                        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[segment..<i]))
                        split = true
                        segment = i + 1
                    }
                    i += 1
                }
                if split {
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[segment..<i]))
                    value = String(decoding: scratch, as: UTF8.self)
                } else {
                    value = decode(segment, i)
                }
            }
            if i == n {
                if !value.isEmpty || !fields.isEmpty || quoted {
                    fields.append(value)
                    endRecord()
                }
                return records
            }
            fields.append(value)
            if b[i] == lf {
                endRecord()
                line += 1
                recordLine = line
            }
            i += 1
        }
    }

    /// One CSV line (with trailing `\n`): fields containing a comma, quote, CR or LF are quoted.
    static func line(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",") + "\n"
    }

    /// A field quoted when needed. Checked on bytes, not Characters: "\r\n" is one Character,
    /// equal to neither "\r" nor "\n", and a field holding it was written unquoted.
    static func escape(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        return "\"" + field.replacingEvery("\"", with: "\"\"") + "\""
    }
}

/// Named access to the fields of records that share a header row.
struct CSVHeader: Sendable {
    let names: [String]
    private let index: [String: Int]
    let file: String?

    /// Indexes `names`; throws when one of `required` is absent, listing what the header has.
    init(_ names: [String], required: [String], file: String?) throws(DataError) {
        self.names = names
        self.file = file
        var index: [String: Int] = [:]
        for (i, n) in names.enumerated() {
            // Which of two same-named columns holds the figures is unknowable: refuse, as the data reader does.
            if let earlier = index[n] {
                throw DataError("column name '\(n)' appears twice in the header (columns \(earlier + 1) and \(i + 1))",
                                file: file, line: 1, column: "\(i + 1)")
            }
            index[n] = i
        }
        self.index = index
        let missing = required.filter { index[$0] == nil }
        guard missing.isEmpty else {
            throw DataError(
                "missing column(s) \(missing.joined(separator: ", ")); the header has \(names.joined(separator: ", "))",
                file: file, line: 1)
        }
    }

    /// The column's position, if the header has it.
    func position(_ name: String) -> Int? { index[name] }

    /// Whether the header has this column.
    func has(_ name: String) -> Bool { index[name] != nil }

    /// The field `name` of `record` ("" when the column is absent or the record is short).
    func field(_ name: String, in record: CSVRecords.Record) -> String {
        guard let i = index[name], i < record.fields.count else { return "" }
        return record.fields[i]
    }
}
