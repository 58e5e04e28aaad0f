import Foundation
import Testing
@testable import barometer

/// docs/shell-completions.md: the generated scripts complete "every subcommand and option": each
/// subcommand name and each displayed long option of every command (read from
/// `--experimental-dump-help`; hidden options such as `trend --batch` are not offered) occurs in
/// the bash, zsh and fish scripts.
@Suite struct CompletionCoverageTests {
    /// Long option names shown in help, over all commands.
    static let displayedOptions: Set<String> = {
        let dump = Barometer.execute(["--experimental-dump-help"])
        let json = (try? JSONSerialization.jsonObject(with: Data(dump.output.utf8))) as? [String: Any]
        var found: Set<String> = []
        func walk(_ command: [String: Any]) {
            for a in command["arguments"] as? [[String: Any]] ?? []
            where a["kind"] as? String == "option" && a["shouldDisplay"] as? Bool != false {
                for n in a["names"] as? [[String: Any]] ?? [] where n["kind"] as? String == "long" {
                    if let name = n["name"] as? String { found.insert(name) }
                }
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] { walk(sub) }
        }
        walk(json?["command"] as? [String: Any] ?? [:])
        return found
    }()

    @Test(arguments: ["bash", "zsh", "fish"]) func everySubcommandAndOptionIsCompleted(shell: String) throws {
        let r = Barometer.execute(["--generate-completion-script", shell])
        #expect(r.exitCode == 0)
        let commands = NumericFlagSweepTests.commands.keys.filter { $0 != "help" }
        #expect(commands.count >= 15)
        for path in commands {
            let name = try #require(path.split(separator: " ").last)
            #expect(r.output.contains(String(name)), "\(shell): no subcommand \(path)")
        }
        #expect(Self.displayedOptions.count > 50)
        for option in Self.displayedOptions {
            // bash and zsh write `--name`; fish lists `'name'` / `'name='`.
            #expect(r.output.contains("--\(option)") || r.output.contains("'\(option)"), "\(shell): no --\(option)")
        }
    }
}
