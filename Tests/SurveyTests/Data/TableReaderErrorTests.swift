import Foundation
import Testing
import Survey

/// Error paths of format dispatch and ReadStat: each message names the file.
@Suite("Table reader errors")
struct TableReaderErrorTests {
    func temporaryFile(_ bytes: [UInt8], suffix: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("barometer-test-\(getpid())-\(suffix)")
        try Data(bytes).write(to: url)
        return url.path
    }

    func failure(_ path: String) -> DataError? {
        do {
            _ = try TableReader.read(path: path)
            return nil
        } catch {
            return error
        }
    }

    @Test("missing file")
    func missing() throws {
        let e = try #require(failure("/no/such/file.sav"))
        #expect(e.file == "/no/such/file.sav" && e.description.contains("cannot open"))
    }

    @Test("truncated .sav: ReadStat's error mapped to DataError with the file name")
    func truncated() throws {
        let path = StatFileReaderTests.fixture("truncated.sav")
        let e = try #require(failure(path))
        #expect(e.file == path)
        #expect(e.description.contains("SPSS system (.sav/.zsav)"))
    }

    @Test("a broken xlsx (bare ZIP header) and unknown binary content")
    func unsupported() throws {
        let xlsx = try temporaryFile([0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0], suffix: "book.csv")
        defer { try? FileManager.default.removeItem(atPath: xlsx) }
        let x = try #require(failure(xlsx))
        #expect(x.file == xlsx && x.description.contains("xlsx"))
        let binary = try temporaryFile([0x7F, 0x45, 0x4C, 0x46, 0, 1, 2, 0], suffix: "blob.dat")
        defer { try? FileManager.default.removeItem(atPath: binary) }
        let b = try #require(failure(binary))
        #expect(b.file == binary && b.description.contains("not a recognised data file"))
    }

    @Test("empty file")
    func empty() throws {
        let path = try temporaryFile([], suffix: "empty.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let e = try #require(failure(path))
        #expect(e.file == path && e.description.contains("empty"))
    }
}
