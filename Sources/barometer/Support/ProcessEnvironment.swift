#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads named environment variables with `getenv`. Why: `ProcessInfo.processInfo.environment`
/// builds a dictionary of the whole environment, a measurable share of an interactive command's
/// few milliseconds (issue 17 item 4), for the three or four variables a command reads.
enum ProcessEnvironment {
    /// The variables among `names` that are set, by name.
    static func values(_ names: [String]) -> [String: String] {
        var found: [String: String] = [:]
        for name in names {
            if let value = getenv(name) { found[name] = String(cString: value) }
        }
        return found
    }

    /// One variable's value; nil when unset.
    static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// What `Terminal.size` and `ColorChoice.useColor` read.
    static let terminalNames = ["COLUMNS", "LINES", "NO_COLOR", "TERM"]
}
