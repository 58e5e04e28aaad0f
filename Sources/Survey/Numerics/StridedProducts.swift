import CBLAS

/// BLAS products on sub-blocks of larger column-major buffers (a leading dimension apart from the
/// row count), for kernels that fill a fixed-capacity block part-way: the streaming estimator's
/// per-domain row buckets.
package enum StridedProducts {
    /// `C (m × n, leading dimension m) = Aᵀ B`: A is `k × m` with leading dimension `lda`, B is
    /// `k × n` with leading dimension `ldb` (BLAS `dgemm`, C overwritten).
    package static func transposedProduct(
        a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int, k: Int, m: Int, n: Int,
        into c: UnsafeMutablePointer<Double>
    ) throws(LinearAlgebraError) {
        if k == 0 || m == 0 || n == 0 { return }
        guard lda >= k, ldb >= k else { throw .dimensionMismatch("strided product: leading dimension below \(k) rows") }
        let (m32, n32, k32, lda32, ldb32) = (try lapackInt(m), try lapackInt(n), try lapackInt(k), try lapackInt(lda), try lapackInt(ldb))
        cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, m32, n32, k32, 1.0, a, lda32, b, ldb32, 0.0, c, m32)
    }

    /// `sums[j] += Σ_i A[i, j]²` for the `n` columns of A (`k` rows, leading dimension `lda`; BLAS `ddot`).
    package static func addColumnSumsOfSquares(a: UnsafePointer<Double>, lda: Int, k: Int, n: Int, into sums: inout [Double]) {
        guard k > 0, let k32 = Int32(exactly: k) else { return }
        for j in 0..<min(n, sums.count) {
            let column = a + j * lda
            sums[j] += cblas_ddot(k32, column, 1, column, 1)
        }
    }

    /// The upper triangle of `C (n × n, leading dimension n) += Aᵀ A`, A `k × n` with leading
    /// dimension `lda` (BLAS `dsyrk`; the lower triangle is left as it is).
    package static func addUpperCrossproduct(
        a: UnsafePointer<Double>, lda: Int, k: Int, n: Int, into c: UnsafeMutablePointer<Double>
    ) throws(LinearAlgebraError) {
        if k == 0 || n == 0 { return }
        guard lda >= k else { throw .dimensionMismatch("strided crossproduct: leading dimension below \(k) rows") }
        let (n32, k32, lda32) = (try lapackInt(n), try lapackInt(k), try lapackInt(lda))
        cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, n32, k32, 1.0, a, lda32, 1.0, c, n32)
    }
}
