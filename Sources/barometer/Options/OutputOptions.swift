import ArgumentParser

/// Output formats every result-printing command accepts (DESIGN.md §3).
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, markdown, csv, json, latex
}

/// `--format`, shared by every command that prints results.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: "|")).")
    var format: OutputFormat = .text
}
