import Foundation
import Testing
import Survey
@_spi(Testing) @testable import SurveyData

/// `ParallelCSV.readPieces`, the streaming pass's parse: a table a piece, no line-counting pass.
/// The pieces, put end to end, must be exactly what the general reader gives for the whole file
/// (values, levels in first-seen order, first text cells with their file lines), and the lines
/// they span must be the file's — or the fast path declines as `readLines` does.
@Suite("Parallel CSV pieces")
struct ParallelCSVPiecesTests {
    let helper = ParallelCSVTests()

    /// The pieces as one table: numbers end to end; text columns through their cells' text,
    /// levels in first-seen order; a column's first text cell is its first piece's.
    func concatenated(_ tables: [Table]) throws -> Table {
        let names = try #require(tables.first).columnNames
        var columns: [Column] = []
        for (j, name) in names.enumerated() {
            let parts = tables.map { $0.columns[j] }
            let first = parts.lazy.compactMap(\.firstNonNumeric).first
            if parts.allSatisfy({ if case .numeric = $0.values { true } else { false } }) {
                let values = parts.flatMap { part -> [Double] in
                    if case .numeric(let v) = part.values { return v }
                    return []
                }
                columns.append(Column(name: name, values: .numeric(values)))
                continue
            }
            var levels: [String] = [], index: [String: Int32] = [:], codes: [Int32] = []
            for (k, part) in parts.enumerated() {
                for i in 0..<tables[k].rowCount {
                    guard let text = part.text(at: i) else { codes.append(-1); continue }
                    if index[text] == nil { index[text] = Int32(levels.count); levels.append(text) }
                    codes.append(index[text]!)
                }
            }
            columns.append(Column(name: name, values: .categorical(codes: codes, levels: levels), firstNonNumeric: first))
        }
        return try Table(columns: columns, source: tables[0].source)
    }

    /// File lines after a one-line header: its line feeds but the header's, and one more for a
    /// last line without one.
    func bodyLines(_ text: String) -> Int {
        let bytes = Array(text.utf8)
        return bytes.filter { $0 == 0x0A }.count - 1 + (bytes.last == 0x0A ? 0 : 1)
    }

