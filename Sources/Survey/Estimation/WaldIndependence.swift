import SurveyNumerics

/// Design-based Wald tests of independence in a two-way table, as R `svychisq(statistic = "Wald"
/// | "adjWald")` (Koch, Freeman & Freeman 1975; Thomas & Rao 1987).
///
/// With estimated cell totals `T_ij`, margins `T_i·`, `T_·j` and `N̂ = Σ T`, the interaction
/// residuals `Y_ij = T_ij − T_i· T_·j / N̂` for rows and columns 2… are tested with
/// `W = Yᵀ V⁻¹ Y`, `V = J Σ Jᵀ` the delta-method covariance from the covariance `Σ` of the cell
/// totals (`∂Y_ij/∂T_kl = δ_ik δ_jl − δ_ik T_·j/N̂ − δ_jl T_i·/N̂ + T_i· T_·j/N̂²`). With
/// `k = (r−1)(c−1)` and design df ν: `Wald`: F = W/k on (k, ν); `adjWald`: F = W(ν − k + 1)/(kν)
/// on (k, ν − k + 1). R forms J over the cells, margins and N̂ separately; the margins are sums of
/// cells, so this is the same derivative.
public struct WaldIndependence: Sendable, Equatable {
    public let wald: Double
    public let f: Double
    public let numeratorDF: Double
    public let denominatorDF: Double
    public let pValue: Double
    /// True for the adjusted test.
    public let adjusted: Bool

    /// Both tests from cell totals `t` (rows fastest) and their covariance.
    public static func tests(
        totals t: [Double], covariance sigma: Matrix, rows nr: Int, columns nc: Int, designDF nu: Double
    ) throws -> (wald: WaldIndependence, adjusted: WaldIndependence) {
        let cells = nr * nc
        guard t.count == cells, sigma.rows == cells, sigma.columns == cells, nr >= 2, nc >= 2 else {
            throw RaoScottError.numerics("\(t.count) totals for a \(nr)×\(nc) table")
        }
        var rowT = [Double](repeating: 0, count: nr), colT = [Double](repeating: 0, count: nc)
        for j in 0..<nc { for i in 0..<nr { rowT[i] += t[i + j * nr]; colT[j] += t[i + j * nr] } }
        let n = rowT.reduce(0, +)
        let k = (nr - 1) * (nc - 1)
        var y = [Double](repeating: 0, count: k)
        var jac = Matrix(rows: k, columns: cells)
        for j in 1..<nc {
            for i in 1..<nr {
                let u = (i - 1) + (j - 1) * (nr - 1)
                y[u] = t[i + j * nr] - rowT[i] * colT[j] / n
                for l in 0..<nc {
                    for m in 0..<nr {
                        var d = (m == i && l == j ? 1.0 : 0) + rowT[i] * colT[j] / (n * n)
                        if m == i { d -= colT[j] / n }
                        if l == j { d -= rowT[i] / n }
                        jac[u, m + l * nr] = d
                    }
                }
            }
        }
        let v = try jac.multiplied(by: try sigma.multiplied(by: jac, transposeOther: true))
        let w = zip(y, try v.solvePositiveDefinite(try Matrix(columns: [y])).column(0)).reduce(0) { $0 + $1.0 * $1.1 }
        let kd = Double(k)
        let plain = WaldIndependence(
            wald: w, f: w / kd, numeratorDF: kd, denominatorDF: nu,
            pValue: FDistribution(numeratorDF: kd, denominatorDF: nu).survival(w / kd), adjusted: false)
        let ddf = nu - kd + 1
        let fa = w * ddf / (kd * nu)
        let adjusted = WaldIndependence(
            wald: w, f: fa, numeratorDF: kd, denominatorDF: ddf,
            pValue: ddf > 0 ? FDistribution(numeratorDF: kd, denominatorDF: ddf).survival(fa) : .nan, adjusted: true)
        return (plain, adjusted)
    }
}
