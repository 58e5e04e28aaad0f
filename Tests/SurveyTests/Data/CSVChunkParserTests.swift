import Foundation
import Testing
import Survey
@_spi(Testing) @testable import SurveyData

/// The chunk parser reads its chunk a window at a time (`pread` into one buffer, each window
/// ending at its last line end). Read with windows of a few bytes, so that records, cells, SIMD
/// blocks and CRLF pairs meet window ends everywhere, a file must give exactly what the general
/// reader (`CSVReader.read(bytes:)`) gives, and decline where it declines. Inputs are seeded.
@Suite("CSV chunk parser read windows")
struct CSVChunkParserTests {
    /// `text` in a fresh temporary file (ParallelCSVTests' helper).
    func file(_ text: String) throws -> String { try ParallelCSVTests().file(text) }

    func fast(_ path: String, threads: Int, window: Int) throws -> Table? {
        try ParallelCSV.read(path: path, delimiter: UInt8(ascii: ","), separator: .comma, threads: threads,
                             minimumChunkBytes: 1, windowBytes: window)
    }

    /// Twelve columns: an id, a text column, ten numbers of 1–15 digits (signs, points, some NA),
    /// so runs of eight or more take the 64-byte block walk; CRLF on a tenth of the lines.
    func numbers(rows: Int, seed: UInt64) -> String {
        var g = SplitMix64(seed: seed)
        func pick(_ n: UInt64) -> Int { Int(g.next() % n) }
        var text = "id,group," + (1...10).map { "x\($0)" }.joined(separator: ",") + "\n"
        for i in 0..<rows {
            var cells = ["\(i)", ["a", "bb", "ccc"][pick(3)]]
            for _ in 0..<10 {
                let digits = 1 + pick(15), point = pick(UInt64(digits + 1))
                var s = (0..<digits).map { _ in String(pick(10)) }.joined()
                if point > 0 && point < digits { s.insert(".", at: s.index(s.startIndex, offsetBy: point)) }
                cells.append(pick(40) == 0 ? "NA" : ["", "-", "+"][pick(3)] + s)
            }
            text += cells.joined(separator: ",") + (pick(10) == 0 ? "\r\n" : "\n")
        }
        return text
    }

    @Test("windows of 1 to 4096 bytes read a numeric file as the general reader does", arguments: [1, 2])
    func smallWindowsEqualGeneralReader(threads: Int) throws {
        let text = numbers(rows: 600, seed: 17 + UInt64(threads))
        let path = try file(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reference = try CSVReader().read(bytes: Array(text.utf8), name: "x")
        for window in [1, 13, 64, 81, 200, 4096] {
            let table = try #require(try fast(path, threads: threads, window: window))
            #expect(table.isSameReading(as: reference), "window \(window)")
            #expect(table.rowCount == 600)
        }
        // By hand: the first record's id is 0 and its group one of the three words.
        let table = try #require(try fast(path, threads: threads, window: 13))
        if case .numeric(let id) = try table.column(named: "id").values { #expect(id.first == 0 && id.last == 599) }
    }

    @Test("a record longer than the window grows it (to 256 windows); the last record may lack its line end")
    func longRecordAndNoFinalLineEnd() throws {
        let long = String(repeating: "w", count: 5000)
        let text = "a,note,b\n1,short,2\n3,\(long),4\n5,\"quoted, comma\",6"
        let path = try file(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let table = try #require(try fast(path, threads: 1, window: 64))
        #expect(table.rowCount == 3)
        #expect(try table.column(named: "b").values == .numeric([2, 4, 6]))
        #expect(table.isSameReading(as: try CSVReader().read(bytes: Array(text.utf8), name: "x")))
    }

    @Test("a record longer than 256 windows goes to the general reader, which reads it")
    func recordBeyondTheGrowthLimit() throws {
        let text = "a,note\n1,\(String(repeating: "w", count: 5000))\n2,short\n"
        let path = try file(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try fast(path, threads: 1, window: 16) == nil)   // 5,000 bytes > 256 × 16
        #expect(try fast(path, threads: 1, window: 32) != nil)   // 8,192 bytes allowed
        let table = try CSVReader().read(path: path)
        #expect(table.rowCount == 2 && table.columnNames == ["a", "note"])
        #expect(try table.column(named: "a").values == .numeric([1, 2]))
    }

    @Test("a quoted line break still declines when it falls across a window end")
    func quotedLineBreakAcrossWindows() throws {
        let path = try file(ParallelCSVTests.quotedBreakText(rows: 200, broken: 120))
        defer { try? FileManager.default.removeItem(atPath: path) }
        for window in [1, 5, 11, 64, 1000] {
            #expect(try fast(path, threads: 1, window: window) == nil, "window \(window)")
        }
    }
}
