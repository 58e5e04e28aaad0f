import Testing
@testable import barometer

/// Issue 12: error messages read "barometer: error: <what>", never "barometer: error: Error: …",
/// and the documented completion scripts are produced.
@Suite struct ErrorLineTests {
    /// First line of what a run wrote to stderr.
    private func firstErrorLine(_ arguments: [String]) -> (Int32, String) {
        let r = Barometer.execute(arguments)
        return (r.exitCode, r.errors.split(separator: "\n").first.map(String.init) ?? "")
    }

    /// A parse error (missing required option): argument-parser's own "Error: " label is dropped.
    @Test func missingArgumentHasOneErrorLabel() {
        let (code, line) = firstErrorLine(["regress", "nonexistent.csv"])
        #expect(code == 2)
        #expect(line == "barometer: error: Missing expected argument '--y <y>'")
    }

    /// A run-time error (file that does not exist): exit 1, one label, the file named.
    @Test func missingFileHasOneErrorLabel() {
        let (code, line) = firstErrorLine(["estimate", "/nonexistent/barometer-test.csv", "--mean", "y"])
        #expect(code == 1)
        #expect(line.hasPrefix("barometer: error: "))
        #expect(!line.lowercased().contains("error: error"))
        #expect(line.contains("barometer-test.csv"))
    }

    /// The formatter itself: one label kept, a leading "Error: " removed.
    @Test func formatDropsLeadingLabel() {
        #expect(ErrorLine.format("Error: bad") == "barometer: error: bad")
        #expect(ErrorLine.format("bad") == "barometer: error: bad")
    }

    /// README documents `--generate-completion-script bash|zsh|fish`; each prints a script.
    @Test(arguments: ["bash", "zsh", "fish"]) func completionScriptRuns(shell: String) {
        let r = Barometer.execute(["--generate-completion-script", shell])
        #expect(r.exitCode == 0)
        #expect(r.output.contains("barometer"))
        #expect(r.output.count > 200)
    }
}
