/// What kind of data file something is, judged by its content.
public enum DataFileFormat: Sendable, Equatable {
    /// Delimited or whitespace-separated text.
    case text(CSVReader.Separator)
    /// An SPSS or Stata file read through ReadStat.
    case statistics(StatFileFormat)
    /// An Excel workbook (a ZIP container).
    case xlsx
}

/// Opens any supported data file, choosing the reader from the file's first bytes, never from
/// its extension (a `.csv` that is really an `.xlsx` download is read as what it is).
///
/// Signatures: `$FL2`/`$FL3` SPSS `.sav`/`.zsav`; `SPSSPORT` within the first 600 bytes
/// (after the 200-byte vanity header and 256-byte character table) SPSS `.por`; `<stata_dta>`
/// (Stata 13+) or a release byte 102–115 followed by a byte-order byte 1/2 and file type 1
/// (older Stata) `.dta`; `PK\u{3}\u{4}` a ZIP, i.e. `.xlsx`. Anything else without NUL bytes is
/// text: whitespace-separated when the first data line has no comma, semicolon or tab (or the
/// file starts with a `#` comment and the line has none), otherwise delimited by whichever of
/// comma, semicolon, tab is most frequent on the header line (comma on ties).
public enum TableReader {
    /// Reads the file at `path`; a missing or unreadable file is a `DataError` naming it.
    public static func read(path: String) throws(DataError) -> Table {
        switch try detectFormat(path: path) {
        case .text(let separator):
            return try CSVReader(separator: separator).read(path: path)
        case .statistics(let format):
            return try StatFileReader().read(path: path, format: format)
        case .xlsx:
            return try XLSXReader.read(path: path)
        }
    }

    /// The format of the file at `path`, from its first kilobyte.
    public static func detectFormat(path: String) throws(DataError) -> DataFileFormat {
        let source = try FileByteSource(path: path)
        let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: 1024, alignment: 1)
        defer { raw.deallocate() }
        let n = try source.read(into: raw)
        // An empty file named as a statistics or Excel file is that file, empty: the CSV reader's
        // "expected a header line" misled for a 0-byte .dta (a sweep).
        let suffix = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        if n == 0, ["sav", "zsav", "por", "dta", "xlsx"].contains(suffix) {
            throw DataError("file is empty: a .\(suffix) file holds at least its format's header", file: path)
        }
        let head = Array(raw[0..<n])
        let format = detectFormat(head: Array(head[0..<n]))
        if case .text = format, head[0..<n].contains(0) {
            throw DataError("not a recognised data file: binary content that is not SPSS (.sav/.zsav/.por), "
                            + "Stata (.dta) or Excel (.xlsx); expected one of those or CSV text", file: path)
        }
        return format
    }

    /// The format of a file that starts with `head`.
    static func detectFormat(head: [UInt8]) -> DataFileFormat {
        func starts(with text: String) -> Bool { head.starts(with: Array(text.utf8)) }
        if starts(with: "$FL2") || starts(with: "$FL3") { return .statistics(.spss) }
        if starts(with: "<stata_dta>") { return .statistics(.stata) }
        if head.count >= 4, (102...115).contains(head[0]), head[1] == 1 || head[1] == 2, head[2] == 1 {
            return .statistics(.stata)
        }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .xlsx }
        let marker = Array("SPSSPORT".utf8)
        let window = head.prefix(600)
        if window.count >= marker.count,
           (0...(window.count - marker.count)).contains(where: { window[$0..<($0 + marker.count)].elementsEqual(marker) }) {
            return .statistics(.spssPortable)
        }
        return .text(textSeparator(head))
    }

    /// Separator of a text file from its first non-comment line (see the type's doc comment).
    private static func textSeparator(_ head: [UInt8]) -> CSVReader.Separator {
        var bom = 0
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { bom = 3 }
        let lines = head[bom...].split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        let startsWithComment = head.dropFirst(bom).first == UInt8(ascii: "#")
        guard let line = lines.first(where: { $0.first != UInt8(ascii: "#") }) else {
            return startsWithComment ? .whitespace : .comma
        }
        var counts: [(CSVReader.Separator, Int)] = [(.comma, 0), (.semicolon, 0), (.tab, 0)]
        var inQuotes = false
        for b in line {
            if b == UInt8(ascii: "\"") { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if b == UInt8(ascii: ",") { counts[0].1 += 1 }
            if b == UInt8(ascii: ";") { counts[1].1 += 1 }
            if b == UInt8(ascii: "\t") { counts[2].1 += 1 }
        }
        let best = counts.max(by: { $0.1 < $1.1 }) ?? (.comma, 0)
        if best.1 == 0 {
            return line.contains(UInt8(ascii: " ")) || startsWithComment ? .whitespace : .comma
        }
        // Ties go to the earlier entry (comma first).
        return counts.first(where: { $0.1 == best.1 })?.0 ?? .comma
    }
}
