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
                With design flags (--strata, --cluster, --fpc, --repweights, --rake, …) or --family, a design-based \
                GLM as R's svyglm: --weights are then sampling weights and SEs are sandwich (or replicate) SEs.
                Example: barometer regress data.csv --y y --x x --poly x:2 --format json
                         barometer regress api.csv --y sch.wide --x ell,meals --weights pw --strata stype --family binomial
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

        /// Design flags (DESIGN.md §3). `--weights` alone: precision weights (WLS); with any other
        /// design flag or `--family`: sampling weights of a design-based GLM (`Regress+Design.swift`).
        @OptionGroup var design: DesignOptions

        @Option(help: "Design-based GLM family: gaussian|binomial|quasibinomial (implies a design-based fit).")
        var family: GLMFamily?

        @Option(help: "Confidence level of the intervals.")
        var level: Double = 0.95

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if predictorList.isEmpty && polynomials.isEmpty {
                throw ValidationError("give at least one predictor with --x or --poly")
            }
            if !(level > 0 && level < 1) { throw ValidationError("--level must be between 0 and 1") }
            try validateDesignFlags()
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
            try isDesignBased ? designRegression(table: table) : ordinaryRegression(table: table)
        }

        /// OLS, or WLS with `--weights`.
        func ordinaryRegression(table: Table) throws -> RegressionReport {
            let (model, design) = try specification.linearModel(from: table)
            let fit = try model.fit()
            var notes: [String] = []
            if design.droppedRows > 0 {
                notes.append("\(design.droppedRows) row\(design.droppedRows == 1 ? "" : "s") with missing values dropped")
            }
            if let weights = design.weights { notes.append("weighted least squares, weights '\(weights)'") }
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
                weights: design.weights)
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
