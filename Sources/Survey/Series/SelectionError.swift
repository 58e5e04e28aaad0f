/// A selector value the data do not hold (`--country`, `--target`, `--item`, `--measure`,
/// `--group`, `--dataset`): bad usage, not bad data (the CLI exits 2), with the valid values listed.
public struct SelectionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was asked for and what the data offer instead.
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
