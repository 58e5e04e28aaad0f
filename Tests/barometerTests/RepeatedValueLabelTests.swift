import Foundation
import Testing
@testable import barometer
import Survey

/// A labelled SPSS file whose value labels repeat ("Other" on codes 1 and 2) or collide with an
/// unlabelled value ("2" on code 1, code 2 unlabelled): barometer printed two levels of the same
/// name — `--proportion dup` two rows "Other", `--by coll` two domains "coll=2" — while `--where
/// dup=Other` took both codes, so one flag meant different rows in different places. Levels of one
/// label text are one level now (haven's `as_factor` joins them too).
///
/// Hand calculation on the four rows (w, x, dup, coll): (1, 1, 1, 1), (1, 2, 2, 2), (2, 3, 3, 3),
/// (1, 4, 1, 2). Other = codes 1 and 2 = rows 1, 2, 4: share 3/5 = 0.6, A 2/5 = 0.4. coll "2" =
/// codes 1 and 2 = rows 1, 2, 4: weighted mean of x (1 + 2 + 4)/3 = 7/3; "3": 3.
@Suite struct RepeatedValueLabelTests {
    static let path: String = {
        let table = try? Table(columns: [
            Column(name: "w", values: .numeric([1, 1, 2, 1])),
            Column(name: "x", values: .numeric([1, 2, 3, 4])),
            Column(name: "dup", values: .numeric([1, 2, 3, 1]), valueLabels: [1: "Other", 2: "Other", 3: "A"]),
            Column(name: "coll", values: .numeric([1, 2, 3, 2]), valueLabels: [1: "2"]),
        ])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("labels-\(UUID().uuidString).sav").path
        if let table, let data = try? StatFileWriter.data(table, format: .spss, name: path) {
            try? data.write(to: URL(fileURLWithPath: path))
        }
        return path
    }()

    static func rows(_ args: [String]) throws -> [[String: Any]] {
        let r = Barometer.execute(["estimate", path, "--weights", "w"] + args + ["--format", "json"])
        #expect(r.exitCode == 0, "\(r.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
        return try #require(json["estimates"] as? [[String: Any]])
    }

    @Test func repeatedLabelIsOneLevel() throws {
        let rows = try Self.rows(["--proportion", "dup"])
        #expect(rows.map { $0["level"] as? String } == ["Other", "A"])
        #expect(abs((rows[0]["estimate"] as? Double ?? .nan) - 0.6) < 1e-15)
        #expect(abs((rows[1]["estimate"] as? Double ?? .nan) - 0.4) < 1e-15)
    }

    @Test func labelCollidingWithAnUnlabelledValueIsOneDomain() throws {
        let rows = try Self.rows(["--mean", "x", "--by", "coll"])
        let domains = rows.compactMap { ($0["domain"] as? [String: Any])?["value"] as? String }
        #expect(domains == ["2", "3"])
        #expect(abs((rows[0]["estimate"] as? Double ?? .nan) - 7.0 / 3) < 1e-14)
        // --where picks the same rows as the domain.
        let within = try Self.rows(["--mean", "x", "--where", "coll=2"])
        #expect(abs((within[0]["estimate"] as? Double ?? .nan) - 7.0 / 3) < 1e-14)
    }

    /// The contrast between the joined level and another uses all of its rows: 0.6 − 0.4.
    @Test func contrastUsesTheJoinedLevel() {
        let r = Barometer.execute(["estimate", Self.path, "--weights", "w", "--proportion", "dup", "--contrast", "Other-A", "--format", "csv"])
        #expect(r.exitCode == 0, "\(r.errors)")
        let line = r.output.split(whereSeparator: \.isNewline).first { $0.hasPrefix("Other-A,") } ?? ""
        let fields = line.split(separator: ",", omittingEmptySubsequences: false)
        #expect(fields.count > 4 && abs((Double(fields[4]) ?? .nan) - 0.2) < 1e-14, "\(r.output)")
    }
}

