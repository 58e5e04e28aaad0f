#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText
import SurveyNumerics

/// A Wald test that a set of coefficients is zero, with the design df — R `survey::regTermTest`
/// with `method = "Wald"`: W = β̂ₛᵀ V̂ₛ⁻¹ β̂ₛ over the coefficients of the terms tested, F = W/p on
/// (p, ddf) degrees of freedom where ddf is the model's residual df (design df + 1 − coefficients
/// for `svyglm`, design df − slopes for `svyolr`).
public struct WaldTermTest: Sendable, Equatable {
    /// The terms tested, R-style (`stype + stype:ell`).
    public let terms: String
    /// Numerator df: the number of coefficients tested.
    public let df: Int
    /// Denominator df.
    public let ddf: Int
    /// W / df.
    public let f: Double
    public let pValue: Double

    /// Tests the coefficients at `indices` of `coefficients` with covariance `covariance`.
    public init(terms: String, coefficients: [Double], covariance: Matrix, indices: [Int], ddf: Int)
        throws(LinearAlgebraError)
    {
        var v = Matrix(rows: indices.count, columns: indices.count)
        for (a, i) in indices.enumerated() { for (b, j) in indices.enumerated() { v[a, b] = covariance[i, j] } }
        let beta = indices.map { coefficients[$0] }
        let solved = try Cholesky(v).solve(beta)
        let w = zip(beta, solved).reduce(0) { $0 + $1.0 * $1.1 }
        self.terms = terms
        df = indices.count
        self.ddf = ddf
        f = w / Double(indices.count)
        pValue = ddf > 0 ? FDistribution(numeratorDF: Double(df), denominatorDF: Double(ddf)).survival(f) : .nan
    }
}

/// A fitted model whose coefficients can be tested term by term (R's `assign` bookkeeping).
public protocol TermTestable {
    /// Coefficients, the tested ones among them.
    var coefficients: [Double] { get }
    var covariance: Matrix { get }
    /// Per coefficient its term: 0 intercept/thresholds (never tested), k the k-th of `termLabels`.
    var assign: [Int] { get }
    var termLabels: [String] { get }
    /// The denominator df of the tests.
    var dfResidual: Int { get }
}

extension TermTestable {
    /// The Wald test of the terms named (labels as R prints them; `ell:stype` matches `stype:ell`).
    /// Throws `DesignError.impossible` naming an unknown term and the model's terms.
    public func waldTest(_ terms: [String]) throws -> WaldTermTest {
        func canonical(_ label: String) -> String {
            label.split(separator: ":").map { $0.whitespacesTrimmed() }.sorted().joined(separator: ":")
        }
        let known = termLabels.map(canonical)
        var wanted: Set<Int> = []
        for t in terms {
            guard let k = known.firstIndex(of: canonical(t)) else {
                throw DesignError.impossible(
                    "no term '\(t)' in the model (terms: \(termLabels.joined(separator: ", ")))")
            }
            wanted.insert(k + 1)
        }
        let indices = assign.indices.filter { wanted.contains(assign[$0]) }
        return try WaldTermTest(
            terms: terms.joined(separator: " + "), coefficients: coefficients, covariance: covariance, indices: indices,
            ddf: dfResidual)
    }

    /// The analysis-of-terms table: one Wald test per term of the model (each term alone).
    public func termTests() throws -> [WaldTermTest] {
        try termLabels.map { try waldTest([$0]) }
    }
}
