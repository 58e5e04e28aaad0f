/// The built-in smooth estimators — mean, total, proportions of every level, ratio — written once
/// for any `Design`. Each builds a `RatioStatistic`, asks the design for its covariance, and
/// attaches SE, interval, df, n and (on request) design effects.
///
/// Domains (`by`): pass `Domains`; every element is then estimated within each domain with rows
/// outside it carrying zero influence (never subsetting rows first), and the covariance spans all
/// domains and variables at once.
extension Design {
    /// Means of numeric variables (all variables × all domains in one covariance).
    public func means(_ columns: [Column], by domains: Domains? = nil,
                      options: EstimationOptions = .init()) throws -> Estimate {
        try smooth(columns, kind: .mean, by: domains, options: options)
    }

    /// Totals of numeric variables.
    public func totals(_ columns: [Column], by domains: Domains? = nil,
                       options: EstimationOptions = .init()) throws -> Estimate {
        try smooth(columns, kind: .total, by: domains, options: options)
    }

    /// The proportion of every level of a categorical (or labelled/numeric) variable, with the full
    /// covariance across levels (and domains). Levels are the column's levels in order (all of
    /// them, as R's factor), or the sorted distinct values of a numeric column.
    public func proportions(_ column: Column, by domains: Domains? = nil,
                            options: EstimationOptions = .init()) throws -> Estimate {
        let (indicators, present, labels) = try levelIndicators(column, removeMissing: options.removeMissing)
        var columns = [StatisticColumn.ones(count: rowCount)]
        let codes = indicators.first?.indicator?.codes ?? []
        let base = present.map { columns.append(StatisticColumn.nonMissing($0, codes: codes)); return 1 } ?? 0
        var info: [TermInfo] = [], terms: [RatioStatistic.Term] = []
        let first = columns.count
        columns.append(contentsOf: indicators)
        for slot in slots(domains) {
            for j in indicators.indices {
                terms.append(.init(numerator: first + j, denominator: base, domain: slot))
                info.append(TermInfo(kind: .proportion, variable: column.name, level: labels[j], domain: slot, base: base))
            }
        }
        let stat = RatioStatistic(columns: columns, domainCodes: domains?.codes, domainCount: domains?.count ?? 0, terms: terms)
        return try finish(stat, info: info, domains: domains, options: options)
    }

    /// The ratio Σw·num / Σw·den (within each domain); rows missing either variable are
    /// removed under `removeMissing`, else an error.
    public func ratio(numerator: Column, denominator: Column, by domains: Domains? = nil,
                      options: EstimationOptions = .init()) throws -> Estimate {
        let a = try PreparedVariable(numeric: numerator, removeMissing: options.removeMissing)
        let b = try PreparedVariable(numeric: denominator, removeMissing: options.removeMissing)
        var columns: [[Double]] = [ones]
        var base = 0
        var num = a.values, den = b.values
        if a.present != nil || b.present != nil {
            let both = (0..<rowCount).map { (a.present?[$0] ?? 1) * (b.present?[$0] ?? 1) }
            if !both.contains(where: { $0 != 0 }) { throw DesignError.allMissing(variable: "\(a.name)/\(b.name)") }
            for i in 0..<rowCount where both[i] == 0 { num[i] = 0; den[i] = 0 }
            columns.append(both)
            base = 1
        }
        columns.append(num)
        columns.append(den)
        let (ni, di) = (columns.count - 2, columns.count - 1)
        var info: [TermInfo] = [], terms: [RatioStatistic.Term] = []
        for slot in slots(domains) {
            terms.append(.init(numerator: ni, denominator: di, domain: slot))
            info.append(TermInfo(kind: .ratio, variable: "\(a.name)/\(b.name)", level: nil, domain: slot, base: base))
        }
        let stat = RatioStatistic(columns: columns, domainCodes: domains?.codes, domainCount: domains?.count ?? 0, terms: terms)
        return try finish(stat, info: info, domains: domains, options: options)
    }

    // MARK: - Implementation

    var ones: [Double] { [Double](repeating: 1, count: rowCount) }

    /// Slots to estimate in: the whole sample (−1) without domains, else each domain.
    func slots(_ domains: Domains?) -> [Int32] {
        guard let domains else { return [-1] }
        return (0..<domains.count).map { Int32($0) }
    }

    /// Means or totals of several numeric variables.
    private func smooth(_ variables: [Column], kind: StatisticKind, by domains: Domains?,
                        options: EstimationOptions) throws -> Estimate {
        var columns: [[Double]] = [ones]
        var info: [TermInfo] = [], terms: [RatioStatistic.Term] = []
        for column in variables {
            let v = try PreparedVariable(numeric: column, removeMissing: options.removeMissing)
            let base = v.present.map { columns.append($0); return columns.count - 1 } ?? 0
            columns.append(v.values)
            let x = columns.count - 1
            for slot in slots(domains) {
                terms.append(.init(numerator: x, denominator: kind == .mean ? base : nil, domain: slot))
                info.append(TermInfo(kind: kind, variable: column.name, level: nil, domain: slot, base: base))
            }
        }
        let stat = RatioStatistic(columns: columns, domainCodes: domains?.codes, domainCount: domains?.count ?? 0, terms: terms)
        return try finish(stat, info: info, domains: domains, options: options)
    }

