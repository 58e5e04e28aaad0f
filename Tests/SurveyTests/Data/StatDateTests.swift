import Foundation
import Testing
import Survey

/// Dates in SPSS and Stata files come as ISO text, as haven reads them (and as the Excel reader
/// gives date cells), not as day or second counts on the files' epochs (18030, 13,778,524,800).
/// Fixtures: `Tests/Fixtures/statfiles/make_dates.R` (haven's `write_dta`/`write_sav`); expected
/// texts are haven's `read_dta`/`read_sav` of the same files, formatted by R (a time of exactly
/// midnight is written as the date alone, as the Excel reader writes date cells).
@Suite struct StatDateTests {
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/statfiles/\(name)").path
    }

    static func texts(_ column: Column) -> [String?] {
        guard case .categorical(let codes, let levels) = column.values else { return [] }
        return codes.map { $0 < 0 ? nil : levels[Int($0)] }
    }

    @Test("Stata %td / %tc and SPSS DATE11 / DATETIME20: haven's dates", arguments: ["dates.dta", "dates.sav"])
    func datesAsText(file: String) throws {
        let t = try TableReader.read(path: Self.fixture(file))
        #expect(Self.texts(try t.column(named: "when")) == ["2019-05-14", "1960-01-01", "1582-10-15", nil])
        #expect(Self.texts(try t.column(named: "at")) == ["2019-05-14 13:45:10", "1960-01-01", "2000-02-29 23:59:59", nil])
        // Other numeric columns stay numbers.
        #expect(try t.numeric("y") == [1.5, 2, 3, 4])
    }
}
