import CCSVScan
import Foundation
import Testing
@_spi(Testing) @testable import SurveyData
import SurveyNumerics

/// `ccsv_numeric_records` (Sources/CCSVScan): whole records of a file whose columns are all numeric,
/// 64 bytes at a time across record ends. In the suite of the numeric run, which is serialized,
/// because the tests there turn SIMD off and on for the whole process.
extension CSVNumericRunTests {
    /// Runs `ccsv_numeric_records` over `text` placed at `offset` of a 64-byte-aligned buffer
    /// (128 zero bytes after it), rows `row ..< rows` of `columns` output columns of 64 rows each
    /// (`end`: bytes of `text` that hold whole records; all of them by default): the records
    /// taken, the bytes consumed and the output columns.
    func walk(_ text: String, columns: Int, offset: Int = 0, end: Int? = nil, row: Int = 0, rows: Int = 64)
        -> (taken: Int, used: Int, values: [[Double]], stopped: Int) {
        placed(text, offset: offset) { b, size in walk(b, size: size, text.utf8.count, columns: columns, offset: offset,
                                                       end: end, row: row, rows: rows) }
    }

    /// `text` at `offset` of a 64-byte-aligned buffer (bytes before it '7', 128 zero bytes after
    /// it), for the C walks: `body(buffer, its size)`.
    func placed<R>(_ text: String, offset: Int, _ body: (UnsafeMutablePointer<UInt8>, Int) -> R) -> R {
        let bytes = Array(text.utf8)
        let size = offset + bytes.count + 128
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
        defer { buffer.deallocate() }
        let b = buffer.bindMemory(to: UInt8.self, capacity: size)
        b.initialize(repeating: 0x37, count: offset)
        for (k, byte) in bytes.enumerated() { b[offset + k] = byte }
        (b + offset + bytes.count).initialize(repeating: 0, count: 128)
        return body(b, size)
    }

    /// `walk` over the `count` bytes of text placed at `offset` of `b`.
    private func walk(_ b: UnsafeMutablePointer<UInt8>, size: Int, _ count: Int, columns: Int, offset: Int, end: Int?,
                      row: Int, rows: Int) -> (taken: Int, used: Int, values: [[Double]], stopped: Int) {
        var outputs = (0..<columns).map { _ in UnsafeMutablePointer<Double>.allocate(capacity: 64) }
        defer { outputs.forEach { $0.deallocate() } }
        for o in outputs { o.initialize(repeating: 12345, count: 64) }
        var pos = offset, stopped: Int32 = -2
        let taken = outputs.withUnsafeMutableBufferPointer { out in
            out.baseAddress!.withMemoryRebound(to: UnsafeMutablePointer<Double>?.self, capacity: columns) { o in
                Int(ccsv_numeric_records(b, &pos, offset + (end ?? count), size, UInt8(ascii: ","),
                                         Int32(columns), o, row, rows, &stopped))
            }
        }
        return (taken, pos - offset, outputs.map { Array(UnsafeBufferPointer(start: $0, count: 64)) }, Int(stopped))
    }

    @Test("whole numeric records of 1 to 70 columns, LF or CRLF, at every offset: strtod's values, all taken")
    func numericRecords() {
        var g = SplitMix64(seed: 2026)
        for columns in [1, 2, 3, 5, 8, 10, 12, 33, 70] {
            // Enough records for several blocks; cells of 1–15 digits (the most a plain cell has).
            let count = max(3, min(40, 400 / columns))
            var cells: [[String]] = []
            for _ in 0..<count {
                cells.append((0..<columns).map { _ in
                    let digits = 1 + Int(g.next() % 12)
                    let point: Int? = g.next() % 3 == 0 ? nil : Int(g.next() % UInt64(digits + 1))
                    return number(digits: digits, point: point, sign: ["", "-", "+"][Int(g.next() % 3)])
                })
            }
            // A CRLF line end on about a quarter of the records.
            let text = cells.map { $0.joined(separator: ",") + (g.next() % 4 == 0 ? "\r\n" : "\n") }.joined()
            for offset in 0..<64 {
                let (taken, used, values, stopped) = walk(text, columns: columns, offset: offset, row: 3, rows: 3 + count)
                guard Self.hasBlocks else {
                    #expect(taken == 0 && used == 0)
                    continue
                }
                #expect(taken == count && used == text.utf8.count && stopped == -1, "\(columns) columns at \(offset)")
                for (r, record) in cells.enumerated() {
                    for (j, cell) in record.enumerated() {
                        let want = strtod(cell, nil)
                        #expect(values[j][3 + r].bitPattern == want.bitPattern, "\(cell), \(columns) columns at \(offset)")
                    }
                }
                #expect(values.allSatisfy { $0[0..<3].allSatisfy { $0 == 12345 } }, "rows before `row` untouched")
            }
        }
    }

