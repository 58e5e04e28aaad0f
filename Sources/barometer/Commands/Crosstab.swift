import ArgumentParser
import Survey

extension Barometer {
    /// `barometer crosstab FILE [design] --row A --col B`: weighted two-way table (cell proportions
    /// of the whole table with design SEs) and the Rao–Scott tests of independence.
    struct Crosstab: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "crosstab",
            abstract: "Weighted two-way table with Rao-Scott tests.",
            discussion: """
                Cells are proportions of the whole table with design-based SEs; rows missing either \
                variable are left out of the table but stay in the design. Tests as R's svychisq: the \
                second-order Rao-Scott F (statistic = "F", non-integer df) and the first-order corrected \
                chi-square (Pearson X² divided by the mean generalized design effect).

                Example:
                  barometer crosstab examples/apistrat.csv --weights pw --strata stype \\
                    --fpc fpc --row sch.wide --col stype
                """)

        @Argument(help: "Microdata file (CSV; .sav/.dta when the ReadStat reader is available).")
        var file: String

        @OptionGroup var design: DesignOptions

        @Option(help: "Row variable.")
        var row: String

        @Option(help: "Column variable.")
        var col: String

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if row == col { throw ValidationError("--row and --col must be different variables") }
        }

        func run() throws {
            let table = try PhaseTimer.measure("read") { try loadTable(file) }
            let (d, result) = try PhaseTimer.measure("compute") { () throws -> (any Design, CrosstabResult) in
                let d = try design.makeDesign(for: table)
                return (d, try d.crosstab(row: table.column(named: row), column: table.column(named: col)))
            }
            Console.write(CrosstabReport(design: d.summary, result: result, source: file).rendered(output))
        }
    }
}
