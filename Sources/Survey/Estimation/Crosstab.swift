import SurveyData
import SurveyNumerics

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
    /// Both Rao–Scott tests; nil when the table has more than `CrosstabResult.testCellLimit` cells
    /// (the tests need the cells × cells covariance), with the reason in `testNote`.
    public let test: RaoScottResult?
    /// Why the tests were not computed.
    public let testNote: String?
    /// The Wald and adjusted Wald tests (R `svychisq(statistic = "Wald" | "adjWald")`); nil when the
    /// Rao–Scott tests are not computed or the interaction covariance is singular (e.g. empty cells).
    public let wald: (plain: WaldIndependence, adjusted: WaldIndependence)?
    /// N used to scale Pearson's X² (all rows).
    public let sampleSize: Int
    /// ν, the design degrees of freedom of the second-order test.
    public let designDF: Double
    /// Rows left out for a missing row or column value.
    public let missingRows: Int
    /// Levels met only on rows whose other variable is missing, so without a cell in the table
    /// and left out of it, as `region 'West'` (`tableLevels`).
    public let levelsWithoutRows: [String]

    /// Largest table (cells) whose Rao–Scott tests are computed: the tests need the cells × cells
    /// covariance and contrast matrices (~8 of them), 400 MB at 2,500 cells.
    public static let testCellLimit = 2_500

    /// Largest table (cells) a crosstab makes: its cell arrays are sized rows × columns levels,
    /// so two identifier-like columns (a level per row) would ask for rows² cells.
    public static let cellLimit = 10_000_000
}

extension Design {
    /// Cross-tabulates `row` by `column` under this design and runs the Rao–Scott tests.
    public func crosstab(row: Column, column: Column) throws -> CrosstabResult {
        guard row.count == rowCount, column.count == rowCount else {
            throw DesignError.lengthMismatch("crosstab variables have \(row.count) and \(column.count) rows, design has \(rowCount)")
        }
        let (rowCodes, rowLevels, colCodes, colLevels, withoutRows) = tableLevels(row: row, column: column)
        let nr = rowLevels.count, nc = colLevels.count
        guard nr >= 2, nc >= 2 else {
            let which = nr < 2 ? row.name : column.name
            throw DesignError.impossible(
                "crosstab needs at least two observed levels of each variable; '\(which)' has \(min(nr, nc))")
        }
        let (cellCount, overflow) = nr.multipliedReportingOverflow(by: nc)
        guard !overflow, cellCount <= CrosstabResult.cellLimit else {
            throw DesignError.impossible(
                "crosstab of '\(row.name)' by '\(column.name)' would have \(nr) × \(nc) cells, more than "
                    + "\(CrosstabResult.cellLimit); is one of them an identifier?")
        }
        var missing = 0
        for i in 0..<rowCount where rowCodes[i] < 0 || colCodes[i] < 0 { missing += 1 }
        guard missing < rowCount else { throw DesignError.allMissing(variable: "\(row.name) × \(column.name)") }
        // No weight on any row: an empty table, whose tests fail deep in LAPACK; say what it is.
        guard weights.contains(where: { $0 != 0 }) else { throw DesignError.allWeightsZero }
        let summary = self.summary
        let nu: Double
        if summary.kind == "linearization", let psus = summary.psus, let strata = summary.strata {
            nu = Double(psus - strata)
        } else {
            nu = Double(summary.degreesOfFreedom)
        }
        let cellOf = (0..<rowCount).map { i in
            rowCodes[i] < 0 || colCodes[i] < 0 ? -1 : Int(rowCodes[i]) + Int(colCodes[i]) * nr
        }
        let base = cellOf.map { $0 < 0 ? 0.0 : 1.0 }
        let total = zip(weights, base).reduce(0) { $0 + $1.0 * $1.1 }
        let p: [Double], se: [Double], test: RaoScottResult?, note: String?
        var wald: (plain: WaldIndependence, adjusted: WaldIndependence)? = nil
        if nr * nc <= CrosstabResult.testCellLimit {
            // Columns: 0 = base (both present), 1 + cell = indicator of the cell (rows fastest, as R).
            var indicators = [[Double]](repeating: [Double](repeating: 0, count: rowCount), count: nr * nc)
            for i in 0..<rowCount where cellOf[i] >= 0 { indicators[cellOf[i]][i] = 1 }
            let terms = (0..<(nr * nc)).map { RatioStatistic.Term(numerator: 1 + $0, denominator: 0, domain: -1) }
            let statistic = RatioStatistic(columns: [base] + indicators, domainCodes: nil, domainCount: 0, terms: terms)
            p = statistic.values(weights: weights)
            let v = try covariance(of: statistic, at: p)
            se = (0..<(nr * nc)).map { v[$0, $0].squareRoot() }
            test = try raoScott(
                proportions: p, covariance: v, rows: nr, columns: nc, sampleSize: Double(rowCount), designDF: nu,
                rowLabels: rowLevels, columnLabels: colLevels, linearization: summary.kind == "linearization")
            note = nil
            let totals = RatioStatistic(
                columns: statistic.columns, domainCodes: nil, domainCount: 0,
                terms: terms.map { RatioStatistic.Term(numerator: $0.numerator, denominator: nil, domain: -1) })
            let t = totals.values(weights: weights)
            let tests = try? WaldIndependence.tests(
                totals: t, covariance: try covariance(of: totals, at: t), rows: nr, columns: nc, designDF: nu)
            wald = tests.map { (plain: $0.wald, adjusted: $0.adjusted) }
        } else {
            (p, se) = try cellVariances(cellOf: cellOf, base: base, cells: nr * nc, total: total)
            test = nil
            note = "Rao-Scott tests not computed: the table has \(nr * nc) cells (\(nr) × \(nc)); they need the "
                + "cells × cells covariance and are computed up to \(CrosstabResult.testCellLimit) cells"
        }
        var cells: [CrosstabResult.Cell] = []
        cells.reserveCapacity(nr * nc)
        for r in 0..<nr {
            for c in 0..<nc {
                let k = r + c * nr
                cells.append(.init(
                    row: rowLevels[r], column: colLevels[c], proportion: p[k], standardError: se[k],
                    weightedCount: p[k] * total))
            }
        }
        return CrosstabResult(
            rowVariable: row.name, columnVariable: column.name, rowLevels: rowLevels, columnLevels: colLevels,
            cells: cells, test: test, testNote: note, wald: wald, sampleSize: rowCount, designDF: nu, missingRows: missing,
            levelsWithoutRows: withoutRows)
    }

