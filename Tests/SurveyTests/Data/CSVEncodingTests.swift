import Foundation
import Testing
import Survey
@testable import SurveyData

/// Text that is not UTF-8 (a CSV saved as Windows-1251 or Latin-1, common for Central Asian
/// survey exports) is an error naming the file, line and column. Before, each such cell was
/// decoded with U+FFFD: "Çar" (0xC7) and "Ðar" (0xD0) became two levels both shown as "�ar",
/// and any two values differing only in their non-ASCII letters could not be told apart.
@Suite("CSV text encoding")
struct CSVEncodingTests {
    static func write(_ bytes: [UInt8]) throws -> String {
        let path = NSTemporaryDirectory() + "encoding-\(UUID().uuidString).csv"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// "w,region\n1,north\n1,<0xC7>ar\n1,<0xD0>ar\n": the first bad cell is on line 3.
    static let latin1: [UInt8] = Array("w,region\n1,north\n1,".utf8) + [0xC7] + Array("ar\n1,".utf8) + [0xD0] + Array("ar\n".utf8)

    @Test("a Latin-1 level: file, line 3, column region, and how to convert")
    func latin1Level() throws {
        let path = try Self.write(Self.latin1)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let e = try #require(throws: DataError.self) { try CSVReader().read(path: path) }
        #expect(e.file == path && e.line == 3 && e.column == "region")
        #expect(e.description.contains("not UTF-8") && e.description.contains("iconv"))
    }

    @Test("a Latin-1 column name: line 1")
    func latin1Header() throws {
        let e = try #require(throws: DataError.self) {
            try CSVReader().read(bytes: Array("w,r".utf8) + [0xE9] + Array("gion\n1,a\n".utf8), name: "h.csv")
        }
        #expect(e.line == 1 && e.description.contains("not UTF-8"))
    }

    @Test("Kazakh and Russian UTF-8 levels read as they are")
    func cyrillic() throws {
        let t = try CSVReader().read(bytes: Array("w,country\n1,Қазақстан\n1,Казахстан\n1,Қазақстан\n".utf8), name: "ok.csv")
        guard case .categorical(let codes, let levels) = try t.column(named: "country").values else {
            Issue.record("expected text"); return
        }
        #expect(levels == ["Қазақстан", "Казахстан"] && codes == [0, 1, 0])
    }

    @Test("the parallel fast path leaves such a file to the general reader, which names line 150,002",
          arguments: [1, 2])
    func parallelPath(threads: Int) throws {
        var bytes = Array("id,region\n".utf8)
        for i in 0..<200_000 {
            bytes += Array("\(i),".utf8) + (i == 150_000 ? [0xC7, 0x61] : Array("north".utf8)) + [0x0A]
        }
        let path = try Self.write(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fast = try ParallelCSV.read(path: path, delimiter: UInt8(ascii: ","), separator: .comma,
                                        threads: threads, minimumChunkBytes: 1)
        #expect(fast == nil)
        let e = try #require(throws: DataError.self) { try CSVReader().read(path: path) }
        #expect(e.line == 150_002 && e.column == "region")
    }

    @Test("streamed: the same error, from the chunk that holds the cell")
    func streamed() throws {
        let path = try Self.write(Array("w,g,region\n1,1,north\n1,2,".utf8) + [0xC7] + Array("ar\n1,2,".utf8) + [0xD0] + Array("ar\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var estimator = try StreamingEstimator(request: StreamingRequest(proportions: ["region"]),
                                               design: .taylor(weights: "w", strata: nil, cluster: "g", nested: false))
        let e = try #require(throws: DataError.self) {
            try StreamingCSV(path: path, chunkBytes: 8, threads: 1).forEachChunk { chunk, before in
                try estimator.add(chunk, rowsBefore: before)
            }
        }
        #expect(e.line == 3 && e.description.contains("not UTF-8"))
    }
}
