import Foundation
import Testing
@testable import barometer
import Survey

/// Outputs pasted into reports: labels with `_`, `~`, `&` changed when a Markdown table was
/// rendered (`_under_` in italics); a LaTeX row label `[DK]` after `\\` was read as the row
/// skip `\\[len]` and stopped the document compiling; `regress` refused a text predictor whose
/// levels look like numbers (`a`, `1e5`) that `estimate` and `crosstab` take as categorical.
@Suite struct PublicationEscapingTests {
    static func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pub-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func markdownCellsEscapeUnderscoreTildeAndAmpersand() throws {
        let path = try Self.file("w,g\n1,_under_\n1,~~strike~~\n1,a&amp;b\n1,_under_\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = Barometer.execute(["estimate", path, "--weights", "w", "--proportion", "g", "--format", "markdown"])
        #expect(r.exitCode == 0, "\(r.errors)")
        #expect(r.output.contains("\\_under\\_"), "\(r.output)")
        #expect(r.output.contains("\\~\\~strike\\~\\~"))
        #expect(r.output.contains("a\\&amp;b"))
    }

    @Test func latexBracketLabelIsNotARowSkip() throws {
        let path = try Self.file("w,lab,g\n1,[DK],x\n1,[DK],y\n1,yes,x\n1,yes,y\n2,yes,x\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = Barometer.execute(["crosstab", path, "--weights", "w", "--row", "lab", "--col", "g", "--percent", "row", "--format", "latex"])
        #expect(r.exitCode == 0, "\(r.errors)")
        #expect(r.output.contains("{}[DK]"), "\(r.output)")
        // No line of the tabular starts with a bare `[` (after the `\\` ending the row before).
        #expect(!r.output.split(whereSeparator: \.isNewline).contains { $0.hasPrefix("[") })
    }

    /// A backtick and a straight quote came out as curly quotes in LaTeX, and `a--b` as an en
    /// dash; the missing mark `---` stays an em dash.
    @Test func latexKeepsQuotesAndDashesAsTyped() throws {
        let path = try Self.file("w,g\n1,a--b\n1,\"say \"\"hi\"\"\"\n1,`x`\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = Barometer.execute(["estimate", path, "--weights", "w", "--proportion", "g", "--format", "latex"])
        #expect(r.exitCode == 0, "\(r.errors)")
        #expect(r.output.contains("a-{}-b"), "\(r.output)")
        #expect(r.output.contains("\\textquotedbl{}hi\\textquotedbl{}"))
        #expect(r.output.contains("\\textasciigrave{}x\\textasciigrave{}"))
    }

    /// OLS on a two-level factor: intercept = the reference's mean, the other level's coefficient
    /// = the difference of means. Levels sort "1e5" < "a" (C locale), so "1e5" is the reference:
    /// y = 2, 6 there (mean 4) and 1, 3 at "a" (mean 2): intercept 4, ga = −2.
    @Test func textPredictorWithNumberLikeLevelsIsAFactor() throws {
        let path = try Self.file("g,y\na,1\n1e5,2\na,3\n1e5,6\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = Barometer.execute(["regress", path, "--y", "y", "--x", "g", "--format", "json"])
        #expect(r.exitCode == 0, "\(r.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
        let terms = try #require(json["coefficients"] as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: terms.compactMap { t in (t["term"] as? String).map { ($0, t["estimate"] as? Double ?? .nan) } })
        #expect(abs((byName["(Intercept)"] ?? .nan) - 4) < 1e-12, "\(byName)")
        #expect(abs((byName["ga"] ?? .nan) + 2) < 1e-12, "\(byName)")
    }

    /// Mostly numbers with one text cell is still the typo guard: an error naming the cell.
    @Test func numbersWithAStrayTextCellStillStop() throws {
        let path = try Self.file("g,y\n1,1\n2,2\n3,3\nDK,6\n1,2\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = Barometer.execute(["regress", path, "--y", "y", "--x", "g"])
        #expect(r.exitCode == 1)
        #expect(r.errors.contains("non-numeric cell 'DK'"), "\(r.errors)")
    }
}

/// `crosstab --percent row --format csv` wrote the wide report table, its columns keyed by
/// category in snake case (`A|B` and `A_B` both `a_b_estimate`); it is the documented one row per
/// cell now, with the row and column shares as further columns, equal to the JSON's.
@Suite struct CrosstabCSVViewTests {
    @Test func percentViewsWriteOneRowPerCell() throws {
        let data = RakeCommandTests.fixtures.appendingPathComponent("rsurvey/data/apistrat.csv").path
        let base = ["crosstab", data, "--weights", "pw", "--strata", "stype", "--row", "sch.wide", "--col", "awards", "--percent", "row"]
        let csv = Barometer.execute(base + ["--format", "csv"])
        #expect(csv.exitCode == 0, "\(csv.errors)")
        let records = csv.output.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(records.first)
        #expect(Array(header.prefix(6)) == ["row_variable", "row", "col_variable", "col", "proportion", "se"])
        #expect(header.contains("row_proportion") && header.contains("col_ci_upper"))
        #expect(records.count == 1 + 4)
        let json = Barometer.execute(base + ["--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let cells = try #require(object["table"] as? [[String: Any]])
        let first = try #require(records.dropFirst().first { $0[1] == "Yes" && $0[3] == "No" })
        let cell = try #require(cells.first { $0["row"] as? String == "Yes" && $0["col"] as? String == "No" })
        let column = try #require(header.firstIndex(of: "row_proportion"))
        #expect(Double(first[column]) == cell["row_proportion"] as? Double)
    }
}

/// A category called "Total" printed next to the margin, also headed "Total": the margin is
/// headed "All" then.
@Suite struct CrosstabTotalLabelTests {
    @Test func marginIsAllWhenACategoryIsTotal() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("total-\(UUID().uuidString).csv").path
        try "w,g,h\n1,Total,a\n1,x,a\n2,Total,b\n1,x,b\n1,x,a\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = Barometer.execute(["crosstab", path, "--weights", "w", "--row", "g", "--col", "h", "--percent", "column", "--format", "markdown"])
        #expect(r.exitCode == 0, "\(r.errors)")
        let header = r.output.split(whereSeparator: \.isNewline).first { $0.hasPrefix("| g") } ?? ""
        #expect(header.contains("All") && !header.contains("Total"), "\(r.output)")
        #expect(r.output.contains("All is the row margin"), "\(r.output)")
    }
}

/// Quoted CSV cells "Yes" and "Yes " are two levels (as R's read.csv keeps them); tables printed
/// both as `lab=Yes`, and the CSV wrote `lab=Yes ,` unquoted, which readers trim back to `lab=Yes`.
@Suite struct WhitespaceLabelTests {
    @Test func labelsWithEdgeSpacesAreQuotedInTablesAndCSV() throws {
        let path = try PublicationEscapingTests.file("w,x,lab\n1,2,\"Yes\"\n2,3,\"Yes \"\n1,4,\"Yes\"\n3,5,\"Yes \"\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let base = ["estimate", path, "--weights", "w", "--mean", "x", "--by", "lab"]
        let markdown = Barometer.execute(base + ["--format", "markdown"])
        #expect(markdown.output.contains("lab=\"Yes \""), "\(markdown.output)")
        #expect(markdown.output.contains("lab=Yes "))   // the plain one, then the cell's padding
        let csv = Barometer.execute(base + ["--format", "csv"])
        #expect(csv.output.contains(",\"lab=Yes \","), "\(csv.output)")
    }
}
