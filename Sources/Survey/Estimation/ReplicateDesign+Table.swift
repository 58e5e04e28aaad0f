import SurveyData

extension ReplicateDesign {
    /// A replicate design whose replicate weights are the numeric columns `names` of `table`,
    /// moved out of it as they are (no copy: peak memory stays at one copy of the weights); the
    /// other columns stay in `table`. The full-sample weights are the column `weights`.
    package init(
        movingColumns names: [String], from table: inout Table, weights: String, type: ReplicateType,
        scale: Double? = nil, rscales: [Double]? = nil, fayRho: Double? = nil, mse: Bool = false, deferChecks: Bool = false
    ) throws {
        let source = table.source
        guard names.count >= 2 else {
            throw DataError("\(names.count) replicate-weight column(s); replicate designs need at least 2", file: source)
        }
        let w = try table.numeric(weights)
        // The weight column by its name, as the Taylor and streamed designs give it (the
        // initializer at the end, which has only the numbers, would say "weights").
        if let i = Self.firstInvalidWeight(w) {
            throw DesignError.invalidWeight(variable: weights, row: i, value: w[i], reason: w[i].isNaN ? "missing" : "negative or infinite")
        }
        let rows = table.rowCount
        for name in names {
            guard case .numeric = try table.column(named: name).values else {
                throw DataError("replicate-weight column '\(name)' is not numeric", file: source, column: name)
            }
        }
        var columns = table.columns
        table = try Table(columns: [], source: source)   // drop the table's references to the arrays
        let selected = Set(names)
        var replicateColumns: [[Double]] = []
        replicateColumns.reserveCapacity(names.count)
        for j in columns.indices where selected.contains(columns[j].name) {
            if case .numeric(let v) = columns[j].values { replicateColumns.append(v) }
            columns[j].values = .numeric([])
        }
        table = try Table(columns: columns.filter { !selected.contains($0.name) }, source: source)
        try self.init(
            weights: w, replicates: try ReplicateWeights(rows: rows, columns: replicateColumns), type: type, scale: scale,
            rscales: rscales, fayRho: fayRho, mse: mse, deferChecks: deferChecks)
    }

    /// Replicate scales read from `text`: numbers separated by commas, spaces or line breaks
    /// (the contents of an `--rscales` file or the list itself), a header word first allowed.
    package static func parseRScales(_ text: String) throws -> [Double] {
        let fields = text.split(whereSeparator: { $0 == "," || $0.isNewline || $0 == " " }).map(String.init)
        var values: [Double] = []
        for (i, f) in fields.enumerated() {
            guard let v = Double(f), v.isFinite, v >= 0 else {
                if i == 0 && Double(f) == nil && fields.count > 1 { continue }   // a header line
                throw DataError("--rscales value \(i + 1) '\(f)' is not a non-negative number")
            }
            values.append(v)
        }
        return values
    }
}
