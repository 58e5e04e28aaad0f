import SurveyNumerics

/// How a calibration changes Taylor-linearization variances: the influence values (one row per
/// observation, one column per statistic) are replaced by their residuals from the calibration
/// variables before the usual stratified-cluster variance is formed. This is the method of R
/// `survey` 4.x (`svyrecvar`'s handling of `postStrata`), which each conforming type documents.
public protocol CalibrationAdjustment: Sendable {
    /// The influence matrix `x` (n × k, rows in data order) with the calibration's projection removed.
    func residualize(_ x: Matrix) throws(LinearAlgebraError) -> Matrix
}

/// Post-stratification: within each post-stratum, subtract the stratum's estimated mean,
///   `x_i − w_i · Σ_{j∈s} (w⁰_j x_j / w_j) / Σ_{j∈s} w⁰_j`,
/// with `w⁰` the weights before and `w` after post-stratifying (R: the `oldweights`/`weights`
/// attributes). Rows whose old and new weights are both 0 use `w = 1`, as R does.
struct PostStratificationAdjustment: CalibrationAdjustment {
    let cells: [Int32]
    let cellCount: Int
    let weights: [Double]
    let oldWeights: [Double]

    init(cells: [Int32], cellCount: Int, weights: [Double], oldWeights: [Double]) {
        self.cells = cells
        self.cellCount = cellCount
        self.weights = weights
        self.oldWeights = oldWeights
    }

    func residualize(_ x: Matrix) throws(LinearAlgebraError) -> Matrix {
        guard x.rows == cells.count else {
            throw .dimensionMismatch("influence of \(x.rows) rows for a calibration of \(cells.count) rows")
        }
        let n = x.rows
        let w = (0..<n).map { weights[$0] == 0 && oldWeights[$0] == 0 ? 1 : weights[$0] }
        var oldSum = [Double](repeating: 0, count: cellCount)
        for i in 0..<n { oldSum[Int(cells[i])] += oldWeights[i] }
        var out = x
        for j in 0..<x.columns {
            var s = [Double](repeating: 0, count: cellCount)
            for i in 0..<n where w[i] != 0 { s[Int(cells[i])] += x[i, j] * oldWeights[i] / w[i] }
            for c in 0..<cellCount { s[c] = oldSum[c] == 0 ? 0 : s[c] / oldSum[c] }
            for i in 0..<n { out[i, j] -= s[Int(cells[i])] * w[i] }
        }
        return out
    }
}

/// Raking: R `survey` 4.x does not project exactly on the span of all margins; it applies ten
/// sweeps of alternating projections, each subtracting, margin by margin, `w_i` times the plain
/// (unweighted) mean of `x/w` over the row's level, with `w` the weights after that margin's step
/// of the last raking sweep. We do the same ten sweeps so variances match R's.
///
/// The step weights are not stored per row: they are the base weights times a per-cell factor
/// (`stepFactors[k][cell]`), formed on the fly, so the adjustment costs no n × margins memory.
struct RakingAdjustment: CalibrationAdjustment {
    /// Number of alternating-projection sweeps (R: 10).
    static let sweeps = 10
    /// Level of every row, per margin.
    let codes: [[Int32]]
    /// Level count per margin.
    let levelCounts: [Int]
    /// Weights before raking.
    let baseWeights: [Double]
    /// Cross-classification cell of every row.
    let cellOfRow: [Int32]
    /// Per margin, the cumulative factor of each cell after that margin's step of the last sweep.
    let stepFactors: [[Double]]

    init(codes: [[Int32]], levelCounts: [Int], baseWeights: [Double], cellOfRow: [Int32], stepFactors: [[Double]]) {
        self.codes = codes
        self.levelCounts = levelCounts
        self.baseWeights = baseWeights
        self.cellOfRow = cellOfRow
        self.stepFactors = stepFactors
    }

    func residualize(_ x: Matrix) throws(LinearAlgebraError) -> Matrix {
        for c in codes where c.count != x.rows {
            throw .dimensionMismatch("influence of \(x.rows) rows for a calibration of \(c.count) rows")
        }
        let n = x.rows
        var out = x
        let counts: [[Double]] = codes.indices.map { k in
            var m = [Double](repeating: 0, count: levelCounts[k])
            for c in codes[k] { m[Int(c)] += 1 }
            return m
        }
        let stepWeights: [[Double]] = codes.indices.map { k in
            let f = stepFactors[k]
            return (0..<n).map { baseWeights[$0] * f[Int(cellOfRow[$0])] }
        }
        out.storage.withUnsafeMutableBufferPointer { s in
            for j in 0..<x.columns {
                let col = j * n
                for _ in 0..<Self.sweeps {
                    for k in codes.indices {
                        let code = codes[k], w = stepWeights[k]
                        var mean = [Double](repeating: 0, count: levelCounts[k])
                        for i in 0..<n where w[i] != 0 { mean[Int(code[i])] += s[col + i] / w[i] }
                        for l in mean.indices { mean[l] /= counts[k][l] }
                        for i in 0..<n { s[col + i] -= w[i] * mean[Int(code[i])] }
                    }
                }
            }
        }
        return out
    }
}

/// Linear (GREG) calibration: `x_i ← r_i · g_i √w_i` where `r` are the least-squares residuals of
/// `x_i / (g_i √w_i)` on `√w X` (R: `qr.resid(qr, x / w) * w` with `w = g √w`). For a total this
/// gives `w_i g_i e_i` with `e` the design-weighted regression residuals: the GREG variance.
struct LinearCalibrationAdjustment: CalibrationAdjustment {
    let calibration: LinearCalibration

    init(_ calibration: LinearCalibration) {
        self.calibration = calibration
    }

    func residualize(_ x: Matrix) throws(LinearAlgebraError) -> Matrix {
        let n = x.rows
        guard n == calibration.g.count else {
            throw .dimensionMismatch("influence of \(n) rows for a calibration of \(calibration.g.count) rows")
        }
        let scale = (0..<n).map { calibration.g[$0] * calibration.rootWeights[$0] }
        var u = x
        for j in 0..<x.columns {
            for i in 0..<n { u[i, j] = scale[i] == 0 ? 0 : x[i, j] / scale[i] }
        }
        var r = try calibration.qr.residuals(of: u)
        for j in 0..<x.columns {
            for i in 0..<n { r[i, j] *= scale[i] }
        }
        return r
    }
}
