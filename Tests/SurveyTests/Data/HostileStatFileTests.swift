import Foundation
import Testing
import Survey
@testable import SurveyData

/// `.sav`/`.dta` headers that claim 2³¹ rows (issue 11): the claim used to size every column
/// (16 GB reserved per variable). The fixtures are the synthetic pyreadstat files of
/// `StatFileReaderTests` (6 rows) with only the row count patched.
@Suite struct HostileStatFileTests {
    /// The fixture's bytes with the little-endian row count at `offset` replaced by `rows`.
    static func patched(_ name: String, rowCountAt offset: (([UInt8]) -> Int), width: Int, rows: UInt64) throws -> String {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: StatFileReaderTests.fixture(name))))
        let at = offset(bytes)
        for k in 0..<width { bytes[at + k] = UInt8((rows >> (8 * UInt64(k))) & 0xFF) }
        return try StoredZip.temporaryFile(bytes, suffix: "-" + name)
    }

    /// SPSS system file: the case count is the int32 at byte 80 of the header record
    /// (4-byte magic, 60-byte product name, then layout code, case size, compression, weight index).
    /// Stata 118/119: the 8-byte count follows the `<N>` tag.
    @Test(arguments: ["survey.sav", "survey.dta"])
    func headerClaimingTwoToTheThirtyOneRows(_ name: String) throws {
        let path: String
        if name.hasSuffix(".sav") {
            #expect(try Data(contentsOf: URL(fileURLWithPath: StatFileReaderTests.fixture(name)))[80] == 6)
            path = try Self.patched(name, rowCountAt: { _ in 80 }, width: 4, rows: 0x7FFF_FFFF)
        } else {
            path = try Self.patched(name, rowCountAt: { bytes in
                let tag = Array("<N>".utf8)
                let i = (0..<(bytes.count - 3)).first { Array(bytes[$0..<($0 + 3)]) == tag } ?? 0
                return i + 3
            }, width: 8, rows: 1 << 31)
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let clock = ContinuousClock()
        var outcome: Result<Table, DataError> = .failure(DataError("not run"))
        let elapsed = clock.measure {
            do throws(DataError) { outcome = .success(try TableReader.read(path: path)) } catch { outcome = .failure(error) }
        }
        #expect(elapsed < .seconds(2), "\(elapsed)")
        switch outcome {
        case .success(let table):
            // ReadStat stops at the end of the data: the 6 real rows, in columns sized by them.
            #expect(table.rowCount == 6)
            for column in table.columns {
                if case .numeric(let v) = column.values { #expect(v.capacity <= StatParseContext.reserveCap, "\(column.name)") }
                if case .categorical(let c, _) = column.values { #expect(c.capacity <= StatParseContext.reserveCap, "\(column.name)") }
            }
        case .failure(let error):
            #expect(error.file == path && error.message.hasPrefix("cannot read"), "\(error)")
        }
    }
}
