/// Appends one column to delimited text without touching the rest: every record is copied byte
/// for byte (quotes, `00123`, `NA`, 20-digit IDs, CRLF or LF, a byte-order mark) and the new field
/// goes before its line end. `rake` writes its output this way, so the columns it does not compute
/// are never re-formatted (reading `12345678901234567891` as a Double and writing it back gave
/// `1.2345678901234567e+19`).
///
/// Records follow `CSVReader`'s rules: they end at a line feed outside quotes, and empty lines
/// are not records (they are copied as they are).
package enum DelimitedAppend {
    /// `text` with numeric column `name` appended, `values[k]` (shortest round-trip text, empty
    /// when missing, as `Table.csvData`) in data record k.
    package static func appending(
        _ text: [UInt8], delimiter: UInt8, name: String, numbers: [Double], file: String
    ) throws(DataError) -> [UInt8] {
        try appending(text, delimiter: delimiter, name: name, values: numbers.map { $0.isNaN ? "" : formatNumber($0) }, file: file)
    }

    /// `text` with a column `name` appended: `values[k]` is the field of data record k.
    /// Throws when the number of data records differs from `values.count`.
    package static func appending(
        _ text: [UInt8], delimiter: UInt8, name: String, values: [String], file: String
    ) throws(DataError) -> [UInt8] {
        let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r"), quote = UInt8(ascii: "\"")
        var out: [UInt8] = []
        out.reserveCapacity(text.count + values.count * 12 + name.utf8.count + 4)
        var record = -1  // −1: the header
        var i = 0
        let n = text.count
        while i < n {
            if text[i] == lf { out.append(lf); i += 1; continue }
            if text[i] == cr, i + 1 < n, text[i + 1] == lf { out += [cr, lf]; i += 2; continue }
            let start = i
            var inQuotes = false
            while i < n, inQuotes || text[i] != lf {
                if text[i] == quote { inQuotes.toggle() }
                i += 1
            }
            var contentEnd = i
            if contentEnd > start, text[contentEnd - 1] == cr { contentEnd -= 1 }
            out.append(contentsOf: text[start..<contentEnd])
            out.append(delimiter)
            if record < 0 {
                out.append(contentsOf: field(name, delimiter: delimiter))
            } else if record < values.count {
                out.append(contentsOf: field(values[record], delimiter: delimiter))
            }
            out.append(contentsOf: text[contentEnd..<min(i + 1, n)])
            record += 1
            i += 1
        }
        guard record == values.count else {
            throw DataError("found \(max(record, 0)) data records while copying, expected \(values.count)", file: file)
        }
        return out
    }

    /// `s` quoted (RFC 4180) when it holds the delimiter, a quote or a line break.
    static func field(_ s: String, delimiter: UInt8) -> [UInt8] {
        let bytes = Array(s.utf8)
        guard bytes.contains(where: { $0 == delimiter || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) else { return bytes }
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for b in bytes {
            if b == UInt8(ascii: "\"") { out.append(b) }
            out.append(b)
        }
        out.append(UInt8(ascii: "\""))
        return out
    }
}
