#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// The Cholesky factorization A = UᵀU of a symmetric positive-definite matrix (LAPACK `dpotrf`),
/// with solves (`dpotrs`) and the inverse (`dpotri`).
///
/// Only the upper triangle of the input is read. A matrix that is not numerically positive
/// definite throws `.notPositiveDefinite(minor:)` with the 1-based order of the first leading
/// minor that failed — the caller can name the variable that made it so.
public struct Cholesky: Sendable {
    /// U in the upper triangle; the strict lower triangle is zero.
    public let upper: Matrix

    /// Factors the symmetric positive-definite matrix `a`.
    public init(_ a: Matrix) throws(LinearAlgebraError) {
        var u = a
        try LAPACK.dpotrf(&u)
        for j in 0..<u.columns { for i in (j + 1)..<max(j + 1, u.rows) { u[i, j] = 0 } }
        upper = u
    }

    /// Order of the matrix.
    public var order: Int { upper.rows }

    /// Solves A·X = B.
    public func solve(_ b: Matrix) throws(LinearAlgebraError) -> Matrix {
        var x = b
        try LAPACK.dpotrs(factor: upper, b: &x)
        return x
    }

    /// Solves A·x = b.
    public func solve(_ b: [Double]) throws(LinearAlgebraError) -> [Double] {
        try solve(try Matrix(rows: b.count, columns: 1, storage: b)).storage
    }

    /// A⁻¹ (full symmetric matrix) from `dpotri`.
    public func inverse() throws(LinearAlgebraError) -> Matrix {
        var u = upper
        try LAPACK.dpotri(&u)
        for j in 0..<u.columns { for i in 0..<j { u[j, i] = u[i, j] } }
        return u
    }

    /// log det A = 2 Σ log U_ii.
    public var logDeterminant: Double {
        upper.diagonal.reduce(0) { $0 + 2 * log($1) }
    }
}

extension Matrix {
    /// Solves A·X = B for symmetric positive-definite `self` through its Cholesky factor.
    public func solvePositiveDefinite(_ b: Matrix) throws(LinearAlgebraError) -> Matrix {
        try Cholesky(self).solve(b)
    }

    /// The inverse of symmetric positive-definite `self` through its Cholesky factor.
    public func inversePositiveDefinite() throws(LinearAlgebraError) -> Matrix {
        try Cholesky(self).inverse()
    }
}
