/// Builds one column while a file streams past, inferring its type.
///
/// A column starts numeric and stays numeric while every non-missing cell is a finite number.
/// The first cell that is not a number turns it categorical: from then on cells are interned
/// (levels in first-seen order). The numbers seen before the switch cannot be turned back into
/// their original text (`1.0` vs `1`), so those rows are marked and filled by a second pass over
/// the file (`needsReread`), which only happens for columns that switch after a number.
/// A literal `NaN`/`Inf` (or a number beyond the double range) in a column that ends numeric is
/// bad data: the first one is kept and reported by `finish`.
struct ColumnBuilder {
    let name: String
    /// Whether the column is (still) numeric.
    private(set) var isNumeric = true
    /// Values while numeric (NaN = missing).
    private var values: [Double] = []
    /// Codes once categorical (-1 missing, `pendingCode` awaiting the second pass).
    private var codes: [Int32] = []
    /// Levels once categorical.
    private var levels = LevelTable()
    /// Non-missing cells seen while numeric (numbers and non-finite words).
    private var nonMissingNumeric = 0
    /// First non-numeric cell (set when the column turned categorical).
    private(set) var firstNonNumeric: CellLocation?
    /// First NaN/Inf word or out-of-range number while numeric.
    private var firstNonFinite: CellLocation?
    /// First text cell that is not valid UTF-8.
    private var firstInvalidText: CellLocation?
    /// Rows before this one need a second pass (they held numbers when the column switched).
    private(set) var rereadRows = 0

    /// Code that marks a row to be filled by the second pass.
    static let pendingCode: Int32 = -2

    init(name: String) {
        self.name = name
    }

    /// Whether the column needs the second pass to recover the text of early numeric cells.
    var needsReread: Bool { rereadRows > 0 }

    /// Reserves room for about `rows` values.
    mutating func reserve(_ rows: Int) {
        if isNumeric { values.reserveCapacity(rows) } else { codes.reserveCapacity(rows) }
    }

    /// Appends one cell: `text` is already unquoted and unescaped; `missing` is true for an empty
    /// cell or `NA`.
    mutating func append(_ text: UnsafeBufferPointer<UInt8>, missing: Bool, line: Int) {
        guard isNumeric else {
            codes.append(missing ? -1 : intern(text, line: line))
            return
        }
        if missing { values.append(.nan); return }
        switch parseNumber(text) {
        case .number(let v):
            values.append(v)
            nonMissingNumeric += 1
        case .nonFinite:
            if firstNonFinite == nil { firstNonFinite = CellLocation(line: line, text: string(text)) }
            values.append(.nan)
            nonMissingNumeric += 1
        case .text:
            firstNonNumeric = CellLocation(line: line, text: string(text))
            rereadRows = nonMissingNumeric > 0 ? values.count : 0
            codes = [Int32](repeating: rereadRows > 0 ? Self.pendingCode : -1, count: values.count)
            codes.reserveCapacity(max(values.capacity, values.count + 1))
            values = []
            isNumeric = false
            codes.append(intern(text, line: line))
        }
    }

    /// The level code of `text`, noting the first cell that is not UTF-8 (checked once per new level).
    private mutating func intern(_ text: UnsafeBufferPointer<UInt8>, line: Int) -> Int32 {
        let code = levels.intern(text)
        if firstInvalidText == nil, levels.firstInvalid == code { firstInvalidText = CellLocation(line: line, text: string(text)) }
        return code
    }

    /// Fills the pending rows from the second pass: `early` interned the text of rows
    /// `0..<rereadRows` (codes in `earlyCodes`, -1 missing). Early levels come first, so the
    /// final order is still first-seen over the whole file.
    mutating func resolve(earlyCodes: [Int32], early: LevelTable) {
        guard !isNumeric else { return }
        var merged = early
        var remap = [Int32](repeating: -1, count: levels.count)
        for k in 0..<levels.count {
            remap[k] = levels.withLevelBytes(k) { merged.intern($0) }
        }
        for r in 0..<codes.count {
            if r < earlyCodes.count {
                codes[r] = earlyCodes[r]
            } else if codes[r] >= 0 {
                codes[r] = remap[Int(codes[r])]
            }
        }
        levels = merged
        rereadRows = 0
    }

    /// The finished column; a numeric column holding NaN/Inf text is an error naming the cell.
    func finish(file: String) throws(DataError) -> Column {
        if isNumeric {
            if let bad = firstNonFinite {
                throw DataError("'\(bad.quoted)' in a numeric column: NaN and infinite values are not data "
                                + "(write NA or leave the cell empty for missing)",
                                file: file, line: bad.line, column: name)
            }
            return Column(name: name, values: .numeric(values))
        }
        if let bad = firstInvalidText {
            throw DataError("'\(bad.quoted)' is not UTF-8 text (barometer reads text files as UTF-8; a file saved as "
                            + "Windows-1251 or Latin-1 would merge different values): re-save it as UTF-8, or convert it, "
                            + "e.g. iconv -f WINDOWS-1251 -t UTF-8", file: file, line: bad.line, column: name)
        }
        var located = firstNonNumeric
        located?.file = file
        return Column(name: name, values: .categorical(codes: codes, levels: levels.levels),
                      firstNonNumeric: located)
    }

    /// Hands the finished column over, releasing this builder's storage (so the table and the
    /// builder never both hold a copy at peak memory).
    mutating func take(file: String) throws(DataError) -> Column {
        let column = try finish(file: file)
        values = []
        codes = []
        return column
    }

    private func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
