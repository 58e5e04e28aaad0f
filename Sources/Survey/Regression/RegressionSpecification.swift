/// Which columns of a `Table` make a regression: the response, linear predictors, polynomial
/// expansions, an optional weight column and whether to add an intercept — what
/// `barometer regress --y --x --poly --weights --no-intercept` says, independent of the CLI.
///
/// Term order: the intercept, then each `predictors` entry; a predictor with a polynomial degree
/// K expands in place to `x, x^2, …, x^K` (a polynomial variable not listed in `predictors` is
/// appended at the end). Rows where the response, a predictor or the weight is missing (NaN) are
/// dropped (listwise deletion, as R's `na.omit`); `design(from:)` reports how many.
public struct RegressionSpecification: Sendable, Equatable {
    public var response: String
    public var predictors: [String]
    /// Polynomial degree per variable (≥ 1).
    public var polynomialDegrees: [String: Int]
    public var intercept: Bool
    public var weights: String?

    public init(
        response: String, predictors: [String], polynomialDegrees: [String: Int] = [:], intercept: Bool = true,
        weights: String? = nil
    ) {
        self.response = response
        self.predictors = predictors
        self.polynomialDegrees = polynomialDegrees
        self.intercept = intercept
        self.weights = weights
    }

    /// Variables in term order (each once), polynomial-only variables last in name order.
    public var variables: [String] {
        var out: [String] = []
        for v in predictors where !out.contains(v) { out.append(v) }
        for v in polynomialDegrees.keys.sorted() where !out.contains(v) { out.append(v) }
        return out
    }

    /// The complete-case data of a table for this specification.
    public struct Design: Sendable {
        /// Response values of the complete rows.
        public let response: [Double]
        /// Design terms (intercept first when requested), over the complete rows.
        public let terms: [DesignTerm]
        /// Weights of the complete rows, if a weight column was given.
        public let weights: [Double]?
        /// 0-based indices into the table of the rows kept.
        public let rows: [Int]
        /// Rows dropped because a used value was missing.
        public var droppedRows: Int
    }

    /// Extracts the complete-case design. Throws `DataError` for an unknown column (suggesting
    /// the nearest name), a categorical column, a negative weight (naming its data row), or a
    /// response/predictor used twice.
    public func design(from table: Table) throws(DataError) -> Design {
        let y = try table.numeric(response)
        var columns: [(String, [Double])] = []
        for v in variables {
            if v == response {
                throw DataError("'\(v)' is both the response and a predictor", file: table.source, column: v)
            }
            columns.append((v, try table.numeric(v)))
        }
        let w = try weights.map { name throws(DataError) in try table.numeric(name) }
        if let w, let name = weights, let i = w.firstIndex(where: { $0 < 0 }) {
            throw DataError("weight \(w[i]) in data row \(i + 1) is negative; weights must be ≥ 0",
                            file: table.source, column: name)
        }
        let keep = (0..<table.rowCount).filter { i in
            !y[i].isNaN && columns.allSatisfy { !$0.1[i].isNaN } && !(w?[i].isNaN ?? false)
        }
        var terms: [DesignTerm] = intercept ? [.intercept] : []
        for (name, values) in columns {
            let kept = keep.map { values[$0] }
            terms += DesignTerm.polynomial(name, kept, degree: polynomialDegrees[name] ?? 1)
        }
        return Design(
            response: keep.map { y[$0] }, terms: terms, weights: w.map { ww in keep.map { ww[$0] } }, rows: keep,
            droppedRows: table.rowCount - keep.count)
    }

    /// The OLS/WLS model of the complete rows.
    public func linearModel(from table: Table) throws(DataError) -> (model: LinearModel, design: Design) {
        let d = try design(from: table)
        return (LinearModel(response: d.response, terms: d.terms, weights: d.weights, responseName: response), d)
    }
}
