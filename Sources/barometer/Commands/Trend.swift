import ArgumentParser
import Survey

extension Barometer {
    /// `barometer trend` — INTERIM STUB from the lead's skeleton; the owning issue replaces this file.
    struct Trend: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "trend",
            abstract: "Fit a trend model to a series.",
            discussion: "Example: barometer trend --country KZ --target China --model logit")

        func run() throws {
            throw DataError("'trend' is not built yet")
        }
    }
}
