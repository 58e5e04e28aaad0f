/// One cell as read from sheet XML, before the column's type is decided.
enum XLSXCell: Equatable {
    case empty
    /// A number (`t="n"` or no type); `style` is its date kind (0 number, 1 date, 2 time).
    case number(Double, dateKind: UInt8)
    /// Text: an index into the sheet's string pool (shared strings first, then inline strings).
    case text(Int32)
    case bool(Bool)
    /// An error value such as `#NULL!` or `#N/A`: SPSS system-missing in CAB wave 4. Missing.
    case error
}

/// Column letters ↔ numbers and cell references (`C17`).
enum CellReference {
    /// `A` → 1, `Z` → 26, `AA` → 27.
    static func letters(_ column: Int) -> String {
        var n = column
        var s: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            s.insert(Character(Unicode.Scalar(UInt8(65 + r))), at: 0)
            n = (n - 1) / 26
        }
        return String(s)
    }

    /// `Sheet1!C17`.
    static func name(sheet: String, column: Int, row: Int) -> String {
        let quoted = sheet.contains(where: { !$0.isLetter && !$0.isNumber && $0 != "_" }) ? "'\(sheet)'" : sheet
        return "\(quoted)!\(letters(column))\(row)"
    }
}