    /// Cell proportions and their design SEs without the cells × cells covariance: the occupied
    /// cells in chunks small enough that chunk × n stays under 8 M values; an empty cell has a zero
    /// indicator, so proportion 0 and SE 0 (as in the full covariance). Memory O(n·chunk + cells).
    func cellVariances(cellOf: [Int], base: [Double], cells: Int, total: Double) throws -> (p: [Double], se: [Double]) {
        var p = [Double](repeating: 0, count: cells), se = [Double](repeating: 0, count: cells)
        for i in 0..<rowCount where cellOf[i] >= 0 { p[cellOf[i]] += weights[i] }
        for k in 0..<cells { p[k] /= total }
        var occupied = [Bool](repeating: false, count: cells)
        for k in cellOf where k >= 0 { occupied[k] = true }
        let used = (0..<cells).filter { occupied[$0] }
        let chunk = max(1, min(256, 8_000_000 / max(rowCount, 1)))
        var slot = [Int](repeating: -1, count: cells)
        for start in stride(from: 0, to: used.count, by: chunk) {
            let part = Array(used[start..<min(start + chunk, used.count)])
            for (j, k) in part.enumerated() { slot[k] = j }
            var indicators = [[Double]](repeating: [Double](repeating: 0, count: rowCount), count: part.count)
            for i in 0..<rowCount where cellOf[i] >= 0 && slot[cellOf[i]] >= 0 { indicators[slot[cellOf[i]]][i] = 1 }
            let terms = part.indices.map { RatioStatistic.Term(numerator: 1 + $0, denominator: 0, domain: -1) }
            let statistic = RatioStatistic(columns: [base] + indicators, domainCodes: nil, domainCount: 0, terms: terms)
            let v = try covariance(of: statistic, at: part.map { p[$0] })
            for (j, k) in part.enumerated() { se[k] = v[j, j].squareRoot() }
            for k in part { slot[k] = -1 }
        }
        return (p, se)
    }
}

/// The codes and levels of `row` and `column` over a two-way table's base, the rows with both
/// present: a level met only on rows whose other variable is missing has no cell, so it is left
/// out (codes -1) and named in `withoutRows` (`region 'West'`). R keeps such a level as an
/// all-zero row or column, on which `svychisq` gives F = NaN (a zero margin); here the table and
/// its tests are those of the levels observed together (R's, with the level set to NA).
func tableLevels(row: Column, column: Column)
    -> (rowCodes: [Int32], rowLevels: [String], colCodes: [Int32], colLevels: [String], withoutRows: [String]) {
    var (rowCodes, rowLevels) = presentLevels(row)
    var (colCodes, colLevels) = presentLevels(column)
    var rowUsed = [Bool](repeating: false, count: rowLevels.count), colUsed = [Bool](repeating: false, count: colLevels.count)
    for (r, c) in zip(rowCodes, colCodes) where r >= 0 && c >= 0 {
        rowUsed[Int(r)] = true
        colUsed[Int(c)] = true
    }
    /// Drops the unused levels of one variable, renumbering the codes of the others.
    func keepUsed(_ codes: inout [Int32], _ levels: inout [String], _ used: [Bool], _ name: String) -> [String] {
        guard used.contains(false) else { return [] }
        var map = [Int32](repeating: -1, count: levels.count), kept: [String] = [], dropped: [String] = []
        for (k, level) in levels.enumerated() {
            if used[k] {
                map[k] = Int32(kept.count)
                kept.append(level)
            } else {
                dropped.append("\(name) '\(level)'")
            }
        }
        codes = codes.map { $0 < 0 ? -1 : map[Int($0)] }
        levels = kept
        return dropped
    }
    let withoutRows = keepUsed(&rowCodes, &rowLevels, rowUsed, row.name) + keepUsed(&colCodes, &colLevels, colUsed, column.name)
    return (rowCodes, rowLevels, colCodes, colLevels, withoutRows)
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
        let joined = column.levelLabels(codes: values.map { $0.isNaN ? -1 : index[$0] ?? -1 }, distinct: distinct)
        return (joined.codes, joined.labels)
    }
}
