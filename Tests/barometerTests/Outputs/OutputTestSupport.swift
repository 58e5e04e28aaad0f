import Foundation
import Survey
@testable import barometer

/// Runs the CLI in-process and reads its CSV back with the project's own reader (issue 12 item 1).
enum OutputRun {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `barometer args…` (paths under examples/ resolved from the package root).
    static func run(_ args: [String]) -> CommandResult {
        Barometer.execute(args.map { $0.hasPrefix("examples/") ? root.appendingPathComponent($0).path : $0 })
    }

    /// The command's `--format csv` output parsed by `CSVReader` (which refuses ragged records
    /// and repeated column names).
    static func csv(_ args: [String]) throws -> (table: Table, text: String) {
        let r = run(args + ["--format", "csv"])
        guard r.exitCode == 0 else { throw DataError("exit \(r.exitCode): \(r.errors)") }
        return (try CSVReader().read(bytes: Array(r.output.utf8), name: args.first ?? "csv"), r.output)
    }

    /// Text of column `name` at every row.
    static func texts(_ table: Table, _ name: String) throws -> [String] {
        let column = try table.column(named: name)
        return (0..<column.count).map { column.text(at: $0) ?? "" }
    }

    /// The row index where every `(column, text)` pair matches.
    static func row(_ table: Table, where pairs: [(String, String)]) throws -> Int? {
        let columns = try pairs.map { (try texts(table, $0.0), $0.1) }
        return (0..<table.rowCount).first { i in columns.allSatisfy { $0.0[i] == $0.1 } }
    }

    /// The number in column `name` at row `i` (nil when missing); throws when the column was
    /// not read as numbers.
    static func number(_ table: Table, _ name: String, _ i: Int) throws -> Double? {
        let x = try table.numeric(name)[i]
        return x.isNaN ? nil : x
    }
}
