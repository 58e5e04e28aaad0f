import Foundation
import Testing
import Survey
@testable import SurveyData

/// Issue 11 item 7: a numeric-column error names file, line, column and text, with a hint for
/// decimal commas and thousands separators; no rows, all-zero weights and all-missing values
/// are three different errors.
@Suite struct NumericCellErrorTests {
    static func table(_ csv: String) throws -> Table {
        try CSVReader().read(bytes: Array(csv.utf8), name: "poll.csv")
    }

    /// `"1,234"` on line 3 of poll.csv, column x (header is line 1).
    @Test func thousandsSeparatorNamesFileLineColumnAndHints() throws {
        let t = try Self.table("x,w\n2,1\n\"1,234\",1\n")
        #expect(throws: DataError.self) { try t.numeric("x") }
        do {
            _ = try t.numeric("x")
        } catch {
            #expect(error.file == "poll.csv" && error.line == 3 && error.column == "x")
            #expect(error.description.hasPrefix("poll.csv:3: column x: non-numeric cell '1,234'"), "\(error)")
            #expect(error.description.contains("decimal comma or thousands separators"))
        }
    }

    /// The same through the estimator (what `barometer estimate --mean x` runs): the design
    /// error carries the place too.
    @Test func estimatorErrorCarriesThePlace() throws {
        let t = try Self.table("x,w\n2,1\n\"3,5\",1\n")
        let design = try SurveyDesign(rows: t.rowCount, weights: t.column(named: "w"))
        do {
            _ = try design.means([t.column(named: "x")])
            Issue.record("no error")
        } catch {
            #expect("\(error)".hasPrefix("poll.csv:3: column x: non-numeric cell '3,5'"), "\(error)")
            #expect("\(error)".contains("decimal comma"))
        }
    }

    @Test(arguments: ["1,234", "1 234", "1'234", "1.234,5", "-3,5", "12,345,678"])
    func notationsThatGetTheHint(_ text: String) {
        #expect(!numberNotationHint(text).isEmpty, "\(text)")
    }

    @Test(arguments: ["yes", "1-2", "abc,def", "1,", ",5", "12a"])
    func textThatDoesNotGetTheHint(_ text: String) {
        #expect(numberNotationHint(text).isEmpty, "\(text)")
    }

    /// Header only; weights all zero; values all missing: three messages.
    @Test func emptyDataZeroWeightsAndAllMissingAreToldApart() throws {
        func error(_ csv: String) throws -> String {
            let t = try Self.table(csv)
            let design = try SurveyDesign(rows: t.rowCount, weights: t.column(named: "w"))
            do {
                _ = try design.means([t.column(named: "x")], options: EstimationOptions(removeMissing: true))
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        #expect(try error("x,w\n") == DesignError.noRows.description)
        #expect(try error("x,w\n1,0\n2,0\n") == DesignError.allWeightsZero.description)
        #expect(try error("x,w\nNA,1\nNA,1\n") == DesignError.allMissing(variable: "x").description)
    }

    /// Header only: a total (0, SE 0), proportions (no levels) and domain means (no domains) are
    /// the no-rows error too, on every design — not an empty table or a zero with df −1.
    @Test func noRowsIsAnErrorForEveryEstimator() throws {
        let t = try Self.table("x,w,g,r1,r2\n")
        let designs: [any Design] = [
            try SurveyDesign(rows: 0, weights: t.column(named: "w")),
            try SurveyDesign(rows: 0, weights: t.column(named: "w"), clusters: [t.column(named: "g")]),
            try ReplicateDesign(weights: t.numeric("w"), replicates: ReplicateWeights(rows: 0, columns: [t.numeric("r1"), t.numeric("r2")]),
                                type: .bootstrap),
        ]
        let x = try t.column(named: "x"), g = try t.column(named: "g")
        for design in designs {
            #expect(throws: DesignError.noRows) { _ = try design.totals([x]) }
            #expect(throws: DesignError.noRows) { _ = try design.proportions(g) }
            #expect(throws: DesignError.noRows) { _ = try design.means([x], by: Domains(column: g)) }
        }
        // Every weight zero: a total is the all-zero-weights error too (not 0 with SE 0), as a mean is.
        let z = try Self.table("x,w\n1,0\n2,0\n")
        let zero = try SurveyDesign(rows: 2, weights: z.column(named: "w"))
        #expect(throws: DesignError.allWeightsZero) { _ = try zero.totals([z.column(named: "x")]) }
    }
}
