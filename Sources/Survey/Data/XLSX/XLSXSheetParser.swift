#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText

/// Streams through one sheet's XML (`<sheetData>` → `<row>` → `<c>`) collecting cells column by
/// column. Cell types: shared string (`t="s"`), inline string (`t="inlineStr"`), formula string
/// (`t="str"`), boolean (`t="b"`), error (`t="e"` → missing), ISO date text (`t="d"`), number
/// (no type or `t="n"`; a date when its style has a date format). Cells without an `r`
/// reference take the next column; rows without `r` the next row.
struct XLSXSheetParser {
    let sheetName: String
    let workbook: XLSXWorkbook
    /// String pool: shared strings, then inline strings as they are met.
    var strings: [String]
    private var inlineIndex: [String: Int32] = [:]
    /// Cells per column (index 0 = column A), each indexed by row - 1, grown as needed.
    var columns: [[XLSXCell]] = []
    /// Highest row number that holds a cell.
    var lastRow = 0

    init(sheetName: String, workbook: XLSXWorkbook, sharedStrings: [String]) {
        self.sheetName = sheetName
        self.workbook = workbook
        self.strings = sharedStrings
    }

    private static let sheetDataOpen = Array("<sheetData".utf8)
    private static let sheetDataClose = Array("</sheetData".utf8)
    private static let cellClose = Array("</c>".utf8)
    private static let valueOpen = Array("<v".utf8)
    private static let valueClose = Array("</v>".utf8)
    private static let refAttr = Array(" r=".utf8)
    private static let typeAttr = Array(" t=".utf8)
    private static let styleAttr = Array(" s=".utf8)

    /// Excel's limits (`XFD1048576`): a reference beyond them is malformed, not a reason to
    /// allocate.
    static let maxRows = 1_048_576
    static let maxColumns = 16_384

    /// Cells stored so far that hold a value, and empty slots allocated to pad columns up to
    /// them: padding is bounded by `XLSXReader.densityBound` so a far-away cell in a tiny
    /// sheet cannot demand gigabytes.
    private(set) var storedCells = 0
    private var paddedSlots = 0

    /// Parses the sheet XML.
    mutating func parse(_ x: XMLBytes) throws(DataError) {
        guard let open = x.find(Self.sheetDataOpen, from: 0) else { throw x.malformed("no <sheetData>", at: 0) }
        var i = try x.tagEnd(open)
        if x[i - 1] == 0x2F { return }  // <sheetData/>: an empty sheet
        var row = 0
        var column = 0
        while true {
            guard let lt = x.find(0x3C, from: i) else { throw x.malformed("no </sheetData> (truncated sheet?)", at: i) }
            let b1 = x[lt + 1]
            if b1 == 0x63, XMLBytes.endsName(x[lt + 2]) {  // <c …>
                column += 1
                i = try cell(x, at: lt, row: row, column: &column)
            } else if b1 == 0x72, x[lt + 2] == 0x6F, x[lt + 3] == 0x77, XMLBytes.endsName(x[lt + 4]) {  // <row …>
                let end = try x.tagEnd(lt)
                if let r = x.attribute(Self.refAttr, in: lt, end) {
                    guard let n = x.integer(r), n > row else { throw x.malformed("bad or decreasing row number", at: lt) }
                    guard n <= Self.maxRows else {
                        throw x.malformed("row number \(n) is beyond Excel's last row \(Self.maxRows)", at: lt)
                    }
                    row = n
                } else {
                    row += 1
                    guard row <= Self.maxRows else { throw x.malformed("more than \(Self.maxRows) rows", at: lt) }
                }
                column = 0
                i = end + 1
            } else if x.hasPrefix(Self.sheetDataClose, at: lt) {
                return
            } else {
                i = try x.tagEnd(lt) + 1
            }
        }
    }

