import CCSVScan
import Foundation
import Testing
import Survey
@_spi(Testing) @testable import SurveyData

/// The branches of the CSV fast path's word-at-a-time code: the C numeric run, the
/// word-compared level lookup and the 32-byte line-feed count. Expectations come from independent
/// code: C `strtod` for numbers, a Swift `Dictionary` for level codes, a byte loop for counts.
@Suite("CSV fast path edges")
struct CSVFastPathEdgeTests {
    /// Numbers at the edges of the fast paths: 7/8 digits a side (the scan's word), 15/16/17/19+
    /// significant digits (`fastDecimal` and Clinger's fast path; an integer above 2⁵³ is text, so
    /// those are written with a point or an exponent), exponents, signs, leading
    /// zeros, −0, 2⁵³ ± 1, 10²² and beyond, the smallest subnormal and the largest double.
    static let edgeNumbers = [
        "0", "-0", "+0", "-0.0", "0.", "-0.", ".5", "-.5", "+.5", "5.", "007", "-007.250", "0000001.5",
        "1234567", "12345678", "1234567.1234567", "1234567.12345678", "12345678.1", "9999999.9999999",
        "-0.298742", "8086.86", "3.0778", "0.000001", "-0.0000001", "0.00000001",
        "123456789012345", "1234567890123456", "12345678901234567.", "1234567890123456789e0",
        "12345678901234567890123.0", "0.123456789012345", "0.1234567890123456", "0.12345678901234567",
        "9007199254740992", "9007199254740993.0", "9007199254740991.5", "-9007199254740993e0",
        "1e5", "1E5", "1.5e-3", "-2.5E+10", "1e22", "1e23", "1e-22", "1e-23", "123456789e22",
        "4.9e-324", "2.2250738585072014e-308", "1.7976931348623157e308", "0.1e1", "00.00e0",
        "3.141592653589793", "2.718281828459045235360287", "-1.00000000000000011102230246251565",
    ]

    /// `strtod` of `text` (the independent reference).
    func reference(_ text: String) -> Double { strtod(text, nil) }

    @Test("the C numeric run (SIMD and scalar) agrees with strtod bit for bit, or declines, at every offset of a block")
    func scanEdges() {
        let run = CSVNumericRunTests()
        for text in Self.edgeNumbers {
            // Hand rule: [-+]digits[.digits], 1-15 digits, the cell within 15 bytes.
            let body = text.drop { $0 == "-" || $0 == "+" }.prefix { _ in true }
            let digits = body.filter(\.isASCII).filter { $0.isNumber }.count
            let plain = text.first.map { $0 == "-" || $0 == "+" || $0 == "." || $0.isNumber } == true
                && body.allSatisfy { $0 == "." || ($0.isASCII && $0.isNumber) } && body.filter { $0 == "." }.count <= 1
            let accepted = plain && digits >= 1 && digits <= 15 && text.utf8.count <= 15
            for offset in 0..<64 {
                for simd in CSVNumericRunTests.paths {
                    let (reached, _, values) = run.run("\(text),9.9\n", offset: offset, columns: 2, simd: simd)
                    #expect(reached == (accepted ? 2 : 0), "\(text) at \(offset), simd \(simd)")
                    if accepted {
                        #expect(values[0].bitPattern == reference(text).bitPattern, "\(text) at \(offset), simd \(simd)")
                    }
                }
            }
        }
    }

