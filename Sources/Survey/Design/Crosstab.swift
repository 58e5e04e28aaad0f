/// A weighted two-way table with Rao–Scott tests of independence, as R `svytable` + `svymean` of
/// the cell interaction + `svychisq(statistic = "F" | "Chisq")`.
///
/// Cell proportions are shares of the whole table (rows missing either variable are left out of
/// the base: R's `na.rm = TRUE`, rows kept in the design with zero influence), with design SEs from
/// the full k × k covariance. The tests use `N` = all rows of the data (R's `nrow(model.matrix)`
/// with `na.pass`) and ν = #PSUs − #strata of the design (R: unique stage-1 clusters minus unique
/// strata) for linearization designs, the design df for replicate designs.
public struct CrosstabResult: Sendable {
    /// One cell: levels, estimated proportion of the table, its SE, and the weighted count.
    public struct Cell: Sendable, Equatable {
        public let row: String
        public let column: String
        public let proportion: Double
        public let standardError: Double
        public let weightedCount: Double
    }

    public let rowVariable: String
    public let columnVariable: String
    /// Levels present in the data, in the column's level order (numbers: ascending).
    public let rowLevels: [String]
    public let columnLevels: [String]
    /// Cells row by row: every column level of the first row level, then the next row level.
    public let cells: [Cell]
    /// Both Rao–Scott tests.
    public let test: RaoScottResult
    /// N used to scale Pearson's X² (all rows).
    public let sampleSize: Int
    /// ν, the design degrees of freedom of the second-order test.
    public let designDF: Double
    /// Rows left out for a missing row or column value.
    public let missingRows: Int
}

extension Design {
    /// Cross-tabulates `row` by `column` under this design and runs the Rao–Scott tests.
    public func crosstab(row: Column, column: Column) throws -> CrosstabResult {
        guard row.count == rowCount, column.count == rowCount else {
            throw DesignError.lengthMismatch("crosstab variables have \(row.count) and \(column.count) rows, design has \(rowCount)")
        }
        let (rowCodes, rowLevels) = presentLevels(row)
        let (colCodes, colLevels) = presentLevels(column)
        let nr = rowLevels.count, nc = colLevels.count
        guard nr >= 2, nc >= 2 else {
            let which = nr < 2 ? row.name : column.name
            throw DesignError.impossible(
                "crosstab needs at least two observed levels of each variable; '\(which)' has \(min(nr, nc))")
        }
        // Columns: 0 = base (both present), 1 + cell = indicator of the cell (rows fastest, as R).
        var base = [Double](repeating: 0, count: rowCount)
        var indicators = [[Double]](repeating: [Double](repeating: 0, count: rowCount), count: nr * nc)
        var missing = 0
        for i in 0..<rowCount {
            let r = rowCodes[i], c = colCodes[i]
            if r < 0 || c < 0 { missing += 1; continue }
            base[i] = 1
            indicators[Int(r) + Int(c) * nr][i] = 1
        }
        guard missing < rowCount else { throw DesignError.allMissing(variable: "\(row.name) × \(column.name)") }
        let terms = (0..<(nr * nc)).map { RatioStatistic.Term(numerator: 1 + $0, denominator: 0, domain: -1) }
        let statistic = RatioStatistic(columns: [base] + indicators, domainCodes: nil, domainCount: 0, terms: terms)
        let p = statistic.values(weights: weights)
        let v = try covariance(of: statistic, at: p)
        let summary = self.summary
        let nu: Double
        if summary.kind == "linearization", let psus = summary.psus, let strata = summary.strata {
            nu = Double(psus - strata)
        } else {
            nu = Double(summary.degreesOfFreedom)
        }
        let test = try raoScott(
            proportions: p, covariance: v, rows: nr, columns: nc, sampleSize: Double(rowCount), designDF: nu,
            rowLabels: rowLevels, columnLabels: colLevels)
        let total = zip(weights, base).reduce(0) { $0 + $1.0 * $1.1 }
        var cells: [CrosstabResult.Cell] = []
        for r in 0..<nr {
            for c in 0..<nc {
                let k = r + c * nr
                cells.append(.init(
                    row: rowLevels[r], column: colLevels[c], proportion: p[k], standardError: v[k, k].squareRoot(),
                    weightedCount: p[k] * total))
            }
        }
        return CrosstabResult(
            rowVariable: row.name, columnVariable: column.name, rowLevels: rowLevels, columnLevels: colLevels,
            cells: cells, test: test, sampleSize: rowCount, designDF: nu, missingRows: missing)
    }
}

/// Dense codes over the levels that occur (−1 missing) and their labels: a categorical column's
/// levels in order without the unused ones (R's `factor(x)`), or a numeric column's distinct values
/// ascending, labelled by their value labels where present.
func presentLevels(_ column: Column) -> (codes: [Int32], levels: [String]) {
    switch column.values {
    case .categorical(let codes, let levels):
        var used = [Bool](repeating: false, count: levels.count)
        for c in codes where c >= 0 { used[Int(c)] = true }
        var map = [Int32](repeating: -1, count: levels.count)
        var out: [String] = []
        for (k, l) in levels.enumerated() where used[k] {
            map[k] = Int32(out.count)
            out.append(l)
        }
        return (codes.map { $0 < 0 ? -1 : map[Int($0)] }, out)
    case .numeric(let values):
        let distinct = Array(Set(values.filter { !$0.isNaN })).sorted()
        var index: [Double: Int32] = [:]
        for (k, x) in distinct.enumerated() { index[x] = Int32(k) }
        let labels = distinct.map { column.valueLabels[$0] ?? formatNumber($0) }
        return (values.map { $0.isNaN ? -1 : index[$0] ?? -1 }, labels)
    }
}
