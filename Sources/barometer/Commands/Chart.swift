import ArgumentParser
import Survey

extension Barometer {
    /// `barometer chart` — INTERIM STUB from the lead's skeleton; the owning issue replaces this file.
    struct Chart: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "chart",
            abstract: "Terminal line chart of one or more series, with confidence bands.",
            discussion: "Example: barometer chart --country KZ --target China,Russia --band")

        func run() throws {
            throw DataError("'chart' is not built yet")
        }
    }
}