    @Test("the walk stops at the first cell it cannot take, its record's cells before it stored")
    func numericRecordsStops() throws {
        try #require(Self.hasBlocks, "this CPU has no fast block walk (AVX2, BMI2 and fast pdep)")
        // By hand: 16 records of 4 bytes fill the first block exactly (its 32 terminators); the
        // second block holds the case. Text, a blank line, a lone CR, an empty cell, NA, a cell of 16
        // bytes, a record of the wrong width, two points, a lone sign, a sign inside a cell:
        // (records taken, bytes to the failing cell, its column) of the case alone.
        let block = String(repeating: "1,2\n", count: 16)
        let cases: [(String, Int, Int, Int)] = [
            ("3,4\n5,x\n7,8\n", 1, 6, 1), ("3,4\n\n5,6\n", 1, 4, 0), ("3,4\r5,6\n", 0, 2, 1), ("3,\n", 0, 2, 1),
            ("NA,4\n", 0, 0, 0), ("3,1234567890123456\n", 0, 2, 1), ("1,2,3\n4,5\n", 0, 2, 1), ("1\n2\n", 0, 0, 0),
            ("3.5.1,2\n", 0, 0, 0), ("-1.5,+.5\n-,1\n", 1, 9, 0), ("7,8\n9,1-2\n", 1, 6, 1),
        ]
        for (text, records, bytes, column) in cases {
            let alone = walk(text, columns: 2)
            #expect(alone.taken == records && alone.used == bytes && alone.stopped == column, "\(text.debugDescription)")
            let after = walk(block + text, columns: 2)
            #expect(after.taken == 16 + records && after.used == 64 + bytes && after.stopped == column,
                    "\(text.debugDescription) after a block")
            #expect(after.values[0][0..<16].allSatisfy { $0 == 1 } && after.values[1][0..<16].allSatisfy { $0 == 2 })
        }
        // CRLF line ends are taken: 2 records, 9 bytes.
        let crlf = walk("3,4\r\n5,6\n", columns: 2)
        #expect(crlf.taken == 2 && crlf.used == 9 && crlf.stopped == -1 && crlf.values[1][0...1] == [4, 6])
        // The failing record's first cell is stored: 5 (row 1) and 9 (row 1).
        #expect(walk("3,4\n5,x\n", columns: 2).values[0][1] == 5 && walk("7,8\n9,1-2\n", columns: 2).values[0][1] == 9)
        // Signs and points: -1.5 and 0.5.
        let signed = walk("-1.5,+.5\n", columns: 2)
        #expect(signed.taken == 1 && signed.used == 9 && signed.values[0][0] == -1.5 && signed.values[1][0] == 0.5)
        // Rows 10 ..< 13: three of five records, written at rows 10, 11, 12.
        let five = "1,2\n3,4\n5,6\n7,8\n9,10\n"
        let limited = walk(five, columns: 2, row: 10, rows: 13)
        #expect(limited.taken == 3 && limited.used == 12 && limited.stopped == -1)
        #expect(limited.values[0][10...12] == [1, 3, 5] && limited.values[1][10...12] == [2, 4, 6])
        // `end` inside the fourth record (its bytes 12 ..< 16): three records.
        let ended = walk(five, columns: 2, end: 14)
        #expect(ended.taken == 3 && ended.used == 12 && ended.stopped == -1)
        // A last record without its line end is left to the caller, from its start.
        let unended = walk("1,2\n3,4", columns: 2)
        #expect(unended.taken == 1 && unended.used == 4 && unended.stopped == -1)
    }

    @Test("with SIMD off no record is taken (the scalar path parses them)")
    func numericRecordsOff() {
        defer { ccsv_set_simd(1) }
        ccsv_set_simd(0)
        #expect(ccsv_numeric_records_active() == 0)
        let off = walk("1,2\n3,4\n", columns: 2)
        #expect(off.taken == 0 && off.used == 0 && off.stopped == -1)
    }
}
