import SurveyNumerics

/// Rao–Scott tests of independence in a two-way table estimated from a complex survey, as R
/// `survey::svychisq` (4.x) computes them.
///
/// Inputs are the estimated cell proportions `p` (of the whole table; rows vary fastest, as R's
/// `interaction(row, col)`), their design covariance `V`, the sample size `N` used to scale the
/// table (R: the number of rows of the data) and the design degrees of freedom `ν`.
///
/// - Pearson's `X² = N Σ (p_ij − p_i· p_·j)² / (p_i· p_·j)` (R: `chisq.test` of the table rescaled
///   to total N).
/// - The generalised design effects are the eigenvalues of `Δ = (CᵀD⁻¹C/N)⁻¹ (CᵀD⁻¹VD⁻¹C)`,
///   `D = diag(p)`, with `C` the interaction contrasts residualised on the main effects
///   (`qr.resid(qr(X1), X12[, interactions])`). Only `tr Δ` and `tr Δ²` are needed.
/// - Second order (`statistic = "F"`): `F = X² / tr Δ` on `d = (tr Δ)² / tr Δ²` and `d·ν` degrees of
///   freedom.
/// - First order (`statistic = "Chisq"`): `X² / mean(diag Δ)` against χ² with `(r−1)(c−1)` df.
///   R prints the unadjusted `X²` as the statistic and uses the adjusted one for the p-value; we
///   report the adjusted statistic (so statistic, df and p agree) and keep `pearson` = `X²`.
/// - Saddlepoint (`statistic = "saddlepoint"`): `X²` against the mixture Σ δᵢ χ²₁ of the
///   eigenvalues δ of Δ (over χ²_{dν}/dν on linearization designs), `SaddlepointTail`.
public struct RaoScottResult: Sendable, Equatable {
    /// Pearson's X² of the table rescaled to N.
    public let pearson: Double
    /// Second-order corrected F statistic, its (non-integer) degrees of freedom and p-value.
    public let f: Double
    public let numeratorDF: Double
    public let denominatorDF: Double
    public let fPValue: Double
    /// First-order corrected chi-square statistic, its df and p-value.
    public let chisq: Double
    public let chisqDF: Double
    public let chisqPValue: Double
    /// tr Δ and tr Δ² (the mean generalised design effect is `traceDelta / chisqDF`).
    public let traceDelta: Double
    public let traceDeltaSquared: Double
    /// The generalised design effects (eigenvalues of Δ, descending) and the saddlepoint p-value
    /// of `pearson` against their χ² mixture.
    public let designEffects: [Double]
    public let saddlepointPValue: Double
}

/// Why a Rao–Scott test cannot be computed.
public enum RaoScottError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A row or column of the table has zero estimated weight (its expected counts are 0).
    case emptyMargin(String)
    /// The table has fewer than two rows or columns.
    case tooSmall(rows: Int, columns: Int)
    case numerics(String)

    public var description: String {
        switch self {
        case .emptyMargin(let what): return "cannot test independence: \(what) has zero weight in the table"
        case .tooSmall(let r, let c):
            return "cannot test independence in a \(r)×\(c) table: need at least two levels of each variable"
        case .numerics(let s): return "Rao–Scott test failed: \(s)"
        }
    }
}

/// Computes the Rao–Scott tests; see `RaoScottResult`. `rowLabels`/`columnLabels` name margins in
/// errors; `linearization` picks R's saddlepoint reference (F mixture with ν, or χ² mixture for
/// replicate designs).
public func raoScott(
    proportions p: [Double], covariance v: Matrix, rows nr: Int, columns nc: Int, sampleSize n: Double,
    designDF nu: Double, rowLabels: [String]? = nil, columnLabels: [String]? = nil, linearization: Bool = true
) throws(RaoScottError) -> RaoScottResult {
    guard nr >= 2, nc >= 2 else { throw .tooSmall(rows: nr, columns: nc) }
    let cells = nr * nc
    guard p.count == cells, v.rows == cells, v.columns == cells else {
        throw .numerics("\(p.count) proportions and a \(v.rows)×\(v.columns) covariance for a \(nr)×\(nc) table")
    }
    var rowSum = [Double](repeating: 0, count: nr), colSum = [Double](repeating: 0, count: nc)
    for j in 0..<nc {
        for i in 0..<nr {
            rowSum[i] += p[i + j * nr]
            colSum[j] += p[i + j * nr]
        }
    }
    if let i = rowSum.firstIndex(where: { $0 <= 0 }) { throw .emptyMargin("row level '\(rowLabels?[i] ?? String(i + 1))'") }
    if let j = colSum.firstIndex(where: { $0 <= 0 }) { throw .emptyMargin("column level '\(columnLabels?[j] ?? String(j + 1))'") }
    let total = rowSum.reduce(0, +)
    var pearson = 0.0
    for j in 0..<nc {
        for i in 0..<nr {
            let e = rowSum[i] * colSum[j] / total
            let o = p[i + j * nr]
            pearson += (o - e) * (o - e) / e
        }
    }
    pearson *= n / total
    do {
        // Main effects X1 (intercept, rows 2…, cols 2…) and interactions; C = resid(interactions | X1).
        let k1 = 1 + (nr - 1) + (nc - 1), k = (nr - 1) * (nc - 1)
        var x1 = Matrix(rows: cells, columns: k1)
        var inter = Matrix(rows: cells, columns: k)
        for j in 0..<nc {
            for i in 0..<nr {
                let cell = i + j * nr
                x1[cell, 0] = 1
                if i > 0 { x1[cell, i] = 1 }
                if j > 0 { x1[cell, nr - 1 + j] = 1 }
                if i > 0 && j > 0 { inter[cell, (i - 1) + (j - 1) * (nr - 1)] = 1 }
            }
        }
        let c = try ProjectionQR(x1).residuals(of: inter)
        // A = sqrt(D⁻¹/N) C so that AᵀA = CᵀD⁻¹C/N; B = D⁻¹C; numr = Bᵀ V B.
        var a = c, b = c
        for col in 0..<k {
            for cell in 0..<cells {
                let inv = p[cell] == 0 ? 0 : 1 / p[cell]
                a[cell, col] = c[cell, col] * (inv / n).squareRoot()
                b[cell, col] = c[cell, col] * inv
            }
        }
        let numr = try b.multiplied(by: try v.multiplied(by: b), transposeSelf: true)
        let qr = try ProjectionQR(a)
        var delta = Matrix(rows: k, columns: k)
        for col in 0..<k {
            let s = try qr.solveNormalEquations(numr.column(col))
            for r in 0..<k { delta[r, col] = s[r] }
        }
        var tr = 0.0, tr2 = 0.0
        for i in 0..<k {
            tr += delta[i, i]
            for j in 0..<k { tr2 += delta[i, j] * delta[j, i] }
        }
        let d0 = tr * tr / tr2
        let f = pearson / tr
        let chisq = pearson / (tr / Double(k))
        let effects = try SaddlepointTail.designEffects(a: a, numerator: numr)
        return RaoScottResult(
            pearson: pearson, f: f, numeratorDF: d0, denominatorDF: d0 * nu,
            fPValue: FDistribution(numeratorDF: d0, denominatorDF: d0 * nu).survival(f),
            chisq: chisq, chisqDF: Double(k), chisqPValue: ChiSquared(df: Double(k)).survival(chisq),
            traceDelta: tr, traceDeltaSquared: tr2, designEffects: effects,
            saddlepointPValue: SaddlepointTail.pValue(pearson, effects: effects, denominatorDF: linearization ? d0 * nu : nil))
    } catch {
        throw .numerics("\(error)")
    }
}
