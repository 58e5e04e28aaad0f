/// Failures of the numerics layer. Every LAPACK `info` is checked and mapped to one of these.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Shapes that cannot be combined.
    case dimensionMismatch(String)
    /// A dimension that does not fit LAPACK's 32-bit integers.
    case tooLarge(Int)
    /// The design matrix does not have full column rank; names the columns that are (near) linear
    /// combinations of the others.
    case rankDeficient(columns: [String])
    /// A matrix that should be positive definite is not (Cholesky failed at this leading minor).
    case notPositiveDefinite(minor: Int)
    /// A triangular or square matrix is exactly singular.
    case singular(String)
    /// Fewer observations than parameters.
    case tooFewObservations(observations: Int, parameters: Int)
    /// An iterative method did not converge.
    case notConverged(String)
    /// A LAPACK routine reported an illegal argument or internal failure.
    case lapack(routine: String, info: Int32)
    /// Input a model cannot use: NaN/Inf values, negative weights, a response outside the family's
    /// range. The message names the variable and the (1-based) observation.
    case invalidData(String)

    public var description: String {
        switch self {
        case .dimensionMismatch(let s): return "dimension mismatch: \(s)"
        case .tooLarge(let n): return "dimension \(n) exceeds LAPACK's 32-bit limit"
        case .rankDeficient(let cols):
            return "the predictors are collinear or constant: \(cols.joined(separator: ", ")) "
                + "\(cols.count == 1 ? "is" : "are") a linear combination of the other columns"
        case .notPositiveDefinite(let k): return "matrix is not positive definite (leading minor \(k))"
        case .singular(let s): return "singular matrix: \(s)"
        case .tooFewObservations(let n, let p):
            return "\(n) usable observation\(n == 1 ? "" : "s") for \(p) parameters: need at least \(p + 1)"
        case .notConverged(let s): return "did not converge: \(s)"
        case .lapack(let routine, let info): return "LAPACK \(routine) failed (info = \(info))"
        case .invalidData(let s): return s
        }
    }
}