    @Test("pieces end to end = the general reader, with the file's lines, when the reserved rows hold every piece",
          arguments: [2, 3])
    func piecesEqualGeneralReader(threads: Int) throws {
        let text = helper.generated(rows: 3000, seed: 70 + UInt64(threads))
        let path = try helper.file(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        // The records' mean length, so the reserve (a quarter more) holds every piece.
        let perRow = Double(text.utf8.count) / 3000
        let read = try #require(try ParallelCSV.readPieces(path: path, delimiter: UInt8(ascii: ","), separator: .comma,
                                                           threads: threads, minimumChunkBytes: 1, piecesPerThread: 3,
                                                           bytesPerRow: perRow))
        #expect(read.tables.count == 3 * threads)
        #expect(helper.same(try concatenated(read.tables), try helper.general(text)))
        #expect(read.lines == bodyLines(text))
    }

    @Test("no estimate (the first chunk) or one too small for a piece: the chunk is counted and read as one table",
          arguments: [nil, 200.0, 1_000_000.0] as [Double?])
    func countedWhenReserveIsShort(bytesPerRow: Double?) throws {
        let text = helper.generated(rows: 2000, seed: 91)
        let path = try helper.file(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        // The generated records are about 40 bytes; 200 or 10^6 bytes a record reserves too few rows.
        let read = try #require(try ParallelCSV.readPieces(path: path, delimiter: UInt8(ascii: ","), separator: .comma,
                                                           threads: 2, minimumChunkBytes: 1, piecesPerThread: 3,
                                                           bytesPerRow: bytesPerRow))
        #expect(read.tables.count == 1)
        #expect(helper.same(read.tables[0], try helper.general(text)))
        #expect(read.lines == bodyLines(text))
    }

    @Test("a first text cell in a later piece keeps its file line; a column of numbers in one piece and text in another declines")
    func firstTextLineAndMixedColumn() throws {
        // 1,800 records in six pieces of about 300; x is a number in the first 450, missing in the
        // next 900 and text ("t0", "t1", "t2") in the last 450, which begin past the 16 KB the
        // reader samples for text columns (`ParallelCSV.textSampleBytes`; ~14 bytes a record): no
        // piece mixes numbers and text, but the first pieces hold numbers and the last text.
        var text = "id,x,region\n", plain = text
        for i in 0..<1800 {
            let x = i < 450 ? String(i) : i < 1350 ? "NA" : "t\(i % 3)"
            text += "\(i),\(x),\(i == 1350 ? "Osh" : "Almaty")\n"
            plain += "\(i),\(i),\(i == 1350 ? "Osh" : "Almaty")\n"
        }
        #expect(Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).prefix(1351)
            .reduce(0) { $0 + $1.count + 1 } > ParallelCSV.textSampleBytes)
        let path = try helper.file(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let mixed = try ParallelCSV.readPieces(path: path, delimiter: UInt8(ascii: ","), separator: .comma,
                                               threads: 2, minimumChunkBytes: 1, piecesPerThread: 3, bytesPerRow: 12)
        #expect(mixed == nil)
        #expect(try ParallelCSV.readLines(path: path, delimiter: UInt8(ascii: ","), separator: .comma,
                                          threads: 2, minimumChunkBytes: 1, piecesPerThread: 3) == nil)
        // Without the mixed column.
        let plainPath = try helper.file(plain)
        defer { try? FileManager.default.removeItem(atPath: plainPath) }
        let read = try #require(try ParallelCSV.readPieces(path: plainPath, delimiter: UInt8(ascii: ","), separator: .comma,
                                                           threads: 2, minimumChunkBytes: 1, piecesPerThread: 3,
                                                           bytesPerRow: 12))
        #expect(read.tables.count == 6)
        // Each piece's region column is text from its first record, whose file line is 2 + the rows before it.
        var before = 0
        for table in read.tables {
            let region = try table.column(named: "region")
            #expect(region.firstNonNumeric?.line == 2 + before)
            #expect(region.firstNonNumeric?.text == region.text(at: 0))
            before += table.rowCount
        }
        #expect(helper.same(try concatenated(read.tables), try helper.general(plain)))
        #expect(read.lines == 1800)
    }

    @Test("a quoted line break in a piece makes the pieces decline: the general reader reads the chunk")
    func quotedLineBreakDeclines() throws {
        let text = ParallelCSVTests.quotedBreakText(rows: 600, broken: 450)
        let path = try helper.file(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Records of about 9 bytes: the reserve holds every piece, so only the line break declines.
        let read = try ParallelCSV.readPieces(path: path, delimiter: UInt8(ascii: ","), separator: .comma,
                                              threads: 2, minimumChunkBytes: 1, piecesPerThread: 3, bytesPerRow: 9)
        #expect(read == nil)
        #expect(try CSVReader().read(path: path).rowCount == 600)
    }

    @Test("pieces whose columns together pass maxOpenColumns: the chunk is counted and read as one table")
    func tooManyOpenColumns() throws {
        // 600 columns × 8 pieces = 4,800 open arrays > 4,096; as 2 pieces (1,200) it splits.
        let columns = 600
        var text = (0..<columns).map { "c\($0)" }.joined(separator: ",") + "\n"
        for r in 0..<40 { text += (0..<columns).map { String(($0 * r) % 7) }.joined(separator: ",") + "\n" }
        let path = try helper.file(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let perRow = Double(text.utf8.count) / 41
        func read(piecesPerThread: Int) throws -> (tables: [Table], lines: Int) {
            try #require(try ParallelCSV.readPieces(path: path, delimiter: UInt8(ascii: ","), separator: .comma,
                                                    threads: 2, minimumChunkBytes: 1, piecesPerThread: piecesPerThread,
                                                    bytesPerRow: perRow))
        }
        let wide = try read(piecesPerThread: 4), narrow = try read(piecesPerThread: 1)
        #expect(wide.tables.count == 1 && narrow.tables.count == 2)
        #expect(helper.same(wide.tables[0], try helper.general(text)))
        #expect(helper.same(try concatenated(narrow.tables), try helper.general(text)))
    }
}
