import SurveyData

/// A design error about one data row (a missing or invalid weight, a missing design value) or one
/// column (text where numbers are needed) as bad input at its place in the file: file, line and
/// column, as every reader error is given.
extension DesignError {
    /// This error as a `DataError` naming `file`, the line data row r starts on (`lineOfRow(r)`,
    /// 0-based r; nil when unknown: the message still names the data row) and the column; any
    /// other case is returned as it is.
    public func located(file: String?, lineOfRow: (Int) -> Int?, replicateNames: [String] = []) -> any Error {
        switch self {
        case let .nonFiniteReplicate(r, row) where r < replicateNames.count:
            let name = replicateNames[r]
            return DataError("replicate weight '\(name)' is missing or infinite at data row \(row + 1): every replicate weight "
                             + "is a finite number", file: file, line: lineOfRow(row), column: name)
        case let .invalidWeight(variable, row, value, reason):
            let message = value.isNaN
                ? "weight '\(variable)' is missing at data row \(row + 1): every row needs a weight (a number ≥ 0)"
                : "weight '\(variable)' is \(formatNumber(value)) at data row \(row + 1): \(reason)"
                    + (reason.contains("probability") ? "" : " (weights are finite numbers ≥ 0)")
            return DataError(message, file: file, line: lineOfRow(row), column: variable)
        case let .wrongType(variable, expected):
            // A column of text (or dates, which the readers give as categories) where numbers are
            // needed: the file and column, as for a text cell of a CSV file.
            let shares = expected == "a numeric variable" ? "; the shares of its categories: --proportion \(variable)" : ""
            return DataError("holds text or dates (categories), not numbers (expected \(expected))\(shares)",
                             file: file, column: variable)
        case let .missingDesignValue(variable, row):
            return DataError("design variable '\(variable)' is missing at data row \(row + 1); design variables may not be missing",
                             file: file, line: lineOfRow(row), column: variable)
        default:
            return self
        }
    }

    /// `located` for a table read from `path`: lines are found by scanning a delimited text file
    /// (blank lines and quoted line breaks make them differ from row + 2); other formats name the
    /// data row only.
    public func located(path: String?, replicateNames: [String] = []) -> any Error {
        guard let path, case .text(let separator)? = try? TableReader.detectFormat(path: path) else {
            return located(file: path, lineOfRow: { _ in nil }, replicateNames: replicateNames)
        }
        let reader = StreamingCSV(path: path, separator: separator)
        return located(file: path, lineOfRow: { reader.line(ofRow: $0) }, replicateNames: replicateNames)
    }
}
