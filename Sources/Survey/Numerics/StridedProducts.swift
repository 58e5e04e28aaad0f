import CBLAS

/// BLAS products on sub-blocks of larger column-major buffers (a leading dimension apart from the
/// row count), for kernels that fill a fixed-capacity block part-way: the streaming estimator's
/// Gram matrices of the replicate weights.
package enum StridedProducts {
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
