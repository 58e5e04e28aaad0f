/// Bad input data: the message names the file and, where known, the line and column, and says
/// what was expected. The CLI maps every `DataError` to exit code 1.
public struct DataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// File the problem is in (as given by the user), or nil for in-memory data.
    public var file: String?
    /// 1-based line (or spreadsheet row), where known.
    public var line: Int?
    /// Column name or 1-based index (or spreadsheet cell reference), where known.
    public var column: String?
    /// What is wrong and what was expected.
    public var message: String

    public init(_ message: String, file: String? = nil, line: Int? = nil, column: String? = nil) {
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line: column 'x': message`, omitting the parts that are unknown.
    public var description: String {
        var place = ""
        if let file { place += file }
        if let line { place += (place.isEmpty ? "line \(line)" : ":\(line)") }
        if let column { place += (place.isEmpty ? "" : ": ") + "column \(column)" }
        return place.isEmpty ? message : "\(place): \(message)"
    }
}
