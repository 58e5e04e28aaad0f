import ArgumentParser
import Survey

extension Barometer {
    /// `barometer datasets` — INTERIM STUB from the lead's skeleton; the owning issue replaces this file.
    struct Datasets: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "datasets",
            abstract: "List the built-in datasets.",
            discussion: "Example: barometer datasets")

        func run() throws {
            throw DataError("'datasets' is not built yet")
        }
    }
}
