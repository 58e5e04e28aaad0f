import Foundation
import ArgumentParser
import Testing
@testable import barometer

/// Issue 11 item 6, for every flag at once: the command tree is read from
/// `--experimental-dump-help`, every option whose value is a number is found by probing (text is
/// refused by the type, a digit is not), and each is given hostile values (NaN, ±infinity, -1,
/// 1e300, Int64.max). Each must be a usage error (exit 2) naming the flag — so a numeric
/// flag added later without a `FlagRange` check fails here until it has one.
@Suite struct NumericFlagSweepTests {
    /// A command line per command path that passes validation; nothing is read or run.
    static let bases: [String: [String]] = [
        "overview": ["overview"], "datasets": ["datasets"], "table": ["table"], "chart": ["chart"],
        "trend": ["trend"], "compare": ["compare", "--from", "7", "--to", "8"], "import cab": ["import", "cab", "in.xlsx", "--out", "o.csv"],
        "estimate": ["estimate", "d.csv", "--mean", "y"],
        "crosstab": ["crosstab", "d.csv", "--row", "a", "--col", "b"],
        "regress": ["regress", "d.csv", "--y", "y", "--x", "x"],
        "rake": ["rake", "d.csv", "--margins", "m.csv", "--out", "o.csv"],
        "notebook run": ["notebook", "run", "n.md"], "notebook check": ["notebook", "check", "n.md"],
        "notebook render": ["notebook", "render", "n.md"], "report": ["report", "--country", "KZ", "--out", "r.md"],
        "examples": ["examples", "--to", "/tmp"],
    ]

    /// Flags that only apply beside another flag: the other flag, so the value check is reached.
    static let contexts: [String: [String]] = [
        "--fay-rho": ["--to-replicates", "fay"],
        "--bootstrap-replicates": ["--to-replicates", "bootstrap"],
        "--seed": ["--to-replicates", "bootstrap"],
        "--scale": ["--weights", "w", "--repweights", "^r", "--rep-type", "jk1"],
        "--rake-epsilon": ["--rake", "m.csv"], "--rake-maxit": ["--rake", "m.csv"],
    ]

    /// The context `flag` needs in `command` (`rake` rakes by itself: no `--rake` there).
    static func context(_ command: String, _ flag: String) -> [String] {
        command == "rake" && flag.hasPrefix("--rake-") ? [] : contexts[flag] ?? []
    }

    /// Flags for which every value of their type is meaningful (any 64-bit seed is a seed).
    static let anyValueOfTheType: Set<String> = ["--seed"]

    /// NaN; -1 stands for every negative (and -inf); 1e300 for every huge or infinite double, a
    /// non-integer for integer flags; Int64.max for every huge integer.
    static let hostile = ["nan", "-1", "1e300", "9223372036854775807"]

    /// Every command path (`"notebook run"`) with its type, from the command configuration.
    static let commands: [String: ParsableCommand.Type] = {
        var found: [String: ParsableCommand.Type] = [:]
        func walk(_ type: ParsableCommand.Type, _ path: [String]) {
            if !path.isEmpty { found[path.joined(separator: " ")] = type }
            for sub in type.configuration.subcommands {
                walk(sub, path + [sub.configuration.commandName ?? String(describing: sub).lowercased()])
            }
        }
        walk(Barometer.self, [])
        return found
    }()

    /// (exit code, message) of parsing and validating `arguments` (without the command path) as
    /// `command`, without running it; a refusal is exit 2, as `Barometer.execute` maps every parse
    /// or validation error. Parsing the subcommand alone keeps this fast.
    static func parse(_ command: String, _ arguments: [String]) -> (Int32, String) {
        guard let type = commands[command] else { return (-1, "no command \(command)") }
        do {
            _ = try type.parseAsRoot(arguments)
            return (0, "")
        } catch {
            return (type.exitCode(for: error) == .success ? 0 : 2, type.message(for: error))
        }
    }

    /// Every long option name per command path, from the help dump (read once).
    static let options: [String: [String]] = {
        let dump = Barometer.execute(["--experimental-dump-help"])
        let json = (try? JSONSerialization.jsonObject(with: Data(dump.output.utf8))) as? [String: Any]
        var found: [String: [String]] = [:]
        func walk(_ command: [String: Any], _ path: [String]) {
            for argument in command["arguments"] as? [[String: Any]] ?? [] where argument["kind"] as? String == "option" {
                let names = (argument["names"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "long" }
                if let name = names.first?["name"] as? String { found[path.joined(separator: " "), default: []].append("--" + name) }
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                walk(sub, path + [sub["commandName"] as? String ?? "?"])
            }
        }
        walk(json?["command"] as? [String: Any] ?? [:], [])
        return found
    }()

    @Test func everyCommandHasABaseLine() throws {
        for command in Self.commands.keys where command != "help" && !(Self.commands[command]?.configuration.subcommands.isEmpty == false) {
            let base = try #require(Self.bases[command], "no base command line for '\(command)': add one to bases")
            #expect(base.prefix(command.split(separator: " ").count).joined(separator: " ") == command)
        }
    }

    /// Sweeps one command's options (commands run in parallel: debug-build parsing is slow).
    @Test(arguments: bases.keys.sorted())
    func everyNumericFlagRefusesNonFiniteAndOutOfRangeValues(_ command: String) throws {
        let base = Array(try #require(Self.bases[command]).dropFirst(command.split(separator: " ").count))
        #expect(Self.parse(command, base).0 == 0, "base of \(command) must validate: \(Self.parse(command, base).1)")
        var numeric: [String] = []
        #expect(!Self.options.isEmpty, "the help dump could not be read")
        for flag in Self.options[command] ?? [] {
            let context = Self.context(command, flag)
            // Numeric: the type refuses text but takes a digit (enums and strings do not fit both).
            let text = Self.parse(command, base + context + [flag, "abc"]).1
            guard text.contains("is invalid for") else { continue }
            guard !Self.parse(command, base + context + [flag, "7"]).1.contains("is invalid for") else { continue }
            numeric.append(flag)
            // A flag that this command refuses with its context whatever the value needs no range.
            let usable = Self.parse(command, base + context).0 == 0
            for value in Self.hostile {
                let (code, message) = Self.parse(command, base + context + ["\(flag)=\(value)"])  // = keeps "-1" a value
                if code == 0 && Self.anyValueOfTheType.contains(flag) { continue }
                #expect(code == 2, "\(command) \(flag) \(value) was accepted")
                guard usable else { continue }
                #expect(message.contains(flag), "\(command) \(flag) \(value): \(message)")
                // A value the type accepted must be refused by a range check that names the range.
                if !message.contains("is invalid for") {
                    #expect(message.contains("must be"), "\(command) \(flag) \(value): \(message)")
                }
            }
        }
        // The sweep finds the flags it is meant to guard (a broken probe would find none).
        let expected: [String: [String]] = [
            "estimate": ["--level", "--scale", "--fay-rho", "--bootstrap-replicates", "--rake-maxit"],
            "chart": ["--width", "--height", "--assume-n", "--deff"], "table": ["--digits"], "overview": ["--width"],
            "trend": ["--level", "--deff"], "regress": ["--level", "--rake-epsilon"],
        ]
        for flag in expected[command] ?? [] { #expect(numeric.contains(flag), "\(command) \(flag) not found among \(numeric)") }
    }
}
