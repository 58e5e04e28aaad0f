import Testing
@testable import barometer

@Suite struct CLIExitCodeTests {
    /// DESIGN.md §3: an unknown flag is bad usage, exit code 2, with the usage line.
    @Test func unknownFlagIsUsageError() {
        let r = Barometer.execute(["regress", "--no-such-flag"])
        #expect(r.exitCode == 2)
        #expect(r.errors.contains("barometer: error:"))
    }

    @Test func helpExitsZero() {
        let r = Barometer.execute(["--help"])
        #expect(r.exitCode == 0)
        #expect(r.output.contains("USAGE"))
    }
}
