import ArgumentParser
import Survey

extension Barometer {
    /// `barometer import` — INTERIM STUB from the lead's skeleton; the owning issue replaces this file.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import survey microdata into a harmonized series.",
            discussion: "Example: barometer import cab CAB_2018_KZ.xlsx --out series.csv")

        func run() throws {
            throw DataError("'import' is not built yet")
        }
    }
}
