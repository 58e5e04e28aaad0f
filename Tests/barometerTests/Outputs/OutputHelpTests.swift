import Foundation
import Survey
import Testing
@testable import barometer

/// Issue 12 item 5 for the options this issue added: help lists exactly what is accepted.
@Suite struct OutputHelpTests {
    static func help(_ command: String) -> String {
        Barometer.execute([command, "--help"]).output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// `--sources` lists its two values, and each is accepted; anything else is bad usage.
    @Test(arguments: ["table", "overview", "compare", "trend", "chart"])
    func sourcesListsItsValues(command: String) {
        let text = Self.help(command)
        #expect(text.contains("(values: " + SourceDetail.allCases.map(\.rawValue).joined(separator: ", ") + "; default: short)"), "\(command)")
        #expect(Barometer.execute(["table", "--dataset", "cab", "--country", "KZ", "--target", "China", "--sources", "full"]).exitCode == 0)
        #expect(Barometer.execute(["table", "--sources", "long"]).exitCode == 2)
    }

    /// Every command with `--format` has `--width` and says the default rule once.
    @Test(arguments: ["overview", "datasets", "table", "trend", "compare", "estimate", "crosstab", "regress", "rake"])
    func widthIsDocumented(command: String) {
        let text = Self.help(command)
        #expect(text.contains("--width <columns>"), "\(command)")
        #expect(text.contains("(default: $COLUMNS on a terminal, else 80)"), "\(command)")
    }
}
