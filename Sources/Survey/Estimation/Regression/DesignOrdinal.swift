#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyData
import SurveyNumerics

/// A design-based proportional-odds (ordinal logit) model, as R `survey::svyolr`: P(Y ≤ k) =
/// logistic(ζₖ − xᵀβ), the thresholds ζ in place of an intercept; estimates by weighted maximum
/// likelihood (`ProportionalOddsModel`, converged to rounding level); covariance the sandwich
/// H⁻¹ B H⁻¹ (influence rows = scores · H⁻¹, H the exact Hessian) on linearization designs, or
/// the replicate variance of refits on replicate designs (`Design.modelCovariance`).
/// df = design df − number of slopes (R's `svyolr` `df.residual`).
public struct DesignOrdinalFit: Sendable, TermTestable {
    /// Slope names (`stypeH`, …) then threshold names `low|next` (R's `1|2`).
    public let termNames: [String]
    /// β then ζ.
    public let coefficients: [Double]
    public let covariance: Matrix
    /// Number of slopes β.
    public let slopeCount: Int
    /// The ordered response categories, lowest first.
    public let levels: [String]
    public let assign: [Int]
    public let termLabels: [String]
    public let dfResidual: Int
    public let observations: Int
    public let droppedRows: Int
    public let iterations: Int
    /// Replicates the model could not be refitted in, left out (as `DesignGLMFit`).
    public var droppedReplicates: [Int] = []

    public var standardErrors: [Double] { covariance.diagonal.map { $0.squareRoot() } }
}

/// The complete-case data of an ordinal model: the response as category indices, the model
/// matrix without its intercept, and the weights of the rows used.
struct PreparedOrdinal {
    let data: RegressionSpecification.Design
    let specification: RegressionSpecification
    let levels: [String]
    let x: Matrix
    let weights: [Double]

    /// `responseLevels`: the order of a text response's categories (others become missing);
    /// default the sorted categories (numbers numerically, text in code-point order).
    init(_ specification: RegressionSpecification, table: Table, weights all: [Double], responseLevels: [String]?) throws {
        var spec = specification
        spec.weights = nil
        spec.intercept = true   // contrasts as with an intercept (R builds it, then drops the column)
        let column = try table.column(named: spec.response)
        let coding = try PredictorCoding.of(spec.response, in: table, asFactor: true, reference: nil)
        guard case .factor(let codes, let sorted) = coding else { throw DataError("response is not categorical") }
        var order = sorted
        if let responseLevels {
            for level in responseLevels where !sorted.contains(level) {
                throw DataError("--levels: '\(level)' is not a value of '\(spec.response)' (values: \(sorted.joined(separator: ", ")))",
                                file: table.source, column: spec.response)
            }
            order = responseLevels
        }
        let index = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, Double($0)) })
        let recoded = codes.map { $0 < 0 ? Double.nan : index[sorted[$0]] ?? .nan }
        guard order.count >= 3 else {
            throw DataError("an ordinal model needs a response with at least 3 ordered categories; '\(spec.response)' has \(order.count)",
                            file: table.source, column: spec.response)
        }
        var copy = table
        try copy.setColumn(Column(name: spec.response, values: .numeric(recoded), label: column.label))
        data = try spec.design(from: copy)
        self.specification = spec
        levels = order
        let slopes = data.terms.filter { !$0.isIntercept }
        var matrix = Matrix(rows: data.rows.count, columns: slopes.count)
        for (j, term) in slopes.enumerated() { for i in 0..<data.rows.count { matrix[i, j] = term.value(i) } }
        x = matrix
        let w = data.rows.map { all[$0] }
        let mean = w.reduce(0, +) / Double(max(1, w.count))
        guard mean > 0 else { throw DesignError.impossible("the rows used in the model all have zero weight") }
        weights = w.map { $0 / mean }
        for k in 0..<levels.count where !data.response.contains(Double(k)) {
            throw DataError("category '\(levels[k])' of '\(spec.response)' has no observations in the rows used",
                            file: table.source, column: spec.response)
        }
    }

    func model(weights w: [Double]) -> ProportionalOddsModel {
        ProportionalOddsModel(categories: data.response.map { Int($0) }, levelCount: levels.count, x: x, weights: w)
    }
}

/// Fits an ordinal logit on `table` (whose rows are the design's rows) under `design`.
public func fitDesignOrdinal(
    _ specification: RegressionSpecification, table: Table, design: any Design, responseLevels: [String]? = nil
) throws -> DesignOrdinalFit {
    let prepared = try PreparedOrdinal(specification, table: table, weights: design.weights, responseLevels: responseLevels)
    let fit = try prepared.model(weights: prepared.weights).fit()
    let p = prepared.x.columns
    let (covariance, df, droppedReplicates) = try design.modelCovariance(
        rows: prepared.data.rows, estimate: fit.parameters,
        influence: { try fit.scores.multiplied(by: Cholesky(fit.hessian).inverse()) },
        refit: { w in
            let mean = w.reduce(0, +) / Double(max(1, w.count))
            return try prepared.model(weights: w.map { $0 / mean }).fit(initial: fit.parameters).parameters
        })
    let names = prepared.data.terms.filter { !$0.isIntercept }.map(\.name)
        + (1..<prepared.levels.count).map { "\(prepared.levels[$0 - 1])|\(prepared.levels[$0])" }
    var result = DesignOrdinalFit(
        termNames: names, coefficients: fit.parameters, covariance: covariance, slopeCount: p, levels: prepared.levels,
        assign: Array(prepared.data.assign.dropFirst()) + Array(repeating: 0, count: prepared.levels.count - 1),
        termLabels: prepared.data.termLabels, dfResidual: df - p, observations: prepared.data.rows.count,
        droppedRows: prepared.data.droppedRows, iterations: fit.iterations)
    result.droppedReplicates = droppedReplicates
    return result
}