/// `--by` on a column with every row missing printed an empty table and exited 0 (R's svyby
/// fails); and a weight column with a text cell said only "expected numeric weights".
@Suite struct EmptyDomainAndWeightCellTests {
    @Test func byOnAnAllMissingColumnIsAnError() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("allna-\(UUID().uuidString).csv").path
        try "w,x,allna\n1,2,\n2,3,NA\n3,4,\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = Barometer.execute(["estimate", path, "--weights", "w", "--mean", "x", "--by", "allna"])
        #expect(r.exitCode == 1)
        #expect(r.errors.contains("--by allna: every row is missing"), "\(r.errors)")
    }

    @Test func textInTheWeightsNamesTheCell() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("wcell-\(UUID().uuidString).csv").path
        try "w,x\n1,2\nx1,3\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = Barometer.execute(["estimate", path, "--weights", "w", "--mean", "x"])
        #expect(r.exitCode == 1)
        #expect(r.errors.contains("\(path):3"), "\(r.errors)")
        #expect(r.errors.contains("x1"), "\(r.errors)")
    }
}

/// An uncompressed SPSS file whose header leaves the case count unknown (-1, which the format
/// allows) was refused as "the data have no rows": ReadStat 1.1.8 reads none from it. The error
/// now says why and what to do. The file is the writer's own, its case count patched to -1.
@Suite struct UnknownCaseCountTests {
    @Test func uncompressedFileWithoutACaseCountIsExplained() throws {
        let table = try Table(columns: [Column(name: "w", values: .numeric([1, 2, 3])), Column(name: "x", values: .numeric([4, 5, 6]))])
        var data = try StatFileWriter.data(table, format: .spss, name: "t")
        // Bytes 72–75: compression (0 = none, as ReadStat writes it); 80–83: the case count.
        #expect(data[72..<76].allSatisfy { $0 == 0 })
        data.replaceSubrange(80..<84, with: [0xFF, 0xFF, 0xFF, 0xFF])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ncases-\(UUID().uuidString).sav").path
        try data.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = Barometer.execute(["estimate", path, "--weights", "w", "--mean", "x"])
        #expect(r.exitCode == 1)
        #expect(r.errors.contains("header gives no case count (-1) and its data are uncompressed"), "\(r.errors)")
    }
}

/// A text cell in an .xlsx column used as numeric said only "expected a numeric variable"; it
/// now names the sheet row and the text, as for CSV. `types.xlsx` (scripts/make-xlsx-fixtures.py):
/// column `mixed` holds 3, "Don't Know (vol.)", 2.5 in sheet rows 2–4.
@Suite struct SpreadsheetCellErrorTests {
    @Test func textInANumericSpreadsheetColumnNamesTheRow() {
        let workbook = RakeCommandTests.fixtures.appendingPathComponent("xlsx/types.xlsx").path
        let r = Barometer.execute(["estimate", workbook, "--mean", "mixed"])
        #expect(r.exitCode == 1)
        #expect(r.errors.contains("types.xlsx:3"), "\(r.errors)")
        #expect(r.errors.contains("Don't Know (vol.)"), "\(r.errors)")
    }
}

/// A string or date variable of a Stata/SPSS file used as a weight or a `--mean` said only
/// "variable 'region': expected numeric weights", without the file (a sweep). Fixtures
/// (Tests/Fixtures/statfiles, make.py and make_dates.R): `region` is a string variable of
/// survey.dta/.sav, `when` a Stata date of dates.dta.
@Suite struct StatFileTextColumnTests {
    static let statfiles = RakeCommandTests.fixtures.appendingPathComponent("statfiles")

    @Test func stringWeightNamesTheFileAndColumn() {
        let file = Self.statfiles.appendingPathComponent("survey.dta").path
        let r = Barometer.execute(["estimate", file, "--weights", "region", "--mean", "fav"])
        #expect(r.exitCode == 1)
        #expect(r.errors.contains("survey.dta: column region: holds text or dates (categories), not numbers (expected numeric weights)"),
                "\(r.errors)")
    }

    @Test func dateAsAMeanNamesTheFileAndSuggestsProportions() {
        let file = Self.statfiles.appendingPathComponent("dates.dta").path
        let r = Barometer.execute(["estimate", file, "--mean", "when"])
        #expect(r.exitCode == 1)
        #expect(r.errors.contains("dates.dta: column when: holds text or dates (categories), not numbers (expected a numeric variable)"),
                "\(r.errors)")
        let sav = Self.statfiles.appendingPathComponent("survey.sav").path
        let text = Barometer.execute(["estimate", sav, "--mean", "region", "--weights", "weight"])
        #expect(text.exitCode == 1 && text.errors.contains("the shares of its categories: --proportion region"), "\(text.errors)")
    }
}
