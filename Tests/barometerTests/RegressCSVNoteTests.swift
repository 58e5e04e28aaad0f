import Testing
@testable import barometer

/// docs/csv-columns.md: "With `--anova`, `--test` or `--margins-by` the CSV still holds only the
/// coefficients (a note on stderr says so)".
@Suite struct RegressCSVNoteTests {
    @Test func anovaWithCSVKeepsCoefficientsAndNotes() {
        let base = ["regress", "examples/apistrat.csv", "--y", "api00", "--x", "ell,meals", "--weights", "pw",
                    "--strata", "stype", "--fpc", "fpc", "--format", "csv"]
        let plain = OutputRun.run(base)
        let anova = OutputRun.run(base + ["--anova"])
        #expect(plain.exitCode == 0 && anova.exitCode == 0)
        #expect(anova.output == plain.output)
        #expect(anova.errors.contains("CSV holds the coefficients"))
    }
}
