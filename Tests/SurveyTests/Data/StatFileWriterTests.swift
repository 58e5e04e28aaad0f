import Foundation
import Testing
import Survey

/// Issue 12 item 6 (rake side): tables written as `.sav`/`.dta` through ReadStat's writer read back
/// through the project's own reader with the same values, variable labels and value labels.
@Suite struct StatFileWriterTests {
    static func fixture(_ name: String) -> String {
        SharedData.packageRoot.appendingPathComponent("Tests/Fixtures/statfiles/\(name)").path
    }

    func same(_ a: Column, _ b: Column) -> Bool {
        switch (a.values, b.values) {
        case (.numeric(let x), .numeric(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
        case (.categorical(let c1, let l1), .categorical(let c2, let l2)):
            return zip(c1, c2).allSatisfy { ($0 < 0 && $1 < 0) || ($0 >= 0 && $1 >= 0 && l1[Int($0)] == l2[Int($1)]) }
        default: return false
        }
    }

    @Test(arguments: [StatFileFormat.spss, .stata])
    func labelledTableRoundTrips(format: StatFileFormat) throws {
        // survey.sav (make.py): fav labelled 1–4 and 99, region a string, age with a missing value.
        var table = try TableReader.read(path: Self.fixture("survey.sav"))
        try table.setColumn(Column(name: "weight_cal", values: .numeric([1.25, 0.5, 2.75, 1, 0.125, 3]), label: "calibrated weight"))
        let data = try StatFileWriter.data(table, format: format, name: "out")
        // File magic: SPSS system files start with "$FL2"; ReadStat writes Stata 13+ (.dta 117/118) as "<stata_dta>".
        let magic = format == .spss ? "$FL2" : "<stata_dta>"
        #expect(data.starts(with: Array(magic.utf8)))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rt-\(UUID().uuidString).\(format == .spss ? "sav" : "dta")").path
        try data.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let back = try TableReader.read(path: path)
        #expect(back.columnNames == ["id", "fav", "region", "weight", "age", "weight_cal"])
        for column in table.columns {
            let other = try back.column(named: column.name)
            #expect(same(column, other), "\(column.name)")
            #expect(other.label == column.label, "\(column.name) label")
            #expect(other.valueLabels == column.valueLabels, "\(column.name) value labels")
        }
        #expect(try back.column(named: "fav").valueLabels[1] == "Very favorable")
    }

    @Test func stataRefusesANameItCannotHold() throws {
        let table = try Table(columns: [Column(name: "sch.wide", values: .numeric([1, 2]))], source: "t")
        #expect(throws: DataError.self) { try StatFileWriter.data(table, format: .stata, name: "out.dta") }
    }
}
