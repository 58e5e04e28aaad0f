import ArgumentParser
import Survey

extension Barometer {
    /// `barometer rake` — INTERIM STUB from the lead's skeleton; the owning issue replaces this file.
    struct Rake: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rake",
            abstract: "Calibrate weights to population margins.",
            discussion: "Example: barometer rake api.csv --weights pw --margins margins.csv --out raked.csv")

        func run() throws {
            throw DataError("'rake' is not built yet")
        }
    }
}
