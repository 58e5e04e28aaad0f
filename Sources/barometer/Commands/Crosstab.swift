import ArgumentParser
import Survey

extension Barometer {
    /// `barometer crosstab FILE [design] --row A --col B`: weighted two-way table (cell proportions
    /// of the whole table with design SEs) and the Rao–Scott tests of independence.
    struct Crosstab: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "crosstab",
            _superCommandName: Barometer.commandName,
            abstract: "Weighted two-way table with Rao-Scott tests.",
            discussion: """
                Cells are proportions of the whole table with design-based SEs; rows missing either \
                variable are left out of the table but stay in the design. Tests as R's svychisq: the \
                second-order Rao-Scott F (statistic = "F", non-integer df), the first-order corrected \
                chi-square (Pearson X² divided by the mean generalized design effect), and the Wald and \
                adjusted Wald F tests (statistic = "Wald", "adjWald").
                --percent row|column|cell shows those percentages with SEs and logit intervals (R \
                svyciprop on the row or column domain, domain df) and margins; --percent counts the \
                weighted counts with SEs. --banner shows column percentages with letters: a letter marks \
                a column whose percentage is significantly higher than the lettered column's (t test of \
                the difference on the design df, --adjust holm|bonferroni|none within each row, --alpha). \
                JSON always carries counts, row/column/cell percentages and margins.

                Example:
                  barometer crosstab examples/apistrat.csv --weights pw --strata stype \\
                    --fpc fpc --row sch.wide --col stype
                  barometer crosstab examples/apistrat.csv --weights pw --strata stype \\
                    --fpc fpc --row awards --col stype --banner
                """)

        @Argument(help: MicrodataFileHelp.argument)
        var file: String

        @OptionGroup var design: DesignOptions

        @Option(help: "Row variable.")
        var row: String

        @Option(help: "Column variable.")
        var col: String

        @Option(help: "Table to print: cell|row|column percentages (SE, logit CI, margins) or counts (weighted, SE).")
        var percent: CrosstabView = .cell

        @Flag(help: "Banner: column percentages with letters for significant pairwise column differences.")
        var banner = false

        @Option(help: "p-value adjustment of the --banner comparisons within each row: holm|bonferroni|none.")
        var adjust: PValueAdjustment = .holm

        @Option(help: "Significance level of the --banner letters.")
        var alpha: Double = 0.05

        @Option(help: "Confidence level of the percentages' intervals.")
        var level: Double = 0.95

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if row == col { throw ValidationError("--row and --col must be different variables") }
            try FlagRange.check("--alpha", alpha, "in (0, 1)") { $0 > 0 && $0 < 1 }
            try FlagRange.check("--level", level, "in (0, 1)") { $0 > 0 && $0 < 1 }
            if banner && percent != .cell { throw ValidationError("--banner shows column percentages; not with --percent") }
        }

        func run() throws {
            let table = try PhaseTimer.measure("read") { try loadTable(file) }
            let (d, result) = try PhaseTimer.measure("compute") { () throws -> (any Design, CrosstabResult) in
                let d = try design.makeDesign(for: table)
                return (d, try d.crosstab(row: table.column(named: row), column: table.column(named: col)))
            }
            var report = CrosstabReport(design: d.summary, result: result, source: file, view: percent)
            // Percentages for reports need per-domain covariances: computed up to the tests' cell limit.
            let wanted = output.format == .json || percent != .cell || banner
            if wanted && result.cells.count <= CrosstabResult.testCellLimit {
                let x = try PhaseTimer.measure("compute") {
                    try d.crosstabPercentages(row: table.column(named: row), column: table.column(named: col), level: level)
                }
                report.percentages = x
                if banner {
                    report.banner = BannerComparison(
                        x, degreesOfFreedom: Double(d.summary.degreesOfFreedom), adjustment: adjust, alpha: alpha)
                }
            }
            Console.write(report.rendered(output))
        }
    }
}
