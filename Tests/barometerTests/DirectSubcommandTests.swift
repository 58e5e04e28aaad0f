import Testing
@testable import barometer

/// `Barometer.directSubcommand` (issue 17 item 4) parses a subcommand without the root; the
/// reference is ArgumentParser's own parse from the root (`execute(direct: false)`): every line
/// below must print the same output and errors and exit with the same code both ways.
@Suite struct DirectSubcommandTests {
    static let lines: [[String]] = [
        // The interactive commands the latency bench times, and variants.
        ["table", "--country", "KZ", "--target", "Russia"],
        ["overview"],
        ["chart", "--dataset", "cab", "--country", "KZ,TM", "--target", "Russia", "--band", "--ascii"],
        ["overview", "--country", "KZ", "--format", "json"],
        ["datasets"],
        ["table", "--country=KZ", "--target", "China", "--format", "csv"],
        // Help, version and completion requests, which only the root answers.
        ["table", "--help"], ["table", "-h"], ["help", "table"], ["table", "--version"], ["--version"],
        ["--help"], ["overview", "--generate-completion-script", "bash"], ["notebook", "--help"],
        ["notebook", "check", "--help"], ["table", "--experimental-dump-help"],
        // Bad usage: unknown option, missing value, stray argument, unknown subcommand, bad enum.
        ["table", "--bogus"], ["table", "--country"], ["overview", "stray"], ["tabl"], [],
        ["overview", "--format", "yaml"], ["chart", "--dataset", "nope"],
        // Bad data: a series file that does not exist.
        ["table", "--series", "/nonexistent/series.csv"],
    ]

    @Test(arguments: lines) func sameAsParsingFromTheRoot(_ line: [String]) {
        let direct = Barometer.execute(line)
        let root = Barometer.execute(line, direct: false)
        #expect(direct == root, "\(line)")
    }

    /// The fast path is taken for plain command lines and never for help, version, completion
    /// requests or errors (those must print what the root prints).
    @Test func takenOnlyForPlainCommandLines() {
        #expect(Barometer.directSubcommand(["table", "--country", "KZ", "--target", "Russia"]) is Barometer.TableCommand)
        #expect(Barometer.directSubcommand(["overview"]) is Barometer.Overview)
        #expect(Barometer.directSubcommand(["chart", "--dataset", "cab", "--country", "KZ,TM", "--target", "Russia", "--band", "--ascii"]) is Barometer.Chart)
        for line in [["table", "--help"], ["table", "--version"], ["help", "table"], ["table", "--bogus"], ["--version"],
                     ["overview", "--generate-completion-script", "bash"], ["tabl"], []] {
            #expect(Barometer.directSubcommand(line) == nil, "\(line)")
        }
    }

    /// Every subcommand names the tool as its super-command, so each can take the fast path.
    @Test func everySubcommandNamesTheTool() {
        for sub in Barometer.configuration.subcommands {
            #expect(sub.configuration._superCommandName == Barometer.commandName, "\(sub)")
        }
    }
}
