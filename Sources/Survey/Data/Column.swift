#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText

/// One variable of a `Table`: numeric (missing = NaN) or categorical (dense codes into `levels`,
/// missing = -1), with the optional variable label and value labels that SPSS/Stata files carry.
public struct Column: Sendable, Equatable {
    /// The stored values.
    public enum Values: Sendable, Equatable {
        /// Numbers; a missing value is `Double.nan` (readers reject literal NaN/Inf in input).
        case numeric([Double])
        /// Category codes `0..<levels.count` into `levels`; `-1` is missing.
        case categorical(codes: [Int32], levels: [String])
    }

    /// Variable name as in the file header.
    public var name: String
    /// Descriptive variable label (SPSS/Stata), if any.
    public var label: String?
    /// The values.
    public var values: Values
    /// Value labels of a numeric column (e.g. `1 → "Very favorable"`), if any.
    public var valueLabels: [Double: String]
    /// For a categorical column read from a file: the first cell that is not a number (where it is
    /// and its text), so asking for the column as numeric can point at the offending cell.
    public var firstNonNumeric: CellLocation?

    public init(
        name: String, values: Values, label: String? = nil, valueLabels: [Double: String] = [:],
        firstNonNumeric: CellLocation? = nil
    ) {
        self.name = name
        self.values = values
        self.label = label
        self.valueLabels = valueLabels
        self.firstNonNumeric = firstNonNumeric
    }

    /// Number of rows.
    public var count: Int {
        switch values {
        case .numeric(let v): return v.count
        case .categorical(let c, _): return c.count
        }
    }

    /// True for a numeric column.
    public var isNumeric: Bool {
        if case .numeric = values { return true }
        return false
    }

    /// Whether row `i` is missing.
    public func isMissing(_ i: Int) -> Bool {
        switch values {
        case .numeric(let v): return v[i].isNaN
        case .categorical(let c, _): return c[i] < 0
        }
    }

    /// The value of row `i` as text: the category, the value label, or the number; nil if missing.
    public func text(at i: Int) -> String? {
        switch values {
        case .categorical(let c, let levels):
            return c[i] < 0 ? nil : levels[Int(c[i])]
        case .numeric(let v):
            if v[i].isNaN { return nil }
            if let l = valueLabels[v[i]] { return l }
            return formatNumber(v[i])
        }
    }
}

/// Where a cell is in its source file, and what it says.
public struct CellLocation: Sendable, Equatable {
    /// 1-based line (CSV) or row (spreadsheet, statistics file) of the cell.
    public var line: Int
    /// The cell's text.
    public var text: String
    /// The file it is in, when known.
    public var file: String?

    /// The text as a message quotes it: at most 80 characters, so a 10 MB cell is not echoed whole.
    public var quoted: String {
        text.count <= 80 ? text : String(text.prefix(60)) + "… (\(text.utf8.count) bytes)"
    }

    public init(line: Int, text: String, file: String? = nil) {
        self.line = line
        self.text = text
        self.file = file
    }

    /// The error for this cell found in `column`, a column used as numeric: file, line, column,
    /// the text, and a hint when the text is a number in another notation.
    public func notNumeric(column: String) -> DataError {
        DataError("non-numeric cell '\(quoted)' in a column used as numeric (expected a number such as 1234.5; "
                  + "write NA or leave the cell empty for missing)" + numberNotationHint(text),
                  file: file, line: line, column: column)
    }
}

/// A hint when `text` looks like a number written with a decimal comma (`3,5`) or thousands
/// separators (`1,234`, `1 234`, `1'234`, `1.234,5`), which the readers do not guess at; "" otherwise.
func numberNotationHint(_ text: String) -> String {
    let t = text.whitespacesTrimmed()
    let body = t.hasPrefix("-") || t.hasPrefix("+") ? String(t.dropFirst()) : t
    if !body.isEmpty, body.allSatisfy(\.isASCII), body.allSatisfy(\.isNumber) {
        // `parseNumber` reads an integer above 2⁵³ as text: a double cannot hold it exactly.
        return "; an integer of \(body.drop(while: { $0 == "0" }).count) digits is more than a number holds exactly "
            + "(above 2^53 = 9007199254740992), so the column is read as text, an identifier: it can be a cluster, "
            + "stratum or --by column, not a numeric variable"
    }
    let separators: Set<Character> = [",", " ", "'", "\u{00A0}", "\u{202F}", "."]
    // ASCII digits only: a digit of another script is not a number the readers take.
    let digit: (Character) -> Bool = { ("0"..."9").contains($0) }
    guard let first = body.first, let last = body.last, digit(first), digit(last),
          body.allSatisfy({ digit($0) || separators.contains($0) }),
          body.contains(where: { $0 != "." && separators.contains($0) }) else { return "" }
    return "; '\(text)' looks like a number with a decimal comma or thousands separators: write numbers with "
        + "a '.' decimal point and no grouping (1234.5), e.g. re-export the file in an English locale"
}

/// Shortest text for a number: integers without a decimal point, others as Swift prints them.
package func formatNumber(_ x: Double) -> String {
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return String(x)
}
