/// The linear algebra the trend models need, in one place so every call goes through the
/// numerics layer (LAPACK): the inverse of a small symmetric positive-definite matrix.
enum TrendAlgebra {
    /// Inverse of a symmetric positive-definite matrix (LAPACK `dpotrf` + `dpotri`).
    static func inversePositiveDefinite(_ m: Matrix) throws(LinearAlgebraError) -> Matrix {
        try m.inversePositiveDefinite()
    }
}
