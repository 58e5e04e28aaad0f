import Foundation
import Testing
@testable import SurveyData

/// `MappedFile.read` copies a range of the file (what the CSV chunk parser reads its windows
/// with, and `forEachBlock`, which the line count reads through): the bytes at any offset, and
/// false, not a crash, past the file's end.
@Suite("Mapped file reads")
struct MappedFileTests {
    @Test("read and forEachBlock copy the bytes of a range and fail past the end, also after the file shrank")
    func readRanges() throws {
        let path = NSTemporaryDirectory() + "mapped-\(UUID().uuidString).bin"
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try #require(MappedFile(path: path))
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 10_000)
        defer { buffer.deallocate() }
        #expect(file.read(into: buffer, count: 3000, at: 4321))
        #expect(Array(UnsafeBufferPointer(start: buffer, count: 3000)) == Array(bytes[4321..<7321]))
        #expect(file.read(into: buffer, count: 0, at: 10_000))
        #expect(!file.read(into: buffer, count: 2, at: 9_999))
        // Blocks of 1,000 bytes over 4,321..<9,876: the range in order, the last block short.
        var visited: [UInt8] = [], lengths: [Int] = []
        #expect(file.forEachBlock(in: 4321..<9876, blockBytes: 1000) { block, length in
            visited += UnsafeBufferPointer(start: block, count: length)
            lengths.append(length)
        })
        #expect(visited == Array(bytes[4321..<9876]) && lengths == [1000, 1000, 1000, 1000, 1000, 555])
        #expect(!file.forEachBlock(in: 9000..<10_001) { _, _ in })
        // Truncated while open: a read of the lost bytes fails (a mapping would fault instead).
        #expect(truncate(path, 100) == 0)
        #expect(!file.read(into: buffer, count: 50, at: 80))
        #expect(file.read(into: buffer, count: 20, at: 80) && buffer[0] == bytes[80])
    }
}
