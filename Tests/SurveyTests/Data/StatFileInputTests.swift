import Foundation
import Testing
import Survey
import CReadStat
@testable import SurveyData

/// ReadStat's input served from one buffer (`StatFileInput`) and the numbers collected without
/// per-value checks (`NumberSink`): every byte and value is checked against the formula that made it.
@Suite struct StatFileInputTests {
    /// Byte k of the test file: a pattern with period 251 (prime), so a read from a wrong offset shows.
    static func byte(_ k: Int) -> UInt8 { UInt8((k * 7 + 3) % 251) }

    static func patternFile(bytes: Int) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("statinput-\(UUID().uuidString)").path
        try Data((0..<bytes).map(byte)).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Reads `count` bytes at the input's position and checks them against the pattern from `offset`.
    func expectRead(_ input: inout StatFileInput, count: Int, from offset: Int, fileSize: Int) {
        var buffer = [UInt8](repeating: 0, count: count)
        let got = buffer.withUnsafeMutableBytes { input.read(into: $0.baseAddress!, count: count) }
        let expected = max(0, min(count, fileSize - offset))
        #expect(got == expected, "read \(count) at \(offset)")
        #expect((0..<max(got, 0)).allSatisfy { buffer[$0] == Self.byte(offset + $0) }, "bytes of read \(count) at \(offset)")
    }

    @Test("small, straddling, larger-than-buffer and past-the-end reads, and seeks, give the file's bytes")
    func readsAndSeeks() throws {
        #expect(StatFileInput.capacity == 1 << 20)
        let size = 3 * StatFileInput.capacity + 12_345
        let path = try Self.patternFile(bytes: size)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var input = StatFileInput()
        defer { input.release() }
        let opened = path.withCString { input.open($0) }
        #expect(opened >= 0)
        var at = 0
        // Rows of 192 bytes through the first buffer refill and beyond.
        for _ in 0..<6_000 {
            expectRead(&input, count: 192, from: at, fileSize: size)
            at += 192
        }
        // A read straddling a refill, then one larger than the buffer (straight to the caller).
        expectRead(&input, count: StatFileInput.capacity / 2 + 7, from: at, fileSize: size)
        at += StatFileInput.capacity / 2 + 7
        expectRead(&input, count: StatFileInput.capacity + 1_001, from: at, fileSize: size)
        at += StatFileInput.capacity + 1_001
        // Seeks: back into the buffer, from the current position, from the end; reads after them.
        #expect(input.seek(100, whence: READSTAT_SEEK_SET) == 100)
        expectRead(&input, count: 50, from: 100, fileSize: size)
        #expect(input.seek(1_000, whence: READSTAT_SEEK_CUR) == 1_150)
        expectRead(&input, count: 10, from: 1_150, fileSize: size)
        #expect(input.seek(-20, whence: READSTAT_SEEK_END) == size - 20)
        // Past the end: the 20 bytes that are left, then nothing.
        expectRead(&input, count: 64, from: size - 20, fileSize: size)
        expectRead(&input, count: 64, from: size, fileSize: size)
        // Before the start: refused, the position kept.
        #expect(input.seek(-1, whence: READSTAT_SEEK_SET) == -1)
        #expect(input.seek(0, whence: READSTAT_SEEK_CUR) == size)
        #expect(input.close() == 0)
    }

    @Test("a missing file cannot be opened, as open(2) says")
    func missingFile() {
        var input = StatFileInput()
        defer { input.release() }
        let opened = "/nonexistent/barometer-statinput".withCString { input.open($0) }
        #expect(opened == -1)
    }

    @Test("a sink keeps every value through its growth, and hands them over as an array")
    func sinkGrowth() {
        var sink = NumberSink()
        let reserved = sink.reserve(3)
        #expect(reserved)
        var appended = 0
        for k in 0..<100_000 where sink.append(Double(k) / 8) { appended += 1 }
        #expect(appended == 100_000)
        let values = sink.take()
        #expect(values.count == 100_000)
        #expect(values.indices.allSatisfy { values[$0] == Double($0) / 8 })
        let again = sink.take()
        #expect(again.isEmpty)
        // Sizes that cannot be allocated are refused; the values held stay.
        _ = sink.append(1.5)
        let huge = sink.reserve(1 << 60), overflowing = sink.reserve(Int.max)
        #expect(!huge && !overflowing)
        #expect(sink.take() == [1.5])
    }

    /// 150,000 rows of `.sav` and `.dta` (several MB: many buffer refills), written by ReadStat's
    /// writer and read back: each value equals the formula that made it, missing where it was missing.
    @Test(arguments: [StatFileFormat.spss, .stata])
    func largeFileRoundTrips(format: StatFileFormat) throws {
        let n = 150_000
        let x = (0..<n).map { Double($0 % 977) / 16 - 20 }
        let y = (0..<n).map { $0 % 13 == 0 ? Double.nan : Double($0) * 0.25 }
        let region = (0..<n).map { Int32($0 % 3) }
        let table = try Table(columns: [
            Column(name: "x", values: .numeric(x)), Column(name: "y", values: .numeric(y)),
            Column(name: "region", values: .categorical(codes: region, levels: ["North", "South", "East"])),
        ], source: "t")
        let data = try StatFileWriter.data(table, format: format, name: "big")
        #expect(data.count > 2 * StatFileInput.capacity)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("big-\(UUID().uuidString).\(format == .spss ? "sav" : "dta")").path
        try data.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let back = try TableReader.read(path: path)
        #expect(back.rowCount == n)
        let bx = try back.numeric("x"), by = try back.numeric("y")
        #expect((0..<n).allSatisfy { bx[$0] == Double($0 % 977) / 16 - 20 })
        #expect((0..<n).allSatisfy { $0 % 13 == 0 ? by[$0].isNaN : by[$0] == Double($0) * 0.25 })
        let r = try back.column(named: "region")
        #expect((0..<n).allSatisfy { r.text(at: $0) == ["North", "South", "East"][$0 % 3] })
    }
}
