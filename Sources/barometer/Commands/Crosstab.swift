import ArgumentParser
import Survey

extension Barometer {
    /// `barometer crosstab` — INTERIM STUB from the lead's skeleton; the owning issue replaces this file.
    struct Crosstab: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "crosstab",
            abstract: "Weighted two-way table with Rao-Scott tests.",
            discussion: "Example: barometer crosstab api.csv --weights pw --row sch.wide --col stype")

        func run() throws {
            throw DataError("'crosstab' is not built yet")
        }
    }
}
