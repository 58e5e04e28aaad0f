import SurveyData

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
    /// indicator (nil if none missing), and level labels. A categorical column's codes are shared,
    /// not copied; a numeric column's come from `LevelCodes.of`.
    func levelIndicators(_ column: Column, removeMissing: Bool) throws -> ([StatisticColumn], [Double]?, [String]) {
        let n = column.count
        let codes: [Int32], labels: [String], missing: Int
        switch column.values {
        case .categorical(let raw, let levels):
            (codes, labels) = (raw, levels)
            missing = Self.countNegative(raw)
        case .numeric(let values):
            let coded = LevelCodes.of(values)
            missing = coded.missing
            (codes, labels) = column.levelLabels(codes: coded.codes, distinct: coded.distinct)
        }
        if missing == n && n > 0 { throw DesignError.allMissing(variable: column.name) }
        if missing > 0 && !removeMissing { throw DesignError.missingValues(variable: column.name, count: missing) }
        let indicators = labels.indices.map { StatisticColumn.indicator(codes: codes, level: Int32($0)) }
        let present: [Double]? = missing > 0 ? codes.map { $0 >= 0 ? 1 : 0 } : nil
        return (indicators, present, labels)
    }

    /// Number of negative (missing) codes, counted in `ReplicateWeights.parts` fixed row ranges.
    static func countNegative(_ codes: [Int32]) -> Int {
        var counts = [Int](repeating: 0, count: ReplicateWeights.parts)
        codes.withUnsafeBufferPointer { c in
            counts.withUnsafeMutableBufferPointer { out in
                forEachRowPart(rows: c.count, parts: out.count) { k, range in
                    var m = 0
                    for i in range { m &+= c[i] < 0 ? 1 : 0 }
                    out[k] = m
                }
            }
        }
        return counts.reduce(0, +)
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
