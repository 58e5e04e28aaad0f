import Testing
@testable import barometer

/// `ChoiceArgument` spells an enum option's values as their raw words in errors, help and
/// completions, as ArgumentParser's generic defaults did: the formats of DESIGN.md §3 (text |
/// markdown | csv | json | latex) and the footers of `--sources` (short, full), in that order.
@Suite struct ChoiceArgumentTests {
    @Test func valuesAreTheRawWordsInOrder() {
        #expect(OutputFormat.allValueStrings == ["text", "markdown", "csv", "json", "latex"])
        #expect(OutputFormat.allValueDescriptions.isEmpty)
        #expect(OutputFormat.csv.defaultValueDescription == "csv")
    }

    @Test func aBadValueListsTheWords() {
        let format = Barometer.execute(["table", "--format", "yaml"])
        #expect(format.exitCode == 2)
        #expect(format.errors.contains("Please provide one of 'text', 'markdown', 'csv', 'json' or 'latex'."))
        let sources = Barometer.execute(["table", "--sources", "nope"])
        #expect(sources.errors.contains("Please provide one of 'short' and 'full'."))
    }

    @Test func helpShowsTheWordsAndTheDefault() {
        let help = Barometer.execute(["table", "--help"]).output
        #expect(help.contains("(values: short, full; default: short)"))
        #expect(help.contains("text, markdown, csv, json, latex; default: text)"))
    }
}
