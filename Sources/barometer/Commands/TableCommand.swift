import ArgumentParser
import Survey

extension Barometer {
    /// `barometer table` — INTERIM STUB from the lead's skeleton; the owning issue replaces this file.
    struct TableCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "table",
            abstract: "Tabulate a series: rows = waves, cells = estimate with 95% CI.",
            discussion: "Example: barometer table --country KZ --target Russia")

        func run() throws {
            throw DataError("'table' is not built yet")
        }
    }
}
