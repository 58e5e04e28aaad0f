import Foundation
import Testing
import Survey

/// Issue 10 "Why": a series CSV with estimate 5, a negative SE or an inverted interval was
/// accepted (`table` printed "500.0", `compare` reported −450 points). Each impossible value is
/// now refused with the file, line and column named.
@Suite struct SeriesFileValidationTests {
    /// One data row after the header; `fields` overrides columns of a valid row.
    static func file(_ fields: [String: String]) -> String {
        var row: [String: String] = [
            "dataset": "d", "country": "KZ", "target": "Russia", "item": "favorability", "wave": "w1",
            "date": "2018-11-10", "measure": "favorable", "estimate": "0.5", "se": "0.02", "ci_lower": "0.46",
            "ci_upper": "0.54", "n": "1000", "deff": "1.5", "flags": "", "source_id": "s", "citation": "c", "url": "",
        ]
        for (k, v) in fields { row[k] = v }
        return SeriesFile.columns.joined(separator: ",") + "\n"
            + SeriesFile.columns.map { row[$0] ?? "" }.joined(separator: ",") + "\n"
    }

    static func rejected(_ fields: [String: String]) -> DataError? {
        do { _ = try SeriesFile.parse(file(fields), file: "s.csv") } catch { return error }
        return nil
    }

    @Test func validRowIsAccepted() throws {
        #expect(try SeriesFile.parse(Self.file([:]), file: "s.csv").observations.count == 1)
        // Net shares may be negative.
        #expect(Self.rejected(["measure": "net", "estimate": "-0.3", "ci_lower": "-0.35", "ci_upper": "-0.25"]) == nil)
    }

    @Test(arguments: [
        (["estimate": "5", "ci_lower": "", "ci_upper": ""], "estimate"),  // a percent where a share belongs
        (["se": "-0.01"], "se"),
        (["ci_lower": "0.54", "ci_upper": "0.46"], "ci_upper"),  // inverted interval
        (["ci_upper": "1.2"], "ci_upper"),
        (["estimate": "0.7"], "estimate"),  // outside its own interval
        (["n": "0"], "n"),
        (["n": "-3"], "n"),
        (["deff": "0"], "deff"),
        (["date": "1850-01-01"], "date"),
        (["date": "2150"], "date"),
        (["date": "2018-13-01"], "date"),
        (["measure": "net", "estimate": "-1.5", "ci_lower": "", "ci_upper": ""], "estimate"),
        // Hex and spelled-out numbers, which Swift's Double(String) takes (0x0.8 = 0.5), are not decimals.
        (["estimate": "0x0.8", "ci_lower": "", "ci_upper": ""], "estimate"),
        (["se": "0x0.01"], "se"),
        (["se": "inf"], "se"),
        // An SE above half the range: no estimate confined to [0, 1] varies that much (5: a percent).
        (["se": "0.51", "ci_lower": "", "ci_upper": ""], "se"),
        (["se": "5", "ci_lower": "", "ci_upper": ""], "se"),
        // SE exactly 0 for a share strictly inside (0, 1): a placeholder, not a standard error.
        (["se": "0"], "se"),
    ])
    func impossibleValueNamesFileLineColumn(fields: [String: String], column: String) throws {
        let error = try #require(Self.rejected(fields))
        #expect(error.file == "s.csv")
        #expect(error.line == 2)
        #expect(error.column == column)
    }

    /// A column named twice was reported as another column missing; bytes that are not UTF-8
    /// had no line.
    @Test func duplicateColumnAndBadBytesAreLocated() throws {
        let header = SeriesFile.columns.map { $0 == "se" ? "estimate" : $0 }.joined(separator: ",") + "\n"
        do { _ = try SeriesFile.parse(header, file: "s.csv"); Issue.record("accepted") } catch {
            #expect(error.message.contains("column name 'estimate' appears twice in the header") && error.line == 1, "\(error)")
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).csv").path
        try Data(Array(Self.file([:]).utf8) + [0xFF, 0x0A]).write(to: URL(fileURLWithPath: path))
        do { _ = try SeriesFile.read(path: path); Issue.record("accepted") } catch {
            #expect(error.message.contains("not UTF-8") && error.line == 3, "\(error)")
        }
    }

    /// SE 0 stays allowed where it is possible: a share of exactly 0 or 1 (TM 2018, 0 of 1500).
    /// A wave label with two dates, or a date with two waves, in one series (a sweep's file: `table`
    /// showed 3 rows in text and 4 in CSV, `compare --to d` took the first `d` silently). Lines: the
    /// header is 1, the rows 2 and 3.
    @Test(arguments: [(["w1", "w1"], ["2018-11-10", "2019-11-10"], "wave", "is dated 2019-11-10 here but 2018-11-10 on line 2"),
                      (["w1", "w1"], ["2018-11-10", "2018-11-10"], "wave", "appears twice (also on line 2)"),
                      (["w1", "w2"], ["2018-11-10", "2018-11-10"], "date", "two waves dated 2018-11-10")])
    func oneRowPerWave(waves: [String], dates: [String], column: String, message: String) {
        let first = Self.file(["wave": waves[0], "date": dates[0]])
        let second = Self.file(["wave": waves[1], "date": dates[1]]).split(separator: "\n")[1]
        do {
            _ = try SeriesFile.parse(first + second + "\n", file: "s.csv")
            Issue.record("accepted")
        } catch {
            #expect(error.line == 3 && error.column == column && error.description.contains(message), "\(error)")
        }
    }

    @Test func zeroSEAtZeroOrOneIsAccepted() {
        #expect(Self.rejected(["estimate": "0", "se": "0", "ci_lower": "", "ci_upper": ""]) == nil)
        #expect(Self.rejected(["estimate": "1", "se": "0", "ci_lower": "", "ci_upper": ""]) == nil)
    }

    /// The largest SE a share can have is 0.5 (a 0/1 variable with p = 1/2); a net share's 1.
    @Test func halfTheRangeIsTheLargestSE() {
        #expect(Self.rejected(["se": "0.5", "ci_lower": "", "ci_upper": ""]) == nil)
        #expect(Self.rejected(["measure": "net", "estimate": "0.1", "se": "1", "ci_lower": "", "ci_upper": ""]) == nil)
        #expect(Self.rejected(["measure": "net", "estimate": "0.1", "se": "1.01", "ci_lower": "", "ci_upper": ""])?.column == "se")
    }

    /// The shipped built-in data pass the same checks (they are read through this parser).
    @Test func builtInDataPass() throws {
        #expect(try !SeriesCatalog.builtIn().datasets.isEmpty)
    }
}
