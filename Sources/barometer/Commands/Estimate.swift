import ArgumentParser
import Survey

extension Barometer {
    /// `barometer estimate` — INTERIM STUB from the lead's skeleton; the owning issue replaces this file.
    struct Estimate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "estimate",
            abstract: "Design-based estimates from microdata.",
            discussion: "Example: barometer estimate api.csv --weights pw --cluster dnum --mean api00")

        func run() throws {
            throw DataError("'estimate' is not built yet")
        }
    }
}
