#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Reads one worksheet of an Office Open XML workbook (`.xlsx`) into a `Table`: row 1 holds the
/// variable names, each later row is one record (CODEBOOK.md §1 layout).
///
/// The package is read by our own ZIP reader (`ZIPEntryData`, zlib's inflate); the sheet and
/// shared-string XML are scanned byte by byte (`XMLBytes`) rather than through a DOM or SAX
/// parser. Errors name the sheet and cell (`Sheet1!C17`); a file that is not a ZIP archive, lacks the workbook parts or
/// holds malformed XML is a `DataError` saying which (CLI exit 1).
public enum XLSXReader {
    /// Whether `prefix` (the first bytes of a file) starts like a ZIP archive (`PK\3\4`); a ZIP
    /// is then confirmed to be a workbook by its `xl/workbook.xml` part. Format is decided by
    /// content, not extension: CAB's files circulate as `.csv`-named workbooks.
    public static func looksLikeZIP(_ prefix: Data) -> Bool {
        prefix.count >= 4 && prefix.prefix(4).elementsEqual([0x50, 0x4B, 0x03, 0x04])
    }

    /// Names of the worksheets, in tab order.
    public static func sheetNames(path: String, limits: ReadLimits? = nil) throws(DataError) -> [String] {
        let chosen: ReadLimits
        if let limits { chosen = limits } else { chosen = try ReadLimits.fromEnvironment() }
        let package = try Package(path: path, limits: chosen)
        return try package.workbook().sheets.map(\.name)
    }

    /// Reads the sheet named `sheet` (default: the first) of the workbook at `path`; `limits`
    /// defaults to `ReadLimits.fromEnvironment()`.
    public static func read(path: String, sheet: String? = nil, limits: ReadLimits? = nil) throws(DataError) -> Table {
        let chosen: ReadLimits
        if let limits { chosen = limits } else { chosen = try ReadLimits.fromEnvironment() }
        return try read(Package(path: path, limits: chosen), sheet: sheet)
    }

    private static func read(_ package: Package, sheet: String?) throws(DataError) -> Table {
        let path = package.path
        let workbook = try package.workbook()
        guard let chosen = sheet.map({ name in workbook.sheets.first { $0.name == name } }) ?? workbook.sheets.first else {
            if let sheet {
                throw DataError("no sheet named '\(sheet)'; the workbook has: \(workbook.sheets.map(\.name).joined(separator: ", "))", file: path)
            }
            throw DataError("corrupt .xlsx workbook: xl/workbook.xml lists no sheets", file: path)
        }
        let shared = try package.entry("xl/sharedStrings.xml", required: false)
            .map { d throws(DataError) in try XLSXWorkbook.sharedStrings(d, file: path) } ?? []
        guard let sheetData = try package.entry(chosen.part, required: true) else {
            throw DataError("corrupt .xlsx workbook: no \(chosen.part)", file: path)
        }
        var parser = XLSXSheetParser(sheetName: chosen.name, workbook: workbook, sharedStrings: shared)
        try XMLBytes.with(sheetData, part: chosen.part, file: path) { x throws(DataError) in try parser.parse(x) }
        return try table(from: parser, workbook: workbook, path: path)
    }

    /// Builds the table: header from row 1, records from rows 2…last.
    static func table(from parser: XLSXSheetParser, workbook: XLSXWorkbook, path: String) throws(DataError) -> Table {
        guard parser.lastRow >= 1 else {
            throw DataError("sheet '\(parser.sheetName)' is empty: no header row of variable names", file: path)
        }
        let rowCount = parser.lastRow - 1
        let named = parser.columns.filter { $0.first.map { $0 != .empty && $0 != .error } ?? false }.count
        guard named * rowCount <= densityBound(parser.storedCells) else {
            throw DataError(
                "sheet '\(parser.sheetName)' is too sparse to read as a table: \(named) columns × \(rowCount) rows "
                + "from only \(parser.storedCells) cells with a value", file: path)
        }
        var columns: [Column] = []
        for (c, cells) in parser.columns.enumerated() {
            let hasData = cells.dropFirst().contains { $0 != .empty }
            let header = cells.first ?? .empty
            let name: String
            switch header {
            case .text(let i): name = parser.strings[Int(i)]
            case .number(let v, _): name = formatNumber(v)
            case .empty, .error, .bool:
                if !hasData { continue }
                throw DataError(
                    "\(CellReference.name(sheet: parser.sheetName, column: c + 1, row: 1)): column has data but no variable name in row 1",
                    file: path)
            }
            var column = XLSXColumnBuilder.column(
                name: name, cells: cells.dropFirst().prefix(rowCount), rowCount: rowCount, strings: parser.strings,
                date1904: workbook.date1904)
            column.firstNonNumeric?.file = path
            columns.append(column)
        }
        return try Table(columns: columns, source: path)
    }

