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
    public static func sheetNames(path: String) throws(DataError) -> [String] {
        let package = try Package(path: path)
        return try package.workbook().sheets.map(\.name)
    }

    /// Reads the sheet named `sheet` (default: the first) of the workbook at `path`.
    public static func read(path: String, sheet: String? = nil) throws(DataError) -> Table {
        let package = try Package(path: path)
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
            columns.append(XLSXColumnBuilder.column(
                name: name, cells: cells.dropFirst().prefix(rowCount), rowCount: rowCount, strings: parser.strings,
                date1904: workbook.date1904))
        }
        return try Table(columns: columns, source: path)
    }

    /// The ZIP package, with errors translated to `DataError`s that name the file.
    struct Package {
        let archive: Archive
        let path: String

        init(path: String) throws(DataError) {
            guard FileManager.default.fileExists(atPath: path) else { throw DataError("no such file", file: path) }
            do {
                archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
            } catch {
                throw DataError("corrupt .xlsx workbook: not a readable ZIP archive (\(error))", file: path)
            }
            self.path = path
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
            guard let e = archive[name] else {
                if required { throw DataError("corrupt .xlsx workbook: the ZIP archive has no \(name)", file: path) }
                return nil
            }
            var data = Data()
            data.reserveCapacity(Int(e.uncompressedSize))
            do {
                _ = try archive.extract(e, bufferSize: 1 << 20, skipCRC32: false) { chunk in data.append(chunk) }
            } catch {
                throw DataError("corrupt .xlsx workbook: cannot decompress \(name) (\(error))", file: path)
            }
            return data
        }
    }
}
