import SurveyData
import SurveyNumerics

/// Linear (GREG) calibration, as R `survey::calibrate(calfun = "linear")` without bounds.
///
/// With design weights `w`, calibration matrix `X` (n × p) and population totals `T`, the
/// calibrated weights are `w_i g_i` with `g_i = 1 + x_iᵀ t` and `(Xᵀ W X) t = T − Xᵀw`: the
/// weights closest to `w` in the chi-square distance that reproduce `T` exactly. `g` may be
/// negative (unbounded linear calibration); the weights are returned as they are.
///
/// `XᵀWX` is never formed: `√w X = QR` by Householder QR, and `RᵀR t = T − Xᵀw` is solved by two
/// triangular solves. The same QR is kept (`qr`) because the calibration's variance adjustment is
/// a residualisation on `√w X`.
public struct LinearCalibration: Sendable {
    /// Calibrated weights `w g`.
    public let weights: [Double]
    /// The g-weights `g_i = 1 + x_iᵀ t`.
    public let g: [Double]
    /// QR of `√w X`.
    package let qr: ProjectionQR
    /// Square roots of the design weights.
    public let rootWeights: [Double]

    /// Newton iterations (1 for the closed form) and whether the totals were met (`Calibration`).
    public let iterations: Int
    public let converged: Bool
    /// For a Newton fit that stopped short: the column furthest from its total, and where it got.
    let worst: (column: Int, value: Double, achieved: Double)?

    /// Calibrates `weights` to `totals` with calibration matrix `x` (`names` label its columns):
    /// the closed form for unbounded linear calibration, else Newton's method
    /// (`GeneralizedCalibration`) with `options`' distance function and bounds.
    public init(
        weights: [Double], x: Matrix, totals: [Double], names: [String], options: CalibrationOptions = .init()
    ) throws(CalibrationError) {
        try checkWeights(weights)
        let n = weights.count, p = x.columns
        guard x.rows == n, totals.count == p else {
            throw .unsupported("linear calibration: \(x.rows)×\(p) matrix for \(n) weights and \(totals.count) totals")
        }
        let root = weights.map { $0.squareRoot() }
        var scaled = x
        var sampleTotals = [Double](repeating: 0, count: p)
        for j in 0..<p {
            for i in 0..<n {
                sampleTotals[j] += weights[i] * x[i, j]
                scaled[i, j] = root[i] * x[i, j]
            }
        }
        do {
            let qr = try ProjectionQR(scaled, names: names)
            self.qr = qr
            self.rootWeights = root
        } catch {
            throw .singular(
                "\(error); a calibration level may have no sample weight, or two margins carry the same information")
        }
        if !options.isClosedFormLinear {
            let fit = try GeneralizedCalibration(weights: weights, x: x, totals: totals, names: names, options: options)
            self.g = fit.g
            self.weights = (0..<n).map { weights[$0] * fit.g[$0] }
            self.iterations = fit.iterations
            self.converged = fit.converged
            self.worst = fit.worstMisfit
            return
        }
        do {
            let d = (0..<p).map { totals[$0] - sampleTotals[$0] }
            let t = try qr.solveNormalEquations(d)
            let xt = try x.multiplied(by: t)
            let g = xt.map { 1 + $0 }
            self.weights = (0..<n).map { weights[$0] * g[$0] }
            self.g = g
            self.iterations = 1
            self.converged = true
            self.worst = nil
        } catch {
            throw .singular(
                "\(error); a calibration level may have no sample weight, or two margins carry the same information")
        }
    }
}

/// The calibration matrix of categorical margins, as R's `model.matrix(~v1 + v2 + … + z1 + …)` spans
/// it: an intercept, then indicators of every level but the first present one of each variable
/// (levels with a zero population total that no row has are left out, as R drops them), then the
/// numeric auxiliaries `numeric` as they are. Returns the matrix, its column names (`(Intercept)`,
/// `variable=level`, numeric column names) and the matching population totals, the first being the
/// common total.
func calibrationMatrix(
    variables: [CalibrationVariable], targets: [[Double]], numeric: [NumericAuxiliary] = []
) -> (x: Matrix, names: [String], totals: [Double]) {
    let n = variables.first?.codes.count ?? 0
    var columns: [[Double]] = [[Double](repeating: 1, count: n)]
    var names = ["(Intercept)"]
    var totals = [targets.first?.reduce(0, +) ?? 0]
    for (k, v) in variables.enumerated() {
        var present = [Bool](repeating: false, count: v.levels.count)
        for c in v.codes { present[Int(c)] = true }
        let reference = present.firstIndex(of: true) ?? 0
        for l in 0..<v.levels.count where l != reference && (present[l] || targets[k][l] != 0) {
            columns.append(v.codes.map { Int($0) == l ? 1 : 0 })
            names.append("\(v.name)=\(v.levels[l])")
            totals.append(targets[k][l])
        }
    }
    for a in numeric {
        columns.append(a.values)
        names.append(a.name)
        totals.append(a.total)
    }
    var m = Matrix(rows: n, columns: columns.count)
    for (j, col) in columns.enumerated() {
        for i in 0..<n { m[i, j] = col[i] }
    }
    return (m, names, totals)
}

/// A numeric calibration variable: its values (one per row) and its population total (R: a
/// numeric term of `calibrate`'s formula with its total in `population`).
public struct NumericAuxiliary: Sendable, Equatable {
    public let name: String
    public let values: [Double]
    public let total: Double

    /// The column `name` of `table`, which must be numeric and present in every row.
    public init(table: Table, name: String, total: Double) throws(CalibrationError) {
        let column: Column
        do { column = try table.column(named: name) } catch {
            throw .badMarginsFile(file: nil, line: nil, message: "numeric total: \(error.message)")
        }
        guard case .numeric(let v) = column.values else {
            throw .unsupported(
                "'\(name)' has a numeric total (empty level) in the margins but is a categorical column; "
                    + "give one total per level instead")
        }
        if let i = v.firstIndex(where: { !$0.isFinite }) { throw .missingValue(variable: name, row: i + 1) }
        self.name = name
        self.values = v
        self.total = total
    }
}
