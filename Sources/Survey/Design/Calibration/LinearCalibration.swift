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
    public let qr: ProjectionQR
    /// Square roots of the design weights.
    public let rootWeights: [Double]

    /// Calibrates `weights` to `totals` with calibration matrix `x` (`names` label its columns).
    public init(
        weights: [Double], x: Matrix, totals: [Double], names: [String]
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
            let d = (0..<p).map { totals[$0] - sampleTotals[$0] }
            let t = try qr.solveNormalEquations(d)
            let xt = try x.multiplied(by: t)
            let g = xt.map { 1 + $0 }
            self.weights = (0..<n).map { weights[$0] * g[$0] }
            self.g = g
            self.qr = qr
            self.rootWeights = root
        } catch {
            throw .singular(
                "\(error); a calibration level may have no sample weight, or two margins carry the same information")
        }
    }
}

/// The calibration matrix of categorical margins, as R's `model.matrix(~v1 + v2 + …)` spans it:
/// an intercept, then indicators of every level but the first present one of each variable (levels
/// with a zero population total that no row has are left out, as R drops them). Returns the matrix, its
/// column names (`(Intercept)`, `variable=level`) and the matching population totals, the first
/// being the common total.
public func calibrationMatrix(
    variables: [CalibrationVariable], targets: [[Double]]
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
    var m = Matrix(rows: n, columns: columns.count)
    for (j, col) in columns.enumerated() {
        for i in 0..<n { m[i, j] = col[i] }
    }
    return (m, names, totals)
}
