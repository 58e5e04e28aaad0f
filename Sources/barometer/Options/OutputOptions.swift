import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Output formats every result-printing command accepts (DESIGN.md §3).
enum OutputFormat: String, ChoiceArgument, Sendable {
    case text, markdown, csv, json, latex
}

/// `--format` and `--width`, shared by every command that prints results.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: "|")).")
    var format: OutputFormat = .text

    @Option(name: .long, help: ArgumentHelp(
        "Line width of text output: wider tables split into column blocks, notes wrap (default: $COLUMNS on a terminal, else 80).",
        valueName: "columns"))
    var width: Int?

    func validate() throws {
        if let width { try FlagRange.check("--width", width, 20...FlagRange.largestExtent) }
    }

    /// The width text output fits: `--width`, else the terminal's columns when stdout is a
    /// terminal, else 80 (also in notebooks and tests, which are never a terminal).
    var lineWidth: Int {
        if let width { return width }
        if Terminal.stdoutIsTTY, let columns = Terminal.size(environment: ProcessEnvironment.values(ProcessEnvironment.terminalNames)).columns {
            return max(20, columns)
        }
        return 80
    }
}