    /// Parses the cell starting at `start`; returns the index after it.
    private mutating func cell(_ x: XMLBytes, at start: Int, row: Int, column: inout Int) throws(DataError) -> Int {
        let end = try x.tagEnd(start)
        guard row > 0 else { throw x.malformed("<c> outside a <row>", at: start) }
        if let r = x.attribute(Self.refAttr, in: start, end) {
            var letters = 0
            var k = r.lowerBound
            while k < r.upperBound, (0x41...0x5A).contains(x[k]), letters <= Self.maxColumns {
                letters = letters * 26 + Int(x[k] - 0x40)
                k += 1
            }
            guard letters > 0, letters <= Self.maxColumns else {
                throw x.malformed("bad cell reference '\(String(decoding: UnsafeBufferPointer(start: x.base + r.lowerBound, count: min(r.count, 40)), as: UTF8.self))' (columns run A…XFD)", at: start)
            }
            // The row part must be the enclosing row's: `<c r="C2">` inside row 3 was read as row 3,
            // silently (a hand-made or damaged sheet). Digits are compared, never converted unbounded.
            var digits = 0, reference = 0
            while k < r.upperBound, (0x30...0x39).contains(x[k]), digits < 8 {
                reference = reference * 10 + Int(x[k] - 0x30)
                digits += 1
                k += 1
            }
            guard k == r.upperBound, digits == 0 || reference == row else {
                let text = String(decoding: UnsafeBufferPointer(start: x.base + r.lowerBound, count: min(r.count, 40)), as: UTF8.self)
                throw x.malformed("cell reference '\(text)' inside row \(row): its row part does not match", at: start)
            }
            column = letters
        } else {
            guard column <= Self.maxColumns else { throw x.malformed("more than \(Self.maxColumns) cells in a row", at: start) }
        }
        let col = column
        var here: String { CellReference.name(sheet: sheetName, column: col, row: row) }
        if x[end - 1] == 0x2F {  // <c …/>: empty (perhaps styled) cell
            try store(.empty, row: row, column: column, x, at: start)
            return end + 1
        }
        guard let close = x.find(Self.cellClose, from: end) else { throw x.malformed("cell \(here) has no </c>", at: start) }
        let type = x.attribute(Self.typeAttr, in: start, end)
        let typeByte = type.map { x[$0.lowerBound] } ?? 0x6E  // n
        let typeLength = type?.count ?? 1
        let value: XLSXCell
        if typeByte == 0x69 {  // inlineStr
            value = .text(intern(try x.runText(end + 1, close)))
        } else if let v = valueRange(x, from: end + 1, to: close) {
            switch (typeByte, typeLength) {
            case (0x73, 1):  // s
                guard let index = x.integer(v), index < strings.count else {
                    throw DataError("\(here): shared string \(String(decoding: UnsafeBufferPointer(start: x.base + v.lowerBound, count: v.count), as: UTF8.self)) does not exist (the workbook has \(strings.count))", file: x.file)
                }
                value = .text(Int32(index))
            case (0x73, _):  // str (formula result)
                value = .text(intern(try x.text(v)))
            case (0x62, _):  // b
                value = .bool(x[v.lowerBound] == 0x31)
            case (0x65, _):  // e
                value = .error
            case (0x64, _):  // d: ISO 8601 text
                value = .text(intern(try x.text(v).replacingEvery("T", with: " ")))
            default:
                guard let number = x.number(v) else {
                    throw DataError("\(here): '\(try x.text(v))' is not a number", file: x.file)
                }
                var kind: UInt8 = 0
                if let s = x.attribute(Self.styleAttr, in: start, end).flatMap(x.integer), s < workbook.dateStyles.count {
                    kind = workbook.dateStyles[s]
                }
                value = .number(number, dateKind: kind)
            }
        } else {
            value = .empty
        }
        try store(value, row: row, column: column, x, at: start)
        return close + Self.cellClose.count
    }

    /// The text range of the `<v>` element in `[from, to)`, if any.
    private func valueRange(_ x: XMLBytes, from: Int, to: Int) -> Range<Int>? {
        var i = from
        while let at = x.find(Self.valueOpen, from: i, limit: to) {
            guard XMLBytes.endsName(x[at + 2]), let end = x.find(0x3E, from: at, limit: to) else { i = at + 2; continue }
            if x[end - 1] == 0x2F { return nil }
            guard let stop = x.find(Self.valueClose, from: end, limit: to) else { return nil }
            return (end + 1)..<stop
        }
        return nil
    }

    private mutating func intern(_ s: String) -> Int32 {
        if let i = inlineIndex[s] { return i }
        let i = Int32(strings.count)
        strings.append(s)
        inlineIndex[s] = i
        return i
    }

    /// Puts a cell in its column; an empty cell beyond the column's end needs no storage.
    private mutating func store(_ value: XLSXCell, row: Int, column: Int, _ x: XMLBytes, at offset: Int) throws(DataError) {
        if value == .empty {
            if column <= columns.count, row <= columns[column - 1].count { columns[column - 1][row - 1] = .empty }
            return
        }
        storedCells += 1
        while columns.count < column { columns.append([]) }
        let grow = row - columns[column - 1].count
        if grow > 0 {
            paddedSlots += grow
            guard paddedSlots <= XLSXReader.densityBound(storedCells) else {
                throw x.malformed("cell \(CellReference.name(sheet: sheetName, column: column, row: row)) lies so far from the "
                                  + "other \(storedCells - 1) cells that the table would need \(paddedSlots) empty cells", at: offset)
            }
            columns[column - 1].append(contentsOf: repeatElement(.empty, count: grow))
        }
        columns[column - 1][row - 1] = value
        if row > lastRow { lastRow = row }
    }
}
