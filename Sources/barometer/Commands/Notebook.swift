import ArgumentParser
import Survey

extension Barometer {
    /// `barometer notebook` — INTERIM STUB from the lead's skeleton; the owning issue replaces this file.
    struct Notebook: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "notebook",
            abstract: "Run or check markdown notebooks.",
            discussion: "Example: barometer notebook check notebooks-md/*.md")

        func run() throws {
            throw DataError("'notebook' is not built yet")
        }
    }
}
