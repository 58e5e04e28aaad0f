import SurveyData

/// Percentages of a two-way table for reports, each with its design SE and logit interval, the
/// weighted counts with SEs, and the margins — what R gives as `svytable`, `svytotal(~interaction(a,
/// b))`, `svymean(~interaction(a, b))` with `svyciprop(method = "logit")`, and
/// `svyby(~I(b == x), ~a, svyciprop)` for row (and the transposed call for column) percentages.
///
/// The table's base is the rows with both variables present (R `na.rm = TRUE`); every estimate
/// keeps the whole design. Row percentages are domain proportions within each row level, with the
/// domain's df (R's `degf(subset(d, a == r))`), column percentages likewise within column levels;
/// cell and margin percentages use the design df. The row and column estimates carry their full
/// covariance across domains, which the banner's pairwise column tests use.
public struct CrosstabPercentages: Sendable {
    public let rowLevels: [String]
    public let columnLevels: [String]
    /// Cell shares of the table, rows varying fastest (cell `r + c·rows`), logit intervals.
    public let cell: Estimate
    /// Share of each column level within each row level: element `c + r·columns` (column varies
    /// fastest within a row domain), logit intervals.
    public let row: Estimate
    /// Share of each row level within each column level: element `r + c·rows`, logit intervals.
    public let column: Estimate
    /// Weighted counts of the cells (rows fastest) with SEs (R `svytotal`), and of the margins.
    public let counts: Estimate
    public let rowMarginCounts: Estimate
    public let columnMarginCounts: Estimate
    /// Margin shares of the table (R `svymean(~a)` over the table's base), logit intervals.
    public let rowMargin: Estimate
    public let columnMargin: Estimate
}

extension Design {
    /// The report percentages of `row` × `column` at confidence `level`; see `CrosstabPercentages`.
    public func crosstabPercentages(row: Column, column: Column, level: Double = 0.95) throws -> CrosstabPercentages {
        let (rowCodes, rowLevels, colCodes, colLevels, _) = tableLevels(row: row, column: column)
        let nr = rowLevels.count
        var a = rowCodes, b = colCodes, cellCodes = [Int32](repeating: -1, count: rowCount)
        for i in 0..<rowCount {
            if a[i] < 0 || b[i] < 0 {
                (a[i], b[i]) = (-1, -1)
            } else {
                cellCodes[i] = a[i] + b[i] * Int32(nr)
            }
        }
        var cellLabels: [String] = []
        for c in colLevels { for r in rowLevels { cellLabels.append("\(r) × \(c)") } }
        let rowColumn = Column(name: row.name, values: .categorical(codes: a, levels: rowLevels))
        let colColumn = Column(name: column.name, values: .categorical(codes: b, levels: colLevels))
        let cellColumn = Column(
            name: "\(row.name) × \(column.name)", values: .categorical(codes: cellCodes, levels: cellLabels))
        let options = EstimationOptions(level: level, removeMissing: true, proportionInterval: .logit)
        func indicators(_ codes: [Int32], _ labels: [String], _ name: String) -> [Column] {
            labels.indices.map { k in
                Column(name: "\(name)=\(labels[k])", values: .numeric(codes.map { $0 == Int32(k) ? 1 : 0 }))
            }
        }
        let totals = EstimationOptions(level: level)
        return CrosstabPercentages(
            rowLevels: rowLevels, columnLevels: colLevels,
            cell: try proportions(cellColumn, options: options),
            row: try proportions(colColumn, by: Domains(variable: row.name, codes: a, labels: rowLevels), options: options),
            column: try proportions(rowColumn, by: Domains(variable: column.name, codes: b, labels: colLevels), options: options),
            counts: try self.totals(indicators(cellCodes, cellLabels, cellColumn.name), options: totals),
            rowMarginCounts: try self.totals(indicators(a, rowLevels, row.name), options: totals),
            columnMarginCounts: try self.totals(indicators(b, colLevels, column.name), options: totals),
            rowMargin: try proportions(rowColumn, options: options),
            columnMargin: try proportions(colColumn, options: options))
    }
}
