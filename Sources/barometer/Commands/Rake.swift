import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText
import Survey

extension CalibrationMethod: ChoiceArgument {}

extension Barometer {
    /// `barometer rake`: calibrates the weights of a data file to population margins and writes the
    /// file with a new weight column (atomically; the input is never modified).
    struct Rake: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rake",
            _superCommandName: Barometer.commandName,
            abstract: "Calibrate weights to population margins (raking, post-stratification, linear).",
            discussion: """
                The margins file is a CSV with columns variable,level,total (R's Freq is accepted for \
                total); several variables may share it. Totals are population counts; if every variable \
                sums to 1 they are proportions and are scaled to the sum of the weights. Raking iterates \
                until no weight changes by more than --rake-epsilon (relative) in a sweep. --method linear is \
                R's calibrate(): closed-form GREG, or with --calfun raking|logit and/or --bounds L,U (on \
                calibrated ÷ design weight) Newton's method; a row with an empty level gives a numeric \
                column's total. --trim L,U trims afterwards (R trimWeights). Negative or zero calibrated \
                weights and non-convergence are errors unless --allow-negative-weights or \
                --allow-not-converged; the report gives weight diagnostics (max/min, Kish deff, effective n).
                The output is the input table plus the new weight column, written to --out through a \
                temporary file in the same directory and a rename; the input file is never modified. \
                A CSV input is copied byte for byte with the new column appended; --out ending in .sav \
                or .dta writes SPSS or Stata (variable and value labels kept) and - writes CSV to standard \
                output. --out may not name any input (data, margins).

                Example:
                  barometer rake examples/apistrat.csv --weights pw \\
                    --margins examples/margins-stype-schwide.csv --out raked.csv
                  barometer rake examples/apistrat.csv --weights pw \\
                    --margins examples/margins-stype.csv --method poststratify --out ps.csv
                  barometer rake examples/apistrat.csv --weights pw \\
                    --margins examples/margins-stype-schwide.csv --method linear \\
                    --calfun logit --bounds 0.5,2 --out logit.csv
                """)

        @Argument(help: "The data file (CSV, .sav, .dta, .xlsx), or - for standard input.")
        var file: String

        @OptionGroup var design: DesignOptions

        @Option(help: "Population margins CSV: variable,level,total.")
        var margins: String

        @Option(help: "Where to write the table with the calibrated weights: .csv, .sav or .dta by extension, - for standard output (CSV).")
        var out: String

        @Option(help: "Calibration method: rake|poststratify|linear.")
        var method: CalibrationMethod = .rake

        @Option(name: .customLong("new-weight"), help: "Name of the new weight column (default: <weights>_cal, or weight_cal).")
        var newWeight: String?

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let newWeight, newWeight.whitespacesTrimmed().isEmpty {
                throw ValidationError("--new-weight needs a column name (got an empty one)")
            }
            if design.calibrates {
                throw ValidationError("rake takes its margins from --margins (and the method from --method), not --rake/--poststratify/--calibrate")
            }
            if (design.calibration.calfun != nil || design.calibration.bounds != nil) && method != .linear {
                throw ValidationError("--calfun and --bounds apply to --method linear")
            }
            if design.repweights != nil || design.toReplicates != nil {
                throw ValidationError("rake writes one calibrated weight column; replicate designs are calibrated by --rake in estimate")
            }
            if let e = design.rakeEpsilon, e <= 0 || !e.isFinite { throw ValidationError("--rake-epsilon must be a positive number") }
            if let m = design.rakeMaxit, m < 1 { throw ValidationError("--rake-maxit must be at least 1") }
            _ = try RakeOutput.format(of: out)
            var inputs = [("data", file), ("--margins", margins)]
            if let scales = design.rscales, FileManager.default.fileExists(atPath: scales) { inputs.append(("--rscales", scales)) }
            try InputGuard.refuseOverwriting(out, inputs: inputs, command: "rake")
        }

        func run() throws {
            let input = file == "-" ? try RakeOutput.stdinToFile() : file
            defer { if file == "-" { try? FileManager.default.removeItem(atPath: input); TemporaryFiles.unregister(input) } }
            let table = try PhaseTimer.measure("read") { try loadTable(input) }
            let marginTable = try CSVReader().read(path: margins)
            let (result, written) = try PhaseTimer.measure("compute") { () throws -> (Calibration, Table) in
                // The design's weights (given, 1/probs, or from the fpc; all 1 without design flags).
                let w = design.isGiven ? try design.makeDesign(for: table, rakeControls: true).weights : [Double](repeating: 1, count: table.rowCount)
                return try Self.calibrate(
                    table: table, weights: w, weightName: design.weights, margins: marginTable, method: method,
                    options: try design.calibration.options(epsilon: design.rakeEpsilon, maxIterations: design.rakeMaxit),
                    trimming: try design.calibration.trimming(), newWeight: newWeight)
            }
            let column = written.columnNames.last ?? ""
            let bytes = try RakeOutput.bytes(written, column: column, input: input, format: try RakeOutput.format(of: out), out: out)
            let report = Self.report(result, table: written, file: file, out: out == "-" ? "standard output" : out,
                                     margins: margins, format: output)
            if out == "-" {  // the table is the standard output; the report goes to standard error
                Console.write(String(decoding: bytes, as: UTF8.self))
                Console.error(report)
            } else {
                try PhaseTimer.measure("write") { try AtomicFile.write(bytes, to: out) }
                Console.write(report)
            }
        }

        /// Calibrates and returns the result and the table with the new weight column appended.
        static func calibrate(
            table: Table, weights w: [Double], weightName: String?, margins: Table, method: CalibrationMethod,
            options: CalibrationOptions, trimming: WeightTrimming? = nil, newWeight: String?
        ) throws -> (Calibration, Table) {
            var cal = try Calibration(
                table: table, weights: w, margins: try CalibrationMargins(table: margins), method: method,
                options: options)
            if let trimming { cal = try cal.trimmed(trimming) }
            let name = newWeight ?? "\(weightName ?? "weight")_cal"
            if table.columnNames.contains(name) {
                throw ValidationError("the table already has a column '\(name)'; choose another with --new-weight")
            }
            var written = table
            try written.setColumn(Column(name: name, values: .numeric(cal.weights), label: "calibrated weight (\(method.rawValue))"))
            return (cal, written)
        }

        /// Iterations and achieved-vs-target margins in the requested format.
        static func report(
            _ c: Calibration, table: Table, file: String, out: String, margins: String, format: OutputOptions
        ) -> String {
            let column = table.columnNames.last ?? ""
            if format.format == .json { return c.summaryJSON(rows: table.rowCount, column: column, out: out).rendered() + "\n" }
            let notes = c.summaryNotes(rows: table.rowCount, column: column, out: out)
            var model = c.reportTable(footnotes: notes)
            model.sourceNote = "\(file), margins \(margins)"
            return format.render(model)
        }
    }
}