    /// How many table cells (filled or empty) a sheet with `stored` filled cells may expand to:
    /// generous for real sheets with empty stretches, but a few cells placed at `XFD1048576`
    /// cannot make a tiny file demand gigabytes.
    static func densityBound(_ stored: Int) -> Int {
        4_194_304 + 256 * stored
    }

    /// The ZIP package, with errors translated to `DataError`s that name the file. What its parts
    /// inflate to is counted against `limits` as the bytes arrive (the sizes an archive declares
    /// are never trusted to size anything), and a part is read from its own bytes only.
    struct Package {
        let path: String
        let limits: ReadLimits
        /// Bytes in the archive file: no entry can hold more compressed data than this.
        let fileSize: UInt64
        /// The archive's central directory.
        private let directory: ZIPEntryData
        private let inflated = Counter()

        /// Bytes decompressed so far from this archive.
        final class Counter { var bytes = 0 }

        init(path: String, limits: ReadLimits) throws(DataError) {
            var status = stat()
            guard stat(path, &status) == 0 else { throw DataError("no such file", file: path) }
            self.path = path
            self.limits = limits
            self.fileSize = UInt64(status.st_size)
            directory = ZIPEntryData(path: path)
            guard directory.isArchive else {
                throw DataError("corrupt .xlsx workbook: not a readable ZIP archive (no central directory)", file: path)
            }
        }

        func workbook() throws(DataError) -> XLSXWorkbook {
            guard let workbook = try entry("xl/workbook.xml", required: false) else {
                throw DataError("not an .xlsx workbook: the ZIP archive has no xl/workbook.xml", file: path)
            }
            return try XLSXWorkbook(
                workbook: workbook, relationships: try entry("xl/_rels/workbook.xml.rels", required: false),
                styles: try entry("xl/styles.xml", required: false), file: path)
        }

        /// The uncompressed bytes of a part; nil when absent and not required.
        func entry(_ name: String, required: Bool) throws(DataError) -> Data? {
            guard let e = directory.entries[name] else {
                if required { throw DataError("corrupt .xlsx workbook: the ZIP archive has no \(name)", file: path) }
                return nil
            }
            if e.compressedSize > fileSize || (e.method == 0 && e.uncompressedSize != e.compressedSize) {
                throw DataError("corrupt .xlsx workbook: \(name) declares \(e.compressedSize) stored bytes in a "
                                + "\(fileSize)-byte file", file: path)
            }
            guard e.method == 0 || e.method == 8 else {
                throw DataError("corrupt .xlsx workbook: \(name) uses compression method \(e.method); "
                                + "only stored (0) and deflated (8) parts are read", file: path)
            }
            // A span past the file's end is corrupt: its data cannot all be there.
            guard let span = e.span, span.offset <= fileSize, span.size <= fileSize - span.offset else {
                throw DataError("corrupt .xlsx workbook: \(name) ends before its declared size", file: path)
            }
            let limit = limits.maxDecompressedBytes
            var data = Data()
            // Declared sizes are only a hint: reserve at most 64 MiB and what the limit leaves.
            let declared = e.uncompressedSize > UInt64(Int.max) ? Int.max : Int(e.uncompressedSize)
            data.reserveCapacity(max(0, min(declared, 64 << 20, limit - inflated.bytes)))
            let counter = inflated
            let outcome = ZIPInflate.read(span, deflated: e.method == 8, path: path) { chunk in
                counter.bytes += chunk.count
                if counter.bytes > limit { return false }
                data.append(contentsOf: chunk)
                return true
            }
            switch outcome {
            case .done(let crc):
                guard crc == e.crc32 else {
                    throw DataError("corrupt .xlsx workbook: \(name) fails its CRC-32 check", file: path)
                }
                return data
            case .truncated:
                throw DataError("corrupt .xlsx workbook: \(name) ends before its declared size", file: path)
            case .stopped:
                throw DataError(
                    "\(name) decompresses to more than \(limit) bytes, the limit for one workbook (a damaged file or a "
                    + "zip bomb?); if the file is genuine, raise it with \(ReadLimits.environmentVariable), e.g. 8G", file: path)
            case .failed(let reason):
                throw DataError("corrupt .xlsx workbook: cannot decompress \(name) (\(reason))", file: path)
            }
        }
    }
}
