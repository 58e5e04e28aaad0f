/// Turns one sheet column of raw cells into a `Column`, deciding its type from the contents:
/// - only numbers (and empties) → numeric;
/// - only booleans → numeric 0/1 with value labels `FALSE`/`TRUE`;
/// - only dates/times → categorical ISO text (`2020-10-12`, `2020-10-12 14:44:00`, `00:19:00`),
///   which sorts chronologically;
/// - anything else (text, or a mix) → categorical text; numbers in a mixed column are written
///   as their shortest text (`3`, `2.5`), so `Don't Know (vol.)` and `3` can share a column.
/// Empty and error cells (`#NULL!`, `#N/A`) are missing. Text is kept exactly (the answer
/// `None` stays `None`). Levels are sorted by code point, so the result is deterministic.
enum XLSXColumnBuilder {
    static func column(
        name: String, cells: ArraySlice<XLSXCell>, rowCount: Int, strings: [String], date1904: Bool
    ) -> Column {
        var numbers = 0, bools = 0, dates = 0, texts = 0
        for c in cells {
            switch c {
            case .number(_, let kind): if kind == 0 { numbers += 1 } else { dates += 1 }
            case .bool: bools += 1
            case .text: texts += 1
            case .empty, .error: break
            }
        }
        let padded = Array(cells) + Array(repeating: XLSXCell.empty, count: max(0, rowCount - cells.count))
        if texts == 0, dates == 0, bools == 0 || numbers == 0 {
            let values = padded.map { c -> Double in
                switch c {
                case .number(let v, _): return v
                case .bool(let b): return b ? 1 : 0
                default: return .nan
                }
            }
            let labels: [Double: String] = bools > 0 ? [0: "FALSE", 1: "TRUE"] : [:]
            return Column(name: name, values: .numeric(values), valueLabels: labels)
        }
        // Text of a non-string cell (numbers, dates, booleans in a mixed column); nil = missing.
        func rendered(_ c: XLSXCell) -> String? {
            switch c {
            case .text(let i): return strings[Int(i)]
            case .number(let v, 0): return formatNumber(v)
            case .number(let v, let kind):
                return ExcelDate.iso(serial: v, date1904: date1904, timeOnly: kind == 2) ?? formatNumber(v)
            case .bool(let b): return b ? "TRUE" : "FALSE"
            case .empty, .error: return nil
            }
        }
        // Distinct values without hashing every cell: string-pool ids are marked in an array;
        // only the (few) distinct strings are hashed and sorted.
        var seenID = [Bool](repeating: false, count: strings.count)
        var distinct = Set<String>()
        var other = [String?](repeating: nil, count: padded.count)  // rendered non-string cells
        for (r, c) in padded.enumerated() {
            if case .text(let i) = c {
                if !seenID[Int(i)] { seenID[Int(i)] = true; distinct.insert(strings[Int(i)]) }
            } else if let t = rendered(c) {
                other[r] = t
                distinct.insert(t)
            }
        }
        let levels = distinct.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        var index: [String: Int32] = [:]
        for (i, l) in levels.enumerated() { index[l] = Int32(i) }
        var idCode = [Int32](repeating: -1, count: strings.count)
        for (i, seen) in seenID.enumerated() where seen { idCode[i] = index[strings[i]] ?? -1 }
        var codes = [Int32](repeating: -1, count: padded.count)
        for (r, c) in padded.enumerated() {
            if case .text(let i) = c {
                codes[r] = idCode[Int(i)]
            } else if let t = other[r] {
                codes[r] = index[t] ?? -1
            }
        }
        // The first cell that is not a number (sheet row = data row + 2), for the error when the
        // column is used as numeric: it names the cell, as the CSV reader's does.
        let firstText = padded.indices.first { r in
            switch padded[r] {
            case .number(_, 0), .empty, .error: return false
            default: return true
            }
        }
        return Column(name: name, values: .categorical(codes: codes, levels: levels),
                      firstNonNumeric: firstText.map { CellLocation(line: $0 + 2, text: rendered(padded[$0]) ?? "") })
    }
}
