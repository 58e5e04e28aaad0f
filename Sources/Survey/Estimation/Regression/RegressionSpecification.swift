import SurveyData
import SurveyNumerics

/// Which columns of a `Table` make a regression: the response, the model terms (numeric or
/// categorical predictors, interactions, polynomial expansions), an optional weight column and
/// whether to add an intercept — what `barometer regress --y --x --poly --ref --factor --weights
/// --no-intercept` says, independent of the CLI.
///
/// Terms follow R's model formulas (`ModelFormula`): `a*b` is `a + b + a:b`, main effects come
/// first, then interactions. A categorical column (or a numeric one listed in `factors`) enters
/// as treatment contrasts against its first level in sorted order or the level `references`
/// names, with R's column names (`stypeH`, `stypeH:ell`); in a term whose margin is absent from
/// the model (e.g. a factor without an intercept) it gets one indicator per level, as R does.
/// A numeric main effect with a polynomial degree K expands in place to `x, x^2, …, x^K` (a
/// polynomial variable not listed in `predictors` is appended as a main effect). Rows where the
/// response, a predictor or the weight is missing are dropped (listwise deletion, as R's
/// `na.omit`); `design(from:)` reports how many.
public struct RegressionSpecification: Sendable, Equatable {
    public var response: String
    /// Model terms as written (`ell`, `stype*ell`, `stype:meals`).
    public var predictors: [String]
    /// Polynomial degree per variable (≥ 1).
    public var polynomialDegrees: [String: Int]
    public var intercept: Bool
    public var weights: String?
    /// Numeric columns to treat as categorical (e.g. a wave number).
    public var factors: [String]
    /// Reference level per categorical column (default: the first in sorted order).
    public var references: [String: String]

    public init(
        response: String, predictors: [String], polynomialDegrees: [String: Int] = [:], intercept: Bool = true,
        weights: String? = nil, factors: [String] = [], references: [String: String] = [:]
    ) {
        self.response = response
        self.predictors = predictors
        self.polynomialDegrees = polynomialDegrees
        self.intercept = intercept
        self.weights = weights
        self.factors = factors
        self.references = references
    }

    /// The model terms: `predictors`, then polynomial-only variables in name order.
    public func formula() throws(DataError) -> ModelFormula {
        var items = predictors
        let written = try ModelFormula(parsing: predictors).variables
        for v in polynomialDegrees.keys.sorted() where !written.contains(v) { items.append(ModelFormula.quoted(v)) }
        return try ModelFormula(parsing: items)
    }

