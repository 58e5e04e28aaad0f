import Foundation
import ZIPFoundation

/// Reads one worksheet of an Office Open XML workbook (`.xlsx`) into a `Table`: row 1 holds the
/// variable names, each later row is one record (CODEBOOK.md §1 layout).
///
/// The package is opened with ZIPFoundation (zlib inflate); the sheet and shared-string XML are
/// scanned byte by byte (`XMLBytes`) rather than through a DOM or SAX parser. Errors name the
/// sheet and cell (`Sheet1!C17`); a file that is not a ZIP archive, lacks the workbook parts or
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
    /// are never trusted to size anything).
    struct Package {
        let archive: Archive
        let path: String
        let limits: ReadLimits
        /// Bytes in the archive file: no entry can hold more compressed data than this.
        let fileSize: UInt64
        /// Where each part's compressed bytes lie (deflated parts are inflated from them).
        private let dataSpans: ZIPEntryData
        private let inflated = Counter()

        /// Bytes decompressed so far from this archive.
        final class Counter { var bytes = 0 }

        init(path: String, limits: ReadLimits) throws(DataError) {
            guard FileManager.default.fileExists(atPath: path) else { throw DataError("no such file", file: path) }
            do {
                archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
            } catch {
                throw DataError("corrupt .xlsx workbook: not a readable ZIP archive (\(error))", file: path)
            }
            self.path = path
            self.limits = limits
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.uint64Value
            self.fileSize = size ?? UInt64.max
            dataSpans = ZIPEntryData(path: path)
        }

        func workbook() throws(DataError) -> XLSXWorkbook {
            guard let workbook = try entry("xl/workbook.xml", required: false) else {
                throw DataError("not an .xlsx workbook: the ZIP archive has no xl/workbook.xml", file: path)
            }
            return try XLSXWorkbook(
                workbook: workbook, relationships: try entry("xl/_rels/workbook.xml.rels", required: false),
                styles: try entry("xl/styles.xml", required: false), file: path)
        }

        /// A provider of `span`'s bytes, a full buffer at a time (ZIPFoundation's inflate on Linux
        /// gives zlib the buffer's size, whatever the chunk holds, so a short last chunk is padded
        /// with zeros); past the span it throws `Truncated`, which ends a stream that never ends.
        private func entryBytes(_ span: ZIPEntryData.Span, from handle: FileHandle) -> (Int64, Int) throws -> Data {
            return { position, chunkSize in
                let start = UInt64(position)
                guard start < span.size else { throw Truncated() }
                let count = Int(min(UInt64(chunkSize), span.size - start))
                try handle.seek(toOffset: span.offset + start)
                var chunk = try handle.read(upToCount: count) ?? Data()
                guard chunk.count == count else { throw Truncated() }
                chunk.append(Data(count: chunkSize - count))
                return chunk
            }
        }

        /// Thrown from inside the extraction when the limit is passed.
        private struct LimitReached: Error {}
        /// Thrown from inside the extraction when the data stops arriving.
        private struct Truncated: Error {}

        /// The uncompressed bytes of a part; nil when absent and not required.
        func entry(_ name: String, required: Bool) throws(DataError) -> Data? {
            guard let e = archive[name] else {
                if required { throw DataError("corrupt .xlsx workbook: the ZIP archive has no \(name)", file: path) }
                return nil
            }
            let limit = limits.maxDecompressedBytes
            var data = Data()
            // Declared sizes are only a hint: reserve at most 64 MiB and what the limit leaves.
            let declared = e.uncompressedSize > UInt64(Int.max) ? Int.max : Int(e.uncompressedSize)
            data.reserveCapacity(max(0, min(declared, 64 << 20, limit - inflated.bytes)))
            // ZIPFoundation reads as many bytes as the entry declares, getting empty chunks past
            // the end of the file: a declared 2⁶² bytes would loop for ever. A size beyond the
            // file is corrupt, and a run of empty chunks means the data ran out.
            if e.compressedSize > fileSize || (!e.isCompressed && e.uncompressedSize != e.compressedSize) {
                throw DataError("corrupt .xlsx workbook: \(name) declares \(e.compressedSize) stored bytes in a "
                                + "\(fileSize)-byte file", file: path)
            }
            let counter = inflated
            var emptyChunks = 0
            let consume = { (chunk: Data) throws in
                emptyChunks = chunk.isEmpty ? emptyChunks + 1 : 0
                if emptyChunks > 64 { throw Truncated() }
                counter.bytes += chunk.count
                if counter.bytes > limit { throw LimitReached() }
                data.append(chunk)
            }
            do {
                if e.isCompressed, let span = dataSpans.spans[name] {
                    // Inflated from the entry's own bytes, which end the read (a span past the
                    // file's end is corrupt: the archive reader would loop on it).
                    guard span.offset <= fileSize, span.size <= fileSize - span.offset,
                          let handle = FileHandle(forReadingAtPath: path) else { throw Truncated() }
                    defer { try? handle.close() }
                    let checksum = try Data.decompress(size: Int64(span.size), bufferSize: 1 << 16, skipCRC32: false,
                                                       provider: entryBytes(span, from: handle), consumer: consume)
                    if checksum != e.checksum { throw Truncated() }
                } else {
                    _ = try archive.extract(e, bufferSize: 1 << 16, skipCRC32: false, consumer: consume)
                }
            } catch is Truncated {
                throw DataError("corrupt .xlsx workbook: \(name) ends before its declared size", file: path)
            } catch is LimitReached {
                throw DataError(
                    "\(name) decompresses to more than \(limit) bytes, the limit for one workbook (a damaged file or a "
                    + "zip bomb?); if the file is genuine, raise it with \(ReadLimits.environmentVariable), e.g. 8G", file: path)
            } catch {
                throw DataError("corrupt .xlsx workbook: cannot decompress \(name) (\(error))", file: path)
            }
            return data
        }
    }
}
