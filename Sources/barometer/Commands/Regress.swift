import ArgumentParser
import Foundation
import Survey

extension Barometer {
    /// `barometer regress` — OLS/WLS by column-scaled QR with extended-precision refinement.
    ///
    /// Thin by design: parse flags → load the table → `RegressionSpecification` → `LinearModel.fit`
    /// → `RegressionReport` → render. Design-based GLM (`--strata`, `--cluster`, `--family`, …)
    /// plugs in beside `ordinaryRegression(table:)`: add the flags, and branch in `report(table:)`.
    struct Regress: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "regress",
            abstract: "Least-squares regression (OLS/WLS), or a design-based GLM with design flags.",
            discussion: """
                Coefficients with SE, t, p and confidence interval; residual SD, R² (uncentred without an
                intercept) and residual df. Rows with a missing value in a used column are dropped.
                Example: barometer regress data.csv --y y --x x --poly x:2 --format json
                """)

        @Argument(help: "A CSV (or whitespace-delimited numeric), .sav or .dta file.")
        var file: String

        @Option(name: .customLong("y"), help: "Response column.")
        var response: String

        @Option(name: .customLong("x"), help: "Predictor columns, comma-separated.")
        var predictors: String?

        @Option(name: .customLong("poly"), help: "Polynomial in a column, COL:DEGREE (adds COL, COL^2, …); repeatable.")
        var polynomials: [Polynomial] = []

        @Flag(name: .customLong("no-intercept"), help: "Fit without an intercept (R² is then uncentred).")
        var noIntercept = false

        @Option(help: "Precision-weight column (weighted least squares; weights ≥ 0, zero weights drop out).")
        var weights: String?

        @Option(help: "Confidence level of the intervals.")
        var level: Double = 0.95

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if predictorList.isEmpty && polynomials.isEmpty {
                throw ValidationError("give at least one predictor with --x or --poly")
            }
            if !(level > 0 && level < 1) { throw ValidationError("--level must be between 0 and 1") }
        }

        func run() throws {
            let table = try TableReader.read(path: file)
            let report = try report(table: table)
            if output.format == .json {
                Console.write(report.json)
            } else {
                Console.write(output.render(report.tableModel(fullPrecision: output.format == .csv)))
            }
        }

        /// The result for a loaded table (the entry point for notebooks and tests).
        func report(table: Table) throws -> RegressionReport {
            try ordinaryRegression(table: table)
        }

        /// OLS, or WLS with `--weights`.
        func ordinaryRegression(table: Table) throws -> RegressionReport {
            let (model, design) = try specification.linearModel(from: table)
            let fit = try model.fit()
            var notes: [String] = []
            if design.droppedRows > 0 {
                notes.append("\(design.droppedRows) row\(design.droppedRows == 1 ? "" : "s") with missing values dropped")
            }
            if let weights { notes.append("weighted least squares, weights '\(weights)'") }
            return RegressionReport(fit, response: response, level: level, notes: notes, source: file)
        }

        var predictorList: [String] {
            (predictors ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }

        var specification: RegressionSpecification {
            var degrees: [String: Int] = [:]
            for p in polynomials { degrees[p.column] = p.degree }
            return RegressionSpecification(
                response: response, predictors: predictorList, polynomialDegrees: degrees, intercept: !noIntercept,
                weights: weights)
        }
    }
}

/// `--poly COL:DEGREE`, degree 1…20.
struct Polynomial: ExpressibleByArgument, Sendable, Equatable {
    let column: String
    let degree: Int

    init?(argument: String) {
        guard let colon = argument.lastIndex(of: ":"), let k = Int(argument[argument.index(after: colon)...]),
              (1...20).contains(k), colon > argument.startIndex else { return nil }
        column = String(argument[..<colon])
        degree = k
    }

    static var defaultValueDescription: String { "COL:DEGREE" }
}
