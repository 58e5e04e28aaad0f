#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyNumerics

/// The saddlepoint p-value of Pearson's X² in a survey table — R `svychisq(statistic =
/// "saddlepoint")`: under independence X² is asymptotically Σ δᵢ χ²₁ with δᵢ the generalised
/// design effects (eigenvalues of Δ), and the tail is read from that mixture by the
/// Lugannani–Rice saddlepoint formula (Kuonen 1999) rather than matched to one χ² or F.
/// - Linearization designs (R `pFsum`): the mixture is divided by χ²_ν'/ν' with ν' = d·ν, the
///   second-order test's denominator df, so P(X² > x) = P(Σ δᵢ χ²₁ − (x/ν') χ²₁ × ⌊ν'⌋ > 0) — R
///   repeats the last term `rep(…, ν')` times, which truncates ν' to an integer.
/// - Replicate designs (R `pchisqsum`): P(Σ δᵢ χ²₁ > x).
/// Where the saddlepoint is within 1e-4 of 0 (R's `saddle` returns NA) the Satterthwaite
/// approximation is used, as R: F (or χ²) on (Σδ)²/Σδ² df of X²/Σδ.
enum SaddlepointTail {
    /// P(X² > x) for design effects `effects`, with the F denominator df (nil: χ² mixture).
    static func pValue(_ x: Double, effects: [Double], denominatorDF: Double?) -> Double {
        let sum = effects.reduce(0, +), sumSquares = effects.reduce(0) { $0 + $1 * $1 }
        let df = sum * sum / sumSquares
        var lambdas = effects, point = x
        if let ddf = denominatorDF, ddf.isFinite {
            let copies = Int(ddf.rounded(.towardZero))
            lambdas += [Double](repeating: -x / ddf, count: copies)
            point = 0
            if let s = upperTail(point, lambdas: lambdas) { return s }
            return FDistribution(numeratorDF: df, denominatorDF: ddf).survival(x / sum)
        }
        if let s = upperTail(point, lambdas: lambdas) { return s }
        return ChiSquared(df: df).survival(x * df / sum)
    }

    /// Lugannani–Rice: P(Σ λᵢ χ²₁ > x) = Φ̄(w + log(v/w)/w), w = sign(ζ̂)·√(2(ζ̂x − K(ζ̂))),
    /// v = ζ̂·√K″(ζ̂), with K the cumulant generating function, K(ζ) = −½ Σ log(1 − 2ζλᵢ), and
    /// ζ̂ the root of K′(ζ) = x — found, as R's `saddle`, by Brent's method (tolerance 1e-8) on the
    /// λ scaled by their maximum, between R's ends. nil where |ζ̂| < 1e-4 or the root is not
    /// bracketed (R: NA, or `uniroot`'s error).
    static func upperTail(_ x0: Double, lambdas l0: [Double]) -> Double? {
        guard let top = l0.max(), top > 0 else { return nil }
        let lambdas = l0.map { $0 / top }, x = x0 / top
        func k(_ z: Double) -> Double { -0.5 * extendedSum(lambdas.map { log(1 - 2 * z * $0) }) }
        func k1(_ z: Double) -> Double { extendedSum(lambdas.map { $0 / (1 - 2 * z * $0) }) }
        func k2(_ z: Double) -> Double { 2 * extendedSum(lambdas.map { $0 * $0 / ((1 - 2 * z * $0) * (1 - 2 * z * $0)) }) }
        let negative = lambdas.filter { $0 < 0 }, positive = lambdas.filter { $0 > 0 }
        let lower: Double
        if let m = negative.map({ 1 / (2 * $0) }).max() {
            lower = m * 0.99999
        } else if x > extendedSum(lambdas) {
            lower = -0.01
        } else {
            lower = -Double(lambdas.count) / (2 * x)
        }
        guard let upperEnd = positive.map({ 1 / (2 * $0) }).min() else { return nil }
        let upper = upperEnd * 0.99999
        let (fl, fu) = (k1(lower) - x, k1(upper) - x)
        guard lower < upper, !fl.isNaN, !fu.isNaN, (fl < 0) != (fu < 0) || fl == 0 || fu == 0,
              let zeta = brentRoot(lower: lower, upper: upper, fLower: fl, fUpper: fu, tolerance: 1e-8, { k1($0) - x }),
              abs(zeta) >= 1e-4 else { return nil }
        let w = (zeta < 0 ? -1.0 : 1.0) * (2 * (zeta * x - k(zeta))).squareRoot()
        let v = zeta * k2(zeta).squareRoot()
        return Normal().survival(w + log(v / w) / w)
    }

    /// A sum accumulated in extended precision, as R's `sum` (long double on x86-64).
    static func extendedSum(_ values: [Double]) -> Double {
        #if arch(x86_64)
        var s: Float80 = 0
        for v in values { s += Float80(v) }
        return Double(s)
        #else
        return values.reduce(0, +)
        #endif
    }

    /// The eigenvalues of Δ = (AᵀA)⁻¹N (the generalised design effects), as those of the symmetric
    /// HᵀNH with AᵀA = QΛQᵀ and H = QΛ^(−1/2), by LAPACK `dsyev`; descending, as R's `eigen`.
    static func designEffects(a: Matrix, numerator: Matrix) throws -> [Double] {
        let gram = try a.multiplied(by: a, transposeSelf: true)
        let (values, vectors) = try LAPACK.dsyev(gram)
        var h = vectors
        for j in 0..<h.columns {
            guard values[j] > 0 else { throw LinearAlgebraError.singular("the Rao–Scott denominator is singular") }
            let s = 1 / values[j].squareRoot()
            for i in 0..<h.rows { h[i, j] *= s }
        }
        let s = try h.multiplied(by: try numerator.multiplied(by: h), transposeSelf: true)
        return try LAPACK.dsyev(s).values.sorted(by: >)
    }
}