    /// 0/1 indicator per level (kept as the level codes, not n-length columns), the non-missing
    /// indicator (nil if none missing), and level labels.
    func levelIndicators(_ column: Column, removeMissing: Bool) throws -> ([StatisticColumn], [Double]?, [String]) {
        let n = column.count
        let codes: [Int32], labels: [String], missing: Int
        switch column.values {
        case .categorical(let raw, let levels):
            labels = levels
            codes = raw
            missing = raw.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
        case .numeric(let values):
            let coded = Self.levelCodes(values)
            (codes, missing) = (coded.codes, coded.missing)
            labels = coded.distinct.map { column.valueLabels[$0] ?? formatNumber($0) }
        }
        if missing == n && n > 0 { throw DesignError.allMissing(variable: column.name) }
        if missing > 0 && !removeMissing { throw DesignError.missingValues(variable: column.name, count: missing) }
        let indicators = labels.indices.map { StatisticColumn.indicator(codes: codes, level: Int32($0)) }
        let present: [Double]? = missing > 0 ? codes.map { $0 >= 0 ? 1 : 0 } : nil
        return (indicators, present, labels)
    }

    /// Level index of every value (−1 for missing) among the sorted distinct non-missing values,
    /// and the number missing. Small integer ranges (`smallIntegerRange`) go by a table: one pass
    /// writes each value's offset in the range, a second renumbers only when some value of the
    /// range does not occur.
    static func levelCodes(_ values: [Double]) -> (codes: [Int32], distinct: [Double], missing: Int) {
        let n = values.count
        guard let range = smallIntegerRange(values) else {
            let distinct = distinctValues(values, range: nil)
            var codes = [Int32](repeating: -1, count: n)
            assignLevels(values, distinct: distinct, range: nil, into: &codes)
            return (codes, distinct, codes.reduce(0) { $0 + ($1 < 0 ? 1 : 0) })
        }
        let lo = range.lowerBound
        var seen = [Bool](repeating: false, count: range.count), missing = 0
        var codes = [Int32](unsafeUninitializedCapacity: n) { out, count in
            values.withUnsafeBufferPointer { x in
                seen.withUnsafeMutableBufferPointer { s in
                    for i in 0..<n {
                        let v = x[i]
                        if v.isNaN {
                            out[i] = -1
                            missing += 1
                        } else {
                            let offset = Int(v) - lo
                            out[i] = Int32(offset)
                            s[offset] = true
                        }
                    }
                }
            }
            count = n
        }
        let present = seen.indices.filter { seen[$0] }
        if present.count < range.count {
            var level = [Int32](repeating: -1, count: range.count)
            for (k, offset) in present.enumerated() { level[offset] = Int32(k) }
            codes.withUnsafeMutableBufferPointer { c in
                for i in 0..<n where c[i] >= 0 { c[i] = level[Int(c[i])] }
            }
        }
        return (codes, present.map { Double($0 + lo) }, missing)
    }

    /// The sorted distinct non-missing values; small integer ranges (the usual coded answers,
    /// `smallIntegerRange`) by a table instead of hashing every row.
    static func distinctValues(_ values: [Double], range: Range<Int>?) -> [Double] {
        if let range {
            var seen = [Bool](repeating: false, count: range.count)
            for v in values where !v.isNaN { seen[Int(v) - range.lowerBound] = true }
            return seen.indices.filter { seen[$0] }.map { Double($0 + range.lowerBound) }
        }
        return Array(Set(values.filter { !$0.isNaN })).sorted()
    }

    /// Level index of every value in `distinct` (−1 for missing values); `range` as `distinctValues`.
    static func assignLevels(_ values: [Double], distinct: [Double], range: Range<Int>?, into codes: inout [Int32]) {
        if let range {
            var level = [Int32](repeating: -1, count: range.count)
            for (k, v) in distinct.enumerated() { level[Int(v) - range.lowerBound] = Int32(k) }
            for i in values.indices where !values[i].isNaN { codes[i] = level[Int(values[i]) - range.lowerBound] }
            return
        }
        var map: [Double: Int32] = [:]
        for (k, v) in distinct.enumerated() { map[v] = Int32(k) }
        for i in values.indices where !values[i].isNaN { codes[i] = map[values[i]] ?? -1 }
    }

    /// The range of the non-missing values when all are integers spanning at most 65,536 (−0 is 0).
    /// One branch-free pass (it vectorizes): adding and subtracting 1.5·2⁵² rounds a value below
    /// 2⁵¹ in magnitude to an integer, so a value it changes has a fraction; NaN compares false
    /// everywhere and drops out; infinities and values of 1e9 or more fail the bounds.
    static func smallIntegerRange(_ values: [Double]) -> Range<Int>? {
        var lo = Double.infinity, hi = -Double.infinity, fraction = false
        values.withUnsafeBufferPointer { x in
            for v in x {
                let rounded = (v + 0x1.8p52) - 0x1.8p52
                fraction = fraction || (rounded != v) && (v == v)
                lo = v < lo ? v : lo
                hi = v > hi ? v : hi
            }
        }
        guard !fraction, lo <= hi, lo > -1e9, hi < 1e9, hi - lo < 65_536 else { return nil }
        return Int(lo)..<(Int(hi) + 1)
    }
}

/// What an element of a `RatioStatistic` is, for labelling and for its base (df, n, deff).
struct TermInfo {
    var kind: StatisticKind
    var variable: String
    var level: String?
    var domain: Int32
    /// Column of the statistic holding the 0/1 base indicator (0 = all rows).
    var base: Int
}
