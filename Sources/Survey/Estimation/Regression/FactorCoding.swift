import SurveyData

/// How one predictor column enters a model matrix: a number, or a factor of categories.
///
/// A factor's levels are the values present in the column, sorted as R's `factor()` sorts them
/// (text in code-point order, i.e. R's C-locale `sort`; numbers numerically); the reference level
/// (first, or the one `--ref col=level` names) is left out under treatment contrasts, and each other
/// level gets an indicator column named column + level (`stypeH`), as R's `contr.treatment`.
public enum PredictorCoding: Sendable, Equatable {
    case numeric([Double])
    /// Per row the level index into `levels` (−1 missing); `levels[0]` is the reference.
    case factor(codes: [Int], levels: [String])

    /// The coding of `name` in `table`: a categorical column (or a numeric one listed in
    /// `factors`) becomes a factor with `reference` first; anything else stays numeric.
    /// Throws when `reference` is not a level of the column.
    public static func of(
        _ name: String, in table: Table, asFactor: Bool, reference: String?
    ) throws(DataError) -> PredictorCoding {
        let column = try table.column(named: name)
        var texts: [String?]
        var order: (String, String) -> Bool = { $0 < $1 }
        switch column.values {
        case .numeric(let v):
            guard asFactor || reference != nil else { return .numeric(v) }
            texts = v.map { $0.isNaN ? nil : formatNumber($0) }
            let numbers = Dictionary(v.filter { !$0.isNaN }.map { (formatNumber($0), $0) }, uniquingKeysWith: { a, _ in a })
            order = { (numbers[$0] ?? 0) < (numbers[$1] ?? 0) }
        case .categorical(let codes, let levels):
            // Mostly numbers with some text (a typo or a "DK" in a numeric column) is an error unless
            // `--factor` says so; text levels of which some look like numbers (`a`, `1e5`; `001`) are
            // a factor, as `estimate` and `crosstab` take them.
            let numeric = levels.filter { Double($0) != nil }.count
            if !asFactor, numeric > levels.count - numeric, let cell = column.firstNonNumeric {
                throw DataError("non-numeric cell '\(cell.quoted)' in a column of numbers (expected a number; write NA "
                                + "or leave the cell empty for missing, or list the column in --factor to treat it as categorical)",
                                file: table.source, line: cell.line, column: name)
            }
            texts = codes.map { $0 < 0 ? nil : levels[Int($0)] }
        }
        var levels = Array(Set(texts.compactMap { $0 })).sorted(by: order)
        // One level has no contrast: its column would be the intercept's, silently dropped (R:
        // "contrasts can be applied only to factors with 2 or more levels").
        guard levels.count >= 2 else {
            throw DataError("categorical predictor '\(name)' has \(levels.count) level(s)\(levels.isEmpty ? "" : " (" + levels[0] + ")"); "
                            + "it needs at least 2 to be compared — drop it from --x", file: table.source, column: name)
        }
        if let reference {
            guard let i = levels.firstIndex(of: reference) else {
                throw DataError("--ref \(name)=\(reference): '\(reference)' is not a level of '\(name)' (levels: "
                                + levels.joined(separator: ", ") + ")", file: table.source, column: name)
            }
            levels.insert(levels.remove(at: i), at: 0)
        }
        let index = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
        return .factor(codes: texts.map { $0.flatMap { index[$0] } ?? -1 }, levels: levels)
    }

    /// The same factor with every row at level `k` (for predictions at one group); nil for numbers.
    public func fixed(at k: Int) -> PredictorCoding? {
        guard case .factor(let codes, let levels) = self else { return nil }
        return .factor(codes: codes.map { _ in k }, levels: levels)
    }

    /// The factor with only the levels some row of `rows` has (R's model frame drops a level whose
    /// rows all had a missing value: a level with no complete rows made a column of zeros, refused
    /// as "a linear combination"); the reference is the first level left. `reference`, when the
    /// user named it (`--ref`), must keep a row. Numbers, and factors with every level used, are
    /// returned as they are.
    func keepingLevels(in rows: [Int], name: String, reference: String?) throws(DataError) -> PredictorCoding {
        guard case .factor(let codes, let levels) = self else { return self }
        var used = [Bool](repeating: false, count: levels.count)
        for i in rows where codes[i] >= 0 { used[codes[i]] = true }
        guard used.contains(false) else { return self }
        if let reference, let r = levels.firstIndex(of: reference), !used[r] {
            throw DataError("--ref \(name)=\(reference): no complete row (response, predictors and weight present) has "
                            + "this level", column: name)
        }
        let kept = levels.indices.filter { used[$0] }
        guard kept.count >= 2 else {
            throw DataError("categorical predictor '\(name)' has \(kept.count) level(s) among the complete rows"
                            + (kept.isEmpty ? "" : " (" + levels[kept[0]] + ")") + "; it needs at least 2 to be compared — drop it from --x",
                            column: name)
        }
        var map = [Int](repeating: -1, count: levels.count)
        for (j, k) in kept.enumerated() { map[k] = j }
        return .factor(codes: codes.map { $0 < 0 ? -1 : map[$0] }, levels: kept.map { levels[$0] })
    }

    /// A factor's levels (empty for a number).
    public var levels: [String] {
        if case .factor(_, let l) = self { return l }
        return []
    }

    /// True where row `i` is missing.
    func isMissing(_ i: Int) -> Bool {
        switch self {
        case .numeric(let v): return v[i].isNaN
        case .factor(let c, _): return c[i] < 0
        }
    }

    /// The columns this predictor contributes over `rows`, with their name suffixes: numeric → one
    /// column named by the variable; factor → one indicator per level, all levels when `full`
    /// (no contrast, as R when the term's margin is absent), else all but the reference.
    func columns(_ name: String, rows: [Int], full: Bool) -> [(name: String, values: [Double])] {
        switch self {
        case .numeric(let v):
            return [(name, rows.map { v[$0] })]
        case .factor(let codes, let levels):
            return levels.indices.dropFirst(full ? 0 : 1).map { k in
                (name + levels[k], rows.map { codes[$0] == k ? 1 : 0 })
            }
        }
    }
}