    /// Variables in first-use order (each once).
    public var variables: [String] { (try? formula().variables) ?? predictors }

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
        /// Per column of `terms`, the model term it belongs to: 0 the intercept, k the k-th of
        /// `termLabels` (R's `assign` attribute).
        public var assign: [Int] = []
        /// R's term labels (`stype`, `ell`, `stype:ell`).
        public var termLabels: [String] = []
        /// How each variable was coded (for predictions at other values).
        public var codings: [String: PredictorCoding] = [:]
    }

    /// Extracts the complete-case design. Throws `DataError` for an unknown column (suggesting
    /// the nearest name), an unknown reference level, a negative weight (naming its data row), or
    /// a response used as a predictor.
    public func design(from table: Table) throws(DataError) -> Design {
        let y = try table.numeric(response)
        let formula = try formula()
        var codings: [String: PredictorCoding] = [:]
        for item in predictors where item.contains(where: { "*:".contains($0) }) && !item.contains("`") {
            let name = String(item.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
            if table.columnNames.contains(name), let missing = try ModelFormula.expand(item).joined().first(where: { !table.columnNames.contains($0) }) {
                throw DataError("no column named '\(missing)': '\(name)' is read as a model term (* and : join variables); "
                                + "to use the column named \(name), write it in backquotes: `\(name)`", file: table.source, column: missing)
            }
        }
        for v in formula.variables {
            if v == response {
                throw DataError("'\(v)' is both the response and a predictor", file: table.source, column: v)
            }
            codings[v] = try PredictorCoding.of(v, in: table, asFactor: factors.contains(v), reference: references[v])
        }
        for name in factors where codings[name] == nil {
            throw DataError("--factor \(name): '\(name)' is not a predictor of the model", file: table.source, column: name)
        }
        for name in references.keys where codings[name] == nil {
            throw DataError("--ref \(name)=…: '\(name)' is not a predictor of the model", file: table.source, column: name)
        }
        let w = try weights.map { name throws(DataError) in try table.numeric(name) }
        if let w, let name = weights, let i = w.firstIndex(where: { $0 < 0 }) {
            throw DataError("weight \(w[i]) in data row \(i + 1) is negative; weights must be ≥ 0",
                            file: table.source, column: name)
        }
        let keep = (0..<table.rowCount).filter { i in
            !y[i].isNaN && codings.values.allSatisfy { !$0.isMissing(i) } && !(w?[i].isNaN ?? false)
        }
        for (v, coding) in codings {
            do { codings[v] = try coding.keepingLevels(in: keep, name: v, reference: references[v]) } catch {
                throw DataError(error.message, file: table.source, column: v)
            }
        }
        let (terms, assign) = try modelMatrix(formula, codings: codings, rows: keep)
        var design = Design(
            response: keep.map { y[$0] }, terms: terms, weights: w.map { ww in keep.map { ww[$0] } }, rows: keep,
            droppedRows: table.rowCount - keep.count)
        design.assign = assign
        design.termLabels = formula.labels
        design.codings = codings
        return design
    }

    /// The model-matrix columns over `rows` (intercept first when requested) and their `assign`.
    /// `codings` may differ from the data's (e.g. a group fixed at one level, for predictions).
    public func modelMatrix(
        _ formula: ModelFormula, codings: [String: PredictorCoding], rows: [Int]
    ) throws(DataError) -> (terms: [DesignTerm], assign: [Int]) {
        var terms: [DesignTerm] = intercept ? [.intercept] : []
        var assign: [Int] = intercept ? [0] : []
        let present = Set(formula.terms.map { Set($0) })
        // Without an intercept R codes the first factor of the first term that has one in full (all
        // its levels) and every other main-effect factor by contrasts (`~0 + f + g`: f full, g
        // treatment); each factor in full made the model rank-deficient.
        let firstFactor: (term: Int, variable: String)? = formula.terms.enumerated().lazy.compactMap { k, term in
            term.first { if case .factor? = codings[$0] { return true } else { return false } }.map { (k, $0) }
        }.first
        for (k, term) in formula.terms.enumerated() {
            let columns = try Self.columns(
                term, codings: codings, rows: rows, degree: polynomialDegrees,
                hasMargin: { v in
                    if !intercept, let first = firstFactor, first.term == k, first.variable == v { return false }
                    return term.count == 1 ? true : present.contains(Set(term).subtracting([v]))
                })
            terms += columns
            assign += Array(repeating: k + 1, count: columns.count)
        }
        return (terms, assign)
    }

    /// The model-matrix columns of one term over `rows`: a numeric main effect as its polynomial
    /// powers; otherwise the products of each variable's columns, the first variable varying
    /// fastest (R's `model.matrix` order and `a:b` names).
    static func columns(
        _ term: [String], codings: [String: PredictorCoding], rows: [Int], degree: [String: Int],
        hasMargin: (String) -> Bool
    ) throws(DataError) -> [DesignTerm] {
        if term.count == 1, case .numeric(let v)? = codings[term[0]] {
            return DesignTerm.polynomial(term[0], rows.map { v[$0] }, degree: degree[term[0]] ?? 1)
        }
        var product: [(name: String, values: [Double])] = [("", [Double](repeating: 1, count: rows.count))]
        for v in term {
            guard let coding = codings[v] else { throw DataError("no coding for '\(v)'") }
            let parts = coding.columns(v, rows: rows, full: !hasMargin(v))
            var next: [(name: String, values: [Double])] = []
            for part in parts {
                for p in product {
                    next.append((p.name.isEmpty ? part.name : p.name + ":" + part.name,
                                 zip(p.values, part.values).map { $0 * $1 }))
                }
            }
            product = next
        }
        return product.map { DesignTerm.variable($0.name, $0.values) }
    }

    /// The OLS/WLS model of the complete rows.
    public func linearModel(from table: Table) throws(DataError) -> (model: LinearModel, design: Design) {
        let d = try design(from: table)
        return (LinearModel(response: d.response, terms: d.terms, weights: d.weights, responseName: response), d)
    }
}
