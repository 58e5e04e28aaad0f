import SurveyData

/// A data column classified by the levels of one margin: `codes[i]` is the index into
/// `levels` of row `i`. Built by matching the column's text (`Column.text(at:)`: category,
/// value label or number) against the margin's levels; a numeric column with value labels also
/// matches its raw codes, so a margin may say `1` or `Very favorable`.
public struct CalibrationVariable: Sendable, Equatable {
    /// Column name.
    public let name: String
    /// Levels, in the margin's order.
    public let levels: [String]
    /// Level index of every row.
    public let codes: [Int32]

    public init(name: String, levels: [String], codes: [Int32]) {
        self.name = name
        self.levels = levels
        self.codes = codes
    }

    /// Classifies `column` by `margin`'s levels. Throws when a row is missing, when a data level has
    /// no margin (naming it and how many rows have it), or when a margin level with a positive total
    /// never occurs in the data. A margin level with total 0 that is absent from the data is allowed
    /// (as R's `postStratify` drops cells empty in both).
    public init(column: Column, margin: CalibrationMargins.Margin) throws(CalibrationError) {
        var index: [String: Int32] = [:]
        for (k, l) in margin.levels.enumerated() { index[l] = Int32(k) }
        // Map each distinct column value once (categorical: per level; numeric: per distinct value).
        var codes = [Int32](repeating: -1, count: column.count)
        var used = [Bool](repeating: false, count: margin.levels.count)
        var unmatched: [String: Int] = [:]
        var unmatchedOrder: [String] = []
        func lookup(_ text: String, raw: String?) -> Int32? {
            if let k = index[text] { return k }
            if let raw, let k = index[raw] { return k }
            return nil
        }
        switch column.values {
        case .categorical(let c, let levels):
            let map = levels.map { lookup($0, raw: nil) }
            for i in 0..<c.count {
                guard c[i] >= 0 else { throw .missingValue(variable: column.name, row: i + 1) }
                if let k = map[Int(c[i])] {
                    codes[i] = k
                    used[Int(k)] = true
                } else {
                    let l = levels[Int(c[i])]
                    if unmatched[l] == nil { unmatchedOrder.append(l) }
                    unmatched[l, default: 0] += 1
                }
            }
        case .numeric(let v):
            var cache: [Double: Int32] = [:]
            for i in 0..<v.count {
                let x = v[i]
                guard !x.isNaN else { throw .missingValue(variable: column.name, row: i + 1) }
                if let k = cache[x] {
                    codes[i] = k
                    used[Int(k)] = true
                    continue
                }
                let raw = formatNumber(x)
                let text = column.valueLabels[x] ?? raw
                if let k = lookup(text, raw: raw) {
                    cache[x] = k
                    codes[i] = k
                    used[Int(k)] = true
                } else {
                    if unmatched[text] == nil { unmatchedOrder.append(text) }
                    unmatched[text, default: 0] += 1
                }
            }
        }
        if let l = unmatchedOrder.first {
            throw .levelMissingFromMargins(variable: column.name, level: l, rows: unmatched[l] ?? 0)
        }
        for k in used.indices where !used[k] && margin.totals[k] > 0 {
            throw .levelAbsentFromData(variable: column.name, level: margin.levels[k])
        }
        self.init(name: column.name, levels: margin.levels, codes: codes)
    }
}