    @Test("a file of edge numbers reads as strtod reads each cell, through the fast path and the general reader",
          arguments: [1, 3])
    func fileOfEdgeNumbers(threads: Int) throws {
        // Each number bare, quoted and padded with spaces; LF and CRLF line ends alternate.
        var text = "bare,quoted,padded\n"
        for (k, n) in Self.edgeNumbers.enumerated() {
            text += "\(n),\"\(n)\", \(n) " + (k % 2 == 0 ? "\r\n" : "\n")
        }
        let path = NSTemporaryDirectory() + "csv-edges-\(UUID().uuidString).csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fast = try #require(try ParallelCSV.read(path: path, delimiter: UInt8(ascii: ","), separator: .comma,
                                                     threads: threads, minimumChunkBytes: 1))
        let general = try CSVReader().read(bytes: Array(text.utf8), name: path)
        #expect(fast.isSameReading(as: general))
        for name in ["bare", "quoted", "padded"] {
            guard case .numeric(let values) = try fast.column(named: name).values else {
                Issue.record("\(name): expected a numeric column")
                continue
            }
            for (value, n) in zip(values, Self.edgeNumbers) {
                #expect(value.bitPattern == reference(n).bitPattern, "\(name): \(n) read as \(value)")
            }
        }
    }

    @Test("levels interned by word comparison get the codes of first-seen order, mixed with the byte path")
    func internPaddedCodes() {
        var g = SplitMix64(seed: 41)
        // Texts of 0…40 bytes sharing prefixes (so words and lengths collide), some differing only past byte 24.
        let stems = ["", "S", "Somewhat", "Somewhat favorable", "Somewhat unfavorable", "Very favorable",
                     "Very unfavorable", "Don't know", "abcdefghijklmnopqrstuvwx", "abcdefghijklmnopqrstuvwxyz01234567890"]
        var table = LevelTable()
        var expected: [[UInt8]: Int32] = [:]
        for _ in 0..<20_000 {
            var text = Array(stems[Int(g.next() % UInt64(stems.count))].utf8)
            for _ in 0..<Int(g.next() % 3) { text.append(UInt8(0x61 + g.next() % 3)) }
            let next = Int32(expected.count)
            let want = expected[text] ?? next
            if expected[text] == nil { expected[text] = next }
            // The cell sits in a buffer with 24 readable bytes after its start and junk after its end.
            let buffer = text + [UInt8](repeating: 0x61, count: 24)
            let got: Int32 = buffer.withUnsafeBufferPointer { b in
                g.next() % 2 == 0 ? table.internPadded(b.baseAddress!, text.count)
                    : table.intern(UnsafeBufferPointer(rebasing: b[0..<text.count]))
            }
            #expect(got == want, "\(String(decoding: text, as: UTF8.self))")
        }
        #expect(table.count == expected.count)
    }

    /// Numbers of every length around the 16-byte end search and the 8-byte scan, with the value
    /// each must read as (Swift literals: the compiler's own correctly rounded parse).
    static let lengthNumbers: [(String, Double)] = [
        ("5", 5), ("-5", -5), ("+42", 42), ("999", 999), ("-0.25", -0.25), ("80", 80), ("-0", -0.0),
        ("8086.86", 8086.86), ("1234567", 1_234_567), ("12345678", 12_345_678), ("123456789", 123_456_789),
        ("-0.298742", -0.298742), ("11901.99", 11901.99), ("-1234567.5", -1_234_567.5),
        ("123456.1234567", 123_456.123_456_7), ("1234567.1234567", 1_234_567.123_456_7),
        ("-1234567.1234567", -1_234_567.123_456_7), ("+1234567.1234567", 1_234_567.123_456_7),
        ("12345678.12345678", 12_345_678.123_456_78), ("0.000001", 0.000001), ("3.0778", 3.0778),
    ]

    @Test("numeric cells of 1…17 bytes read as their literals in every column, LF and CRLF, the last without a line end",
          arguments: [1, 2, 3])
    func numbersAroundTheEndSearch(threads: Int) throws {
        // Each number in the first, a middle and the last column; rotated so neighbours differ in length.
        let n = Self.lengthNumbers
        var text = "first,middle,last\n"
        for k in n.indices {
            text += "\(n[k].0),\(n[(k + 7) % n.count].0),\(n[(k + 13) % n.count].0)"
            if k < n.count - 1 { text += k % 3 == 0 ? "\r\n" : "\n" }
        }
        let path = NSTemporaryDirectory() + "csv-lengths-\(UUID().uuidString).csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fast = try #require(try ParallelCSV.read(path: path, delimiter: UInt8(ascii: ","), separator: .comma,
                                                     threads: threads, minimumChunkBytes: 1))
        #expect(fast.rowCount == n.count)
        #expect(fast.isSameReading(as: try CSVReader().read(bytes: Array(text.utf8), name: path)))
        for (name, shift) in [("first", 0), ("middle", 7), ("last", 13)] {
            guard case .numeric(let values) = try fast.column(named: name).values else {
                Issue.record("\(name): expected a numeric column")
                continue
            }
            for (k, value) in values.enumerated() {
                let (cell, expected) = n[(k + shift) % n.count]
                #expect(value.bitPattern == expected.bitPattern, "\(name): \(cell) read as \(value)")
            }
        }
    }

    @Test("missing, NA and quoted cells beside numbers the end search takes read as missing and as numbers", arguments: [1, 2])
    func missingAndQuotedBesideFastCells(threads: Int) throws {
        // By hand, per block of three records: a = 1, –, -4; b = –, 2.5, –; c = 3 (quoted), –, 5.
        // Twenty blocks, so all but the last cells lie more than 24 bytes before the file's end.
        let block = "1,NA,\"3\"\n,2.5,NA\r\n-4,,5\n"
        let text = "a,b,c\n" + String(repeating: block, count: 20)
        let path = NSTemporaryDirectory() + "csv-missing-\(UUID().uuidString).csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fast = try #require(try ParallelCSV.read(path: path, delimiter: UInt8(ascii: ","), separator: .comma,
                                                     threads: threads, minimumChunkBytes: 1))
        #expect(fast.isSameReading(as: try CSVReader().read(bytes: Array(text.utf8), name: path)))
        let expected: [String: [Double?]] = ["a": [1, nil, -4], "b": [nil, 2.5, nil], "c": [3, nil, 5]]
        for (name, values) in expected {
            guard case .numeric(let got) = try fast.column(named: name).values else {
                Issue.record("\(name): expected numbers")
                continue
            }
            #expect(got.count == 60)
            for (k, value) in got.enumerated() {
                if let want = values[k % 3] { #expect(value == want, "\(name) row \(k)") } else { #expect(value.isNaN, "\(name) row \(k)") }
            }
        }
    }

    @Test("a number the end search accepts but a non-digit follows in the cell makes the column text, as the general reader says",
          arguments: [1, 2])
    func numberThenJunk(threads: Int) throws {
        // "12x" and "1.5 " (a trailing space is trimmed: still 1.5) sit where a number's end was expected.
        let text = "a,b\n1,2\n3,4\n12x,5\n6,1.5 \n7,8\n"
        let path = NSTemporaryDirectory() + "csv-junk-\(UUID().uuidString).csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let table = try CSVReader().read(path: path)
        #expect(table.isSameReading(as: try CSVReader().read(bytes: Array(text.utf8), name: path)))
        if case .numeric(let b) = try table.column(named: "b").values {
            #expect(b == [2, 4, 5, 1.5, 8])
        } else {
            Issue.record("b: expected numbers")
        }
        if case .categorical(let codes, let levels) = try table.column(named: "a").values {
            #expect(levels == ["1", "3", "12x", "6", "7"])
            #expect(codes == [0, 1, 2, 3, 4])
        } else {
            Issue.record("a: expected text")
        }
    }

    @Test("the cache of recent cells never answers with another cell's code: 3000 levels of 1…24 bytes revisited at random")
    func recentCellCache() {
        var g = SplitMix64(seed: 77)
        // Distinct texts: "L<k>" padded with letters to a length drawn from 1…24 (so many share lengths and words).
        let texts: [[UInt8]] = (0..<3000).map { k in
            var t = Array("L\(k)".utf8)
            let length = max(t.count, 1 + Int(g.next() % 24))
            while t.count < length { t.append(UInt8(0x61 + g.next() % 2)) }
            return t
        }
        var table = LevelTable()
        var expected: [[UInt8]: Int32] = [:]
        for _ in 0..<60_000 {
            let text = texts[Int(g.next() % UInt64(texts.count))]
            let want = expected[text] ?? Int32(expected.count)
            if expected[text] == nil { expected[text] = want }
            let buffer = text + [UInt8](repeating: 0x62, count: 24)
            let got = buffer.withUnsafeBufferPointer { table.internPadded($0.baseAddress!, text.count) }
            #expect(got == want, "\(String(decoding: text, as: UTF8.self))")
        }
        #expect(table.levels.map { Array($0.utf8) } == expected.sorted { $0.value < $1.value }.map(\.key))
    }

    @Test("line feeds counted 64 bytes at a time (AVX2) and a word at a time equal a byte loop, at every length and alignment")
    func lineFeedCount() {
        for vectors: Int32 in [1, 0] { countLineFeeds(vectors: vectors) }
    }

    /// The count of `ccsv_count_line_feeds_path(vectors, …)` (the global SIMD choice untouched, so
    /// suites running alongside keep theirs); with `vectors` 1, also the reader's own count.
    private func countLineFeeds(vectors: Int32) {
        var g = SplitMix64(seed: 5)
        // 8128 = 127 steps of 64 bytes, the most before the byte lanes are summed; 16261 spans two such runs.
        for length in [0, 1, 7, 8, 31, 32, 33, 63, 64, 65, 2015, 2016, 2017, 5000, 8127, 8128, 8129, 16261, 70_000] {
            for density in [0, 1, 3, 255] {
                // density 255: every byte a line feed (the lane sums' maximum).
                let bytes = (0..<(length + 8)).map { _ -> UInt8 in
                    density == 255 || (density > 0 && g.next() % UInt64(4 * density) == 0) ? 0x0A : UInt8(0x20 + g.next() % 90)
                }
                for start in [0, 1, 5] where start <= length {
                    let naive = bytes[start..<length].filter { $0 == 0x0A }.count
                    let counted = bytes.withUnsafeBufferPointer {
                        Int(ccsv_count_line_feeds_path(vectors, $0.baseAddress! + start, length - start))
                    }
                    #expect(counted == naive, "vectors \(vectors), length \(length), density \(density), start \(start)")
                    if vectors == 1 {
                        let reader = bytes.withUnsafeBufferPointer { ParallelCSV.countLineFeeds($0.baseAddress!, start..<length) }
                        #expect(reader == naive, "length \(length), density \(density), start \(start)")
                    }
                }
            }
        }
    }

    @Test("one thread reserves rows without counting lines; records of empty cells, the bound's tightest case, all read")
    func reservedRowsBound() throws {
        // By hand: after the header, ",,\n" three times and ",," with no line end are 4 records in
        // 3 · 3 + 2 = 11 bytes; the bound (11 + 1) / 3 = 4 must not be below that.
        let text = "a,b,c\n,,\n,,\n,,\n,,"
        #expect((ParallelCSV.reservableRows(bytes: 11, columns: 3) ?? 0) >= 4)
        let path = NSTemporaryDirectory() + "csv-reserve-\(UUID().uuidString).csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fast = try #require(try ParallelCSV.read(path: path, delimiter: UInt8(ascii: ","), separator: .comma,
                                                     threads: 1, minimumChunkBytes: 1))
        #expect(fast.rowCount == 4)
        #expect(fast.isSameReading(as: try CSVReader().read(bytes: Array(text.utf8), name: path)))
    }
}
