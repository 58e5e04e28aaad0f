import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText
import Survey

extension Barometer {
    /// `barometer examples`: writes the files the `--help` examples read into an examples/ folder,
    /// so every example runs as printed from any folder (the binary carries them).
    struct Examples: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "examples",
            _superCommandName: Barometer.commandName,
            abstract: "Write the example files the --help examples read into ./examples/.",
            discussion: """
                The examples in every --help read files from examples/: R survey's api samples \
                (apistrat.csv, apiclus1.csv), population margins for raking, and a SYNTHETIC \
                file in the CAB wave-8 layout; examples/README.md names each file's source. \
                This writes that folder into the current folder (or --to DIR, created when it \
                does not exist, as notebook render's --out-dir is), so the examples run as \
                printed. A file already there is left alone when it is the same, and not \
                overwritten when it differs (unless --force).
                Examples:
                  barometer examples
                  barometer estimate examples/apistrat.csv --weights pw --strata stype \\
                    --mean api00
                """)

        @Option(name: .customLong("to"), help: ArgumentHelp("Folder to write examples/ into (created if missing).", valueName: "dir"))
        var folder = "."

        @Flag(help: "Overwrite example files that differ from the built-in ones.")
        var force = false

        /// A missing folder is created with examples/ in it (`run`); a file in its place is bad usage.
        func validate() throws {
            var isFolder = false
            if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), !isFolder {
                throw ValidationError("--to '\(folder)' is a file, not a folder")
            }
        }

        func run() throws {
            let target = URL(fileURLWithPath: folder).appendingPathComponent("examples")
            let files = try ExampleFiles.builtIn()
            // Every conflict is found before anything is written.
            var plan: [(path: String, data: Data, same: Bool)] = []
            for (name, data) in files {
                let path = target.appendingPathComponent(name).path
                let existing = FileManager.default.contents(atPath: path)
                if let existing, existing != data, !force {
                    throw DataError("exists and differs from the built-in example; move it away or add --force to overwrite it",
                                    file: path)
                }
                plan.append((path, data, existing == data))
            }
            var isFolder = false
            if FileManager.default.fileExists(atPath: target.path, isDirectory: &isFolder), !isFolder {
                throw DataError("is a file, not a folder: move it away to write the examples there", file: target.path)
            }
            do {
                try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            } catch {
                throw DataError("cannot create the folder: \(FileErrorText.describe(error))", file: target.path)
            }
            var lines: [String] = []
            for item in plan {
                if !item.same { try AtomicFile.write(item.data, to: item.path) }
                lines.append("\(item.same ? "unchanged" : "wrote    ") \(item.path) (\(item.data.count) bytes)")
            }
            let within = folder == "." ? "" : "cd \(folder) && "
            lines.append("Try: \(within)barometer estimate examples/apistrat.csv --weights pw --strata stype --mean api00")
            Console.write(lines.joined(separator: "\n") + "\n")
        }
    }
}

/// The example files the binary carries (`EmbeddedExamples`, made by scripts/embed-examples).
enum ExampleFiles {
    /// Each file's name and bytes, in name order.
    static func builtIn() throws -> [(name: String, data: Data)] {
        try EmbeddedExamples.files.map { name, base64 in
            guard let data = Data(base64Encoded: base64) else {
                throw DataError("the built-in example file is damaged; rebuild barometer", file: name)
            }
            return (name, data)
        }
    }

    /// The hint for an input that is one of the example files and is not there: where it comes from.
    static func hint(for error: any Error) -> String? {
        guard let error = error as? DataError, let file = error.file, error.message.hasPrefix("cannot open file"),
              let name = file.split(separator: "/").last, file.hasPrefix("examples/") || file.contains("/examples/"),
              EmbeddedExamples.files.contains(where: { $0.name == name }) else { return nil }
        return "the example files are not in this folder: `barometer examples` writes them into ./examples/"
    }
}
