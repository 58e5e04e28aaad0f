import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// `--color auto|always|never`.
enum ColorMode: String, ChoiceArgument, Sendable {
    case auto, always, never
}

/// Decides whether to print ANSI colour. The library never reads the environment; this is the
/// one place the CLI does.
///
/// - `NO_COLOR` set (non-empty): never colour, whatever the flag (DESIGN.md §3 and issue 5 say
///   "never with NO_COLOR set"; we follow the contract rather than no-color.org's flag override).
/// - `never`: no colour. `always`: colour.
/// - `auto` (default): colour only when standard output is a terminal and `TERM` is not `dumb`.
enum ColorChoice {
    static func useColor(_ mode: ColorMode, environment: [String: String], isTTY: Bool) -> Bool {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        switch mode {
        case .never: return false
        case .always: return true
        case .auto:
            if environment["TERM"] == "dumb" { return false }
            return isTTY
        }
    }
}

/// Terminal facts for the running process. In-process runs (tests, notebooks) write into a
/// capture buffer, so they are never a terminal and always get the 80 × 20 defaults.
enum Terminal {
    static var stdoutIsTTY: Bool { Console.isTerminal }

    /// Columns and rows: `COLUMNS`/`LINES` when set to positive integers, else the TTY's size;
    /// nil when unknown. Captured runs always get (nil, nil), so they are deterministic.
    static func size(environment: [String: String]) -> (columns: Int?, rows: Int?) {
        guard Console.readsEnvironment else { return (nil, nil) }
        var columns = environment["COLUMNS"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
        var rows = environment["LINES"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
        var w = winsize()
        if (columns == nil || rows == nil), Console.isTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &w) == 0 {
            if columns == nil, w.ws_col > 0 { columns = Int(w.ws_col) }
            if rows == nil, w.ws_row > 0 { rows = Int(w.ws_row) }
        }
        return (columns, rows)
    }
}
