import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import Survey

/// The `barometer` command line: survey statistics for public-opinion series.
///
/// Exit codes (DESIGN.md §3): 0 success, 1 bad data or a statistical impossibility, 2 bad usage.
@main
struct Barometer: ParsableCommand {
    /// The tool's name; each subcommand names it as its super-command (`directSubcommand`).
    static let commandName = "barometer"

    static let configuration = CommandConfiguration(
        commandName: commandName,
        abstract: "Survey statistics for public-opinion series: design-based estimates, trends, tables and charts.",
        discussion: """
            Examples:
              barometer overview
              barometer regress examples/apistrat.csv --y api00 --x ell,meals \\
                --format json
            The files under examples/ that the examples read: barometer examples
            """,
        version: "0.1.0",
        subcommands: [
            Overview.self, Datasets.self, TableCommand.self, Chart.self, Trend.self, Compare.self,
            Import.self, Estimate.self, Crosstab.self, Regress.self, Rake.self, Notebook.self, Report.self,
            Examples.self,
        ]
    )

    static func main() {
        TemporaryFiles.armSignalCleanup()  // an interrupted write leaves no temporary file
        let result = execute(
            Array(CommandLine.arguments.dropFirst()), terminal: Console.standardOutputIsTerminal, mainProcess: true)
        let written = Console.writeAll(result.output, to: STDOUT_FILENO)
        // A full disk or a closed pipe must not pass for a report written: `--out - > /dev/full`
        // exited 0 with nothing said.
        let failure = written ? "" : "barometer: error: standard output could not be written (\(String(cString: strerror(errno))))\n"
        Console.writeAll(result.errors + failure, to: STDERR_FILENO)
        Glibc.exit(written || result.exitCode != 0 ? result.exitCode : 1)
    }

    /// Whether a library error is about what the user asked, not the data (exit 2): a selector
    /// value, wave or break date the data do not hold, a replicate request that cannot fit the design.
    static func isUsage(_ error: any Error) -> Bool {
        switch error {
        case is SelectionError: true
        case let e as TrendError: e.isUsage
        case let e as DesignError: e.isUsage
        default: false
        }
    }

    /// The message for an option followed by a negative number (`--digits -1`), which the parser
    /// reads as an option and reported as "Missing value for '--digits'" (a sweep): the value was
    /// there, and the user learns how to pass it, so the option's own range check can speak.
    static func negativeValueMessage(_ arguments: [String], parserSaid message: String) -> String? {
        for (flag, value) in zip(arguments, arguments.dropFirst())
        where flag.hasPrefix("--") && !flag.contains("=") && value.hasPrefix("-") && Double(value) != nil
            && message.contains("Missing value for '\(flag)") {
            return "\(flag) was given \(value), which reads as an option; a negative number is passed as \(flag)=\(value) "
                + "(and is checked against the option's range)"
        }
        return nil
    }

    /// Parses and runs one command line in-process, capturing what it prints. The CLI's `main`
    /// and the notebook runner both go through here, so they behave identically.
    /// `direct: false` always parses from the root (the reference `directSubcommand` is tested
    /// against).
    static func execute(
        _ arguments: [String], terminal: Bool = false, mainProcess: Bool = false, direct: Bool = true
    ) -> CommandResult {
        let buffer = OutputBuffer(isTerminal: terminal, readsEnvironment: mainProcess)
        let code: Int32 = Console.$capture.withValue(buffer) {
            var command: ParsableCommand
            do {
                command = try (direct ? directSubcommand(arguments) : nil) ?? parseAsRoot(arguments)
            } catch {
                let code = exitCode(for: error)
                if code == .success {
                    Console.write(fullMessage(for: error) + "\n")
                    return 0
                }
                let message = fullMessage(for: error)
                Console.error(ErrorLine.format(unknownCommandMessage(arguments)
                    ?? negativeValueMessage(arguments, parserSaid: message) ?? message))
                return 2
            }
            do {
                try command.run()
                return 0
            } catch let error as ValidationError {
                Console.error(ErrorLine.format(error.message) + "\n" + usageString(for: command))
                return 2
            } catch let error as ExitCode {
                return error.rawValue
            } catch let error where isUsage(error) {
                Console.error(ErrorLine.format("\(error)"))
                return 2
            } catch let error where exitCode(for: error) == .success {
                Console.write(fullMessage(for: error) + "\n")  // --help, --version
                return 0
            } catch {
                let hint = ExampleFiles.hint(for: error).map { "; " + $0 } ?? ""
                Console.error(ErrorLine.format("\(error)" + hint))
                return 1
            }
        }
        return CommandResult(output: buffer.output, errors: buffer.errors, exitCode: code)
    }

    /// The subcommand `arguments` start with, parsed as a command of its own, or nil unless that
    /// parse gives a command of its tree (help, version, completion requests and every error
    /// then go through `parseAsRoot` and print as they always did). Why: each type the parser
    /// reflects on costs a scan of all the binary's protocol conformances (~0.25M instructions),
    /// and a subcommand with a super-command name skips the root's parse and the
    /// completion-script check (issue 17 item 4: interactive commands under 10 ms).
    static func directSubcommand(_ arguments: [String]) -> ParsableCommand? {
        guard let name = arguments.first,
              let sub = configuration.subcommands.first(where: { $0.configuration.commandName == name }),
              sub.configuration._superCommandName == commandName,
              let command = try? sub.parseAsRoot(Array(arguments.dropFirst())),
              isInTree(type(of: command), of: sub)
        else { return nil }
        return command
    }

    /// Whether `type` is `root` or one of its subcommands, at any depth.
    private static func isInTree(_ type: ParsableCommand.Type, of root: ParsableCommand.Type) -> Bool {
        ObjectIdentifier(type) == ObjectIdentifier(root)
            || root.configuration.subcommands.contains { isInTree(type, of: $0) }
    }

    /// The usage line of the subcommand that was parsed.
    private static func usageString(for command: ParsableCommand) -> String {
        helpMessage(for: type(of: command)).split(separator: "\n", omittingEmptySubsequences: false)
            .first { $0.hasPrefix("USAGE:") }.map(String.init) ?? ""
    }
}

/// What one in-process run printed and its exit code.
struct CommandResult: Sendable, Equatable {
    var output: String
    var errors: String
    var exitCode: Int32
}
