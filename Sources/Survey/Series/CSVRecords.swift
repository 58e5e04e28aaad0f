/// A minimal RFC 4180 reader and writer for the project's own data files (series CSVs, the
/// built-in `datasets/` files): comma-separated, `"`-quoted fields with `""` for a quote,
/// quoted fields may span lines, `\n` or `\r\n` line ends, UTF-8.
///
/// General-purpose CSV input (type inference, delimiters, encodings) is the `Data` reader's job;
/// this one only has to read what `CSVRecords.line(_:)` writes plus hand-edited variants of it.
public enum CSVRecords {
    /// One parsed record with the 1-based line number it starts on.
    public struct Record: Sendable, Equatable {
        public var line: Int
        public var fields: [String]
    }

    /// Splits `text` into records. Blank lines are skipped. Throws on an unterminated quote or
    /// text after a closing quote, naming the line.
    public static func parse(_ text: String, file: String? = nil) throws(DataError) -> [Record] {
        var records: [Record] = []
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
                records.append(Record(line: recordLine, fields: fields))
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

    /// One CSV line (with trailing `\n`): fields containing a comma, quote, CR or LF are quoted.
    public static func line(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",") + "\n"
    }

    /// A field quoted when needed. Checked on bytes, not Characters: "\r\n" is one Character,
    /// equal to neither "\r" nor "\n", and a field holding it was written unquoted.
    public static func escape(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Named access to the fields of records that share a header row.
public struct CSVHeader: Sendable {
    public let names: [String]
    private let index: [String: Int]
    public let file: String?

    /// Indexes `names`; throws when one of `required` is absent, listing what the header has.
    public init(_ names: [String], required: [String], file: String?) throws(DataError) {
        self.names = names
        self.file = file
        var index: [String: Int] = [:]
        for (i, n) in names.enumerated() where index[n] == nil { index[n] = i }
        self.index = index
        let missing = required.filter { index[$0] == nil }
        guard missing.isEmpty else {
            throw DataError(
                "missing column(s) \(missing.joined(separator: ", ")); the header has \(names.joined(separator: ", "))",
                file: file, line: 1)
        }
    }

    /// Whether the header has this column.
    public func has(_ name: String) -> Bool { index[name] != nil }

    /// The field `name` of `record` ("" when the column is absent or the record is short).
    public func field(_ name: String, in record: CSVRecords.Record) -> String {
        guard let i = index[name], i < record.fields.count else { return "" }
        return record.fields[i]
    }
}
