import SurveyData

/// Population margins for calibration: for each variable, the population total of every level.
///
/// Read from a table with columns `variable,level,total` (DESIGN.md §3); R's `Freq` is accepted
/// for `total` so margins written by R (`as.data.frame(table)`) load unchanged. Several variables
/// may share one file. Totals are population counts; when every variable's totals sum to 1 they are
/// proportions and `scaled(toTotal:)` turns them into counts (the CLI scales them to the weight sum).
/// A row with an empty `level` gives the population total of a numeric column (`enroll,,3811472`):
/// a numeric auxiliary of linear/GREG calibration, never scaled (docs/calibration.md).
public struct CalibrationMargins: Sendable, Equatable {
    /// One variable's population distribution.
    public struct Margin: Sendable, Equatable {
        /// The data column this margin calibrates.
        public var variable: String
        /// Levels in file order, as text (matched against `Column.text(at:)`).
        public var levels: [String]
        /// Population total of each level.
        public var totals: [Double]

        public init(variable: String, levels: [String], totals: [Double]) {
            self.variable = variable
            self.levels = levels
            self.totals = totals
        }

        /// Sum of the level totals.
        public var total: Double { totals.reduce(0, +) }
    }

    /// A numeric column's population total.
    public struct NumericTotal: Sendable, Equatable {
        public var variable: String
        public var total: Double

        public init(variable: String, total: Double) {
            self.variable = variable
            self.total = total
        }
    }

    /// Margins in order of first appearance in the file.
    public var margins: [Margin]
    /// Numeric totals (rows with an empty level), in file order.
    public var numeric: [NumericTotal]
    /// The file the margins came from, for messages.
    public var source: String?

    /// Margins given directly; checks that no level repeats and totals are finite and non-negative.
    public init(_ margins: [Margin], numeric: [NumericTotal] = [], source: String? = nil) throws(CalibrationError) {
        guard !margins.isEmpty else {
            throw .badMarginsFile(
                file: source, line: nil,
                message: numeric.isEmpty ? "no margins given"
                    : "numeric totals need at least one categorical margin (its levels give the population size)")
        }
        for t in numeric where !t.total.isFinite {
            throw .badMarginsFile(file: source, line: nil, message: "total of '\(t.variable)' must be a finite number")
        }
        var names = Set(margins.map(\.variable))
        for t in numeric where !names.insert(t.variable).inserted {
            throw .badMarginsFile(
                file: source, line: nil,
                message: "'\(t.variable)' is given twice, or both with levels and as a numeric total (empty level)")
        }
        for m in margins {
            guard m.levels.count == m.totals.count, !m.levels.isEmpty else {
                throw .badMarginsFile(file: source, line: nil, message: "variable '\(m.variable)' has no levels")
            }
            if let bad = m.totals.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
                throw .badMarginsFile(
                    file: source, line: nil,
                    message: "total of '\(m.variable)' = '\(m.levels[bad])' must be a non-negative number")
            }
            var seen = Set<String>()
            for l in m.levels where !seen.insert(l).inserted {
                throw .badMarginsFile(
                    file: source, line: nil, message: "level '\(l)' of '\(m.variable)' is given twice")
            }
        }
        self.margins = margins
        self.numeric = numeric
        self.source = source
    }

    /// Margins from a table with columns `variable`, `level`, `total` (or `Freq`). Line numbers in
    /// errors count the header as line 1.
    public init(table: Table) throws(CalibrationError) {
        let file = table.source
        func column(_ names: [String]) throws(CalibrationError) -> Column {
            for name in names {
                if let c = table.columns.first(where: { $0.name.lowercased() == name.lowercased() }) { return c }
            }
            throw .badMarginsFile(
                file: file, line: 1,
                message: "expected a column named '\(names[0])' (columns are \(table.columnNames.joined(separator: ", ")))")
        }
        let variable = try column(["variable"])
        let level = try column(["level"])
        let total = try column(["total", "Freq"])
        var order: [String] = []
        var byVariable: [String: Margin] = [:]
        var numeric: [NumericTotal] = []
        for i in 0..<table.rowCount {
            let line = i + 2
            guard let v = variable.text(at: i), !v.isEmpty else {
                throw .badMarginsFile(file: file, line: line, message: "empty 'variable'")
            }
            let t: Double
            switch total.values {
            case .numeric(let values): t = values[i]
            case .categorical(let codes, let levels):
                t = codes[i] < 0 ? .nan : Double(levels[Int(codes[i])]) ?? .nan
            }
            guard let l = level.text(at: i), !l.isEmpty else {
                // An empty level: the population total of numeric column v (may be negative).
                guard t.isFinite else {
                    throw .badMarginsFile(
                        file: file, line: line,
                        message: "numeric total for '\(v)' (empty level) must be a number, found '\(total.text(at: i) ?? "")'")
                }
                if numeric.contains(where: { $0.variable == v }) {
                    throw .badMarginsFile(file: file, line: line, message: "numeric total of '\(v)' is given twice")
                }
                numeric.append(NumericTotal(variable: v, total: t))
                continue
            }
            guard t.isFinite, t >= 0 else {
                throw .badMarginsFile(
                    file: file, line: line,
                    message: "total for '\(v)' = '\(l)' must be a non-negative number, found '\(total.text(at: i) ?? "")'")
            }
            if byVariable[v] == nil {
                order.append(v)
                byVariable[v] = Margin(variable: v, levels: [], totals: [])
            }
            if byVariable[v]?.levels.contains(l) == true {
                throw .badMarginsFile(file: file, line: line, message: "level '\(l)' of '\(v)' is given twice")
            }
            byVariable[v]?.levels.append(l)
            byVariable[v]?.totals.append(t)
        }
        try self.init(order.compactMap { byVariable[$0] }, numeric: numeric, source: file)
    }

    /// True when every variable's totals sum to 1 (within 1e-8): the file gives proportions.
    public var areProportions: Bool {
        margins.allSatisfy { abs($0.total - 1) < 1e-8 }
    }

    /// The margins multiplied so that each variable sums to `total` (for proportion margins).
    public func scaled(toTotal total: Double) -> CalibrationMargins {
        var copy = self
        for k in copy.margins.indices {
            let s = copy.margins[k].total
            copy.margins[k].totals = copy.margins[k].totals.map { $0 * total / s }
        }
        return copy
    }

    /// Checks that every variable sums to the same population total (relative tolerance 1e-6, so
    /// rounding in published tables passes) and returns that total (the first variable's).
    public func commonTotal() throws(CalibrationError) -> Double {
        let totals = margins.map { (variable: $0.variable, total: $0.total) }
        guard let first = totals.first?.total else { return 0 }
        for t in totals where abs(t.total - first) > 1e-6 * max(abs(first), 1) {
            throw .inconsistentTotals(file: source, totals: totals)
        }
        return first
    }
}
