/// A columnar data table: named columns of equal length. The file it came from (if any) is kept
/// so errors about its columns can name it.
public struct Table: Sendable, Equatable {
    /// The columns, in file order.
    public private(set) var columns: [Column]
    /// Number of rows.
    public let rowCount: Int
    /// Source file name for error messages, if any.
    public var source: String?

    /// A table of the given columns; throws when lengths differ or a name repeats.
    public init(columns: [Column], source: String? = nil) throws(DataError) {
        let n = columns.first?.count ?? 0
        var seen = Set<String>()
        for c in columns {
            guard c.count == n else {
                throw DataError("column '\(c.name)' has \(c.count) rows, expected \(n)", file: source)
            }
            guard seen.insert(c.name).inserted else {
                throw DataError("column name '\(c.name)' appears twice", file: source)
            }
        }
        self.columns = columns
        self.rowCount = n
        self.source = source
    }

    /// Column names in order.
    public var columnNames: [String] { columns.map(\.name) }

    /// The column with this name; the error suggests the nearest existing name.
    public func column(named name: String) throws(DataError) -> Column {
        if let c = columns.first(where: { $0.name == name }) { return c }
        var message = "no column named '\(name)'"
        if let near = nearestName(to: name, among: columnNames) { message += "; did you mean '\(near)'?" }
        throw DataError(message, file: source)
    }

    /// The numeric values of a column; a categorical column is an error naming it and, when it
    /// was read from a file, the line and text of its first non-numeric cell.
    public func numeric(_ name: String) throws(DataError) -> [Double] {
        let c = try column(named: name)
        guard case .numeric(let v) = c.values else {
            if var cell = c.firstNonNumeric {
                cell.file = cell.file ?? source
                throw cell.notNumeric(column: name)
            }
            throw DataError("column '\(name)' is not numeric", file: source)
        }
        return v
    }

    /// Adds or replaces a column of the same length.
    public mutating func setColumn(_ column: Column) throws(DataError) {
        guard column.count == rowCount || columns.isEmpty else {
            throw DataError("column '\(column.name)' has \(column.count) rows, expected \(rowCount)", file: source)
        }
        if let i = columns.firstIndex(where: { $0.name == column.name }) {
            columns[i] = column
        } else {
            columns.append(column)
        }
    }
}

/// The candidate closest to `name` by edit distance (case-insensitive), if reasonably close.
package func nearestName(to name: String, among candidates: [String]) -> String? {
    let target = Array(name.lowercased())
    var best: (String, Int)?
    for c in candidates {
        let d = editDistance(target, Array(c.lowercased()))
        if best.map({ d < $0.1 }) ?? true { best = (c, d) }
    }
    guard let (candidate, distance) = best, distance <= max(2, target.count / 2) else { return nil }
    return candidate
}

/// Levenshtein distance between two character arrays.
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
