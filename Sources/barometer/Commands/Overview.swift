import ArgumentParser
import Survey

extension Barometer {
    /// `barometer overview` — INTERIM STUB from the lead's skeleton; the owning issue replaces this file.
    struct Overview: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "overview",
            abstract: "The main job: favorability toward China, Russia and the US per country and wave.",
            discussion: "Example: barometer overview")

        func run() throws {
            throw DataError("'overview' is not built yet")
        }
    }
}
