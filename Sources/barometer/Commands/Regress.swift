import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText
import Survey

extension Barometer {
    /// `barometer regress` — OLS / model-based WLS by column-scaled QR with extended-precision
    /// refinement, or a design-based GLM / ordinal logit (`Regress+Design.swift`).
    ///
    /// Thin by design: parse flags → load the table → `RegressionSpecification` → a fit in `Survey`
    /// (`LinearModel`, `fitDesignGLM`, `fitDesignOrdinal`, term tests, margins) → `RegressionReport`
    /// → render.
    struct Regress: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "regress",
            _superCommandName: Barometer.commandName,
            abstract: "Least-squares regression (OLS, model-based WLS), or with sampling weights / design flags a design-based GLM or ordinal logit.",
            discussion: """
                Coefficients with SE, t, p and confidence interval. Rows with a missing value in a used column \
                are dropped. Predictors are model terms as in R: a categorical column becomes treatment \
                contrasts (levels sorted, the first the reference unless --ref col=level), a*b adds a, b and \
                a:b, a:b the interaction alone.
                Without design flags: OLS (or model-based WLS with --precision-weights) with residual SD, R² \
                (uncentred without an intercept) and residual df.
                With --weights (sampling weights) or any design flag (--strata, --cluster, --fpc, --repweights, \
                --rake, …) or --family: a design-based GLM as R's svyglm, with sandwich (or replicate) SEs; \
                --family ordinal for a proportional-odds logit as R's svyolr. --exp prints odds or rate ratios, \
                --test/--anova Wald F tests of terms (regTermTest), --margins-by predicted margins by group \
                (svypredmeans). See docs/models.md.
                Example:
                  barometer regress examples/apistrat.csv --y api00 --x meals \\
                    --poly meals:2 --format json
                  barometer regress examples/apistrat.csv --y api00 \\
                    --x "stype*ell,meals" --weights pw --ref stype=M
                  barometer regress examples/apistrat.csv --y sch.wide --x ell,meals \\
                    --weights pw --strata stype --family binomial
                """)

        @Argument(help: MicrodataFileHelp.argument)
        var file: String

        @Option(name: .customLong("y"), help: "Response column.")
        var response: String

        @Option(name: .customLong("x"), help: "Predictor terms, comma-separated: columns, a:b interactions, a*b (a + b + a:b); a name with * or : in backquotes (`x*z`).")
        var predictors: String?

        @Option(name: .customLong("ref"), help: "Reference level of a categorical predictor, COL=LEVEL; repeatable.")
        var references: [ReferenceLevel] = []

        @Option(name: .customLong("factor"), help: "Numeric columns to treat as categorical, comma-separated.")
        var factorColumns: String?

        @Option(name: .customLong("precision-weights"),
                help: "Precision-weight column: model-based weighted least squares (not a sampling weight; not with design flags).")
        var precisionWeights: String?

        @Option(name: .customLong("poly"), help: "Polynomial in a column, COL:DEGREE (adds COL, COL^2, …); repeatable.")
        var polynomials: [Polynomial] = []

        @Flag(name: .customLong("no-intercept"), help: "Fit without an intercept (R² is then uncentred).")
        var noIntercept = false

        /// Design flags (DESIGN.md §3): `--weights` are sampling weights, and any design flag makes the
        /// fit a design-based GLM (`Regress+Design.swift`); precision weights are `--precision-weights`.
        @OptionGroup var design: DesignOptions

        @Option(help: "Design-based model: gaussian|binomial|quasibinomial|poisson|quasipoisson (GLM, as svyglm) or ordinal (proportional-odds logit, as svyolr); implies a design-based fit.")
        var family: RegressFamily?

        @Option(name: .customLong("levels"),
                help: "Order of the response's categories for --family ordinal, lowest first, comma-separated (other values are left out as missing; default: sorted).")
        var responseLevels: String?

        @Option(name: .customLong("margins-by"),
                help: "Predicted margins by this categorical column (as svypredmeans): means (GLM) or category probabilities (ordinal).")
        var marginsBy: String?

        @Flag(name: .customLong("exp"), help: "Print exp(estimate) and exp(interval): odds ratios (logit) or rate ratios (log link).")
        var exponentiate = false

        @Option(name: .customLong("test"),
                help: "Wald F test (design df) that the coefficients of these terms are zero, TERM+TERM (e.g. stype+stype:ell); repeatable.")
        var tests: [String] = []

        @Flag(name: .customLong("anova"), help: "Add the analysis-of-terms table: a Wald F test of each term (design-based fits).")
        var analysisOfTerms = false

        @Option(help: "Confidence level of the intervals.")
        var level: Double = 0.95

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if predictorList.isEmpty && polynomials.isEmpty {
                throw ValidationError("give at least one predictor with --x or --poly")
            }
            try FlagRange.checkLevel(level)
            try validateDesignFlags()
        }

        func run() throws {
            let table = try TableReader.read(path: file)
            let report = try report(table: table)
            if output.format == .json {
                Console.write(report.json)
            } else {
                Console.write(output.render(report.tableModel(fullPrecision: output.format == .csv)))
                // CSV is one table: the coefficients (term tests and margins: text or JSON).
                if output.format == .csv {
                    if analysisOfTerms || !tests.isEmpty || marginsBy != nil {
                        Console.error("Note: CSV holds the coefficients; --anova, --test and --margins-by tables print with --format text or json.")
                    }
                    return
                }
                if let tests = report.termTestTable(fullPrecision: output.format == .csv) {
                    Console.write("\n" + output.render(tests))
                }
                if let margins = report.marginsTable(fullPrecision: output.format == .csv) {
                    Console.write("\n" + output.render(margins))
                }
            }
        }

        /// The result for a loaded table (the entry point for notebooks and tests).
        func report(table: Table) throws -> RegressionReport {
            let report = try isDesignBased ? designRegression(table: table) : ordinaryRegression(table: table)
            return exponentiate ? report.exponentiating() : report
        }

        /// OLS, or model-based WLS with `--precision-weights`.
        func ordinaryRegression(table: Table) throws -> RegressionReport {
            var spec = specification
            spec.weights = precisionWeights
            let (model, design) = try spec.linearModel(from: table)
            let fit = try model.fit()
            var notes: [String] = []
            if design.droppedRows > 0 {
                notes.append("\(design.droppedRows) row\(design.droppedRows == 1 ? "" : "s") with missing values dropped")
            }
            if let weights = spec.weights {
                notes.append("model-based weighted least squares, precision weights '\(weights)' (not sampling weights: use --weights for design-based SEs)")
            }
            return RegressionReport(fit, response: response, level: level, notes: notes, source: file)
        }

        var predictorList: [String] {
            Self.list(predictors)
        }

        var specification: RegressionSpecification {
            var degrees: [String: Int] = [:]
            for p in polynomials { degrees[p.column] = p.degree }
            return RegressionSpecification(
                response: response, predictors: predictorList, polynomialDegrees: degrees, intercept: !noIntercept,
                weights: design.weights, factors: Self.list(factorColumns),
                references: Dictionary(references.map { ($0.column, $0.level) }, uniquingKeysWith: { _, b in b }))
        }

        static func list(_ text: String?) -> [String] {
            (text ?? "").split(separator: ",").map { $0.whitespacesTrimmed() }.filter { !$0.isEmpty }
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

/// `--ref COL=LEVEL`.
struct ReferenceLevel: ExpressibleByArgument, Sendable, Equatable {
    let column: String
    let level: String

    init?(argument: String) {
        guard let eq = argument.firstIndex(of: "="), eq > argument.startIndex,
              argument.index(after: eq) < argument.endIndex else { return nil }
        column = String(argument[..<eq])
        level = String(argument[argument.index(after: eq)...])
    }

    static var defaultValueDescription: String { "COL=LEVEL" }
}
