import Testing
import Survey

/// `StreamingCSV`: chunks are runs of whole records whatever the byte size asked, so their rows,
/// in order, are the whole-file table's rows; the default chunk is 64 MB.
@Suite("Streaming CSV chunks")
struct StreamingCSVTests {
    @Test("chunk rows concatenated = the whole-file table, for chunk sizes that fall mid-row", arguments: [1, 7, 97, 1000, 1 << 20])
    func chunksAreWholeRecords(chunkBytes: Int) throws {
        let path = try StreamingFixture.write(StreamingFixture.csv(rows: 211, seed: 11))
        let whole = try CSVReader().read(path: path)
        var y: [Double] = [], rw12: [Double] = [], region: [String] = [], before: [Int] = []
        try StreamingCSV(path: path, chunkBytes: chunkBytes, threads: 1).forEachChunk { chunk, rowsBefore in
            before.append(rowsBefore)
            #expect(chunk.columnNames == whole.columnNames)
            y += try chunk.numeric("y")
            rw12 += try chunk.numeric("rw12")
            let c = try chunk.column(named: "region")
            region += (0..<chunk.rowCount).map { c.text(at: $0) ?? "" }
        }
        let wholeY = try whole.numeric("y"), wholeRW12 = try whole.numeric("rw12")
        #expect(y == wholeY && rw12 == wholeRW12)
        let w = try whole.column(named: "region")
        #expect(region == (0..<whole.rowCount).map { w.text(at: $0) ?? "" })
        #expect(before.first == 0 && before.count >= (chunkBytes == 1 << 20 ? 1 : 2))
    }

    @Test("the default chunk is 64 MB")
    func defaultChunk() {
        #expect(StreamingCSV(path: "x.csv").chunkBytes == 64 * 1024 * 1024)
    }
}
