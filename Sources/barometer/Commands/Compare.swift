import ArgumentParser
import Survey

extension Barometer {
    /// `barometer compare` — INTERIM STUB from the lead's skeleton; the owning issue replaces this file.
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compare",
            abstract: "Change between two waves of a series, with SE, CI, z and p.",
            discussion: "Example: barometer compare --country KZ --target China --from 2018 --to 2022")

        func run() throws {
            throw DataError("'compare' is not built yet")
        }
    }
}
