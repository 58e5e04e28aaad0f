import ArgumentParser
import Survey

extension Barometer {
    /// `barometer regress` — INTERIM STUB from the lead's skeleton; the owning issue replaces this file.
    struct Regress: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "regress",
            abstract: "Least-squares regression (OLS/WLS), or a design-based GLM with design flags.",
            discussion: "Example: barometer regress data.csv --y y --x x --poly x:2 --format json")

        func run() throws {
            throw DataError("'regress' is not built yet")
        }
    }
}
