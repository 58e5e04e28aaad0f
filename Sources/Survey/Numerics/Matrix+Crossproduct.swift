import CBLAS

extension Matrix {
    /// Adds `zᵀz` to this symmetric `k × k` matrix, where `z` is `rows × k` column-major
    /// (BLAS `dsyrk` on the upper triangle, then mirrored). Used for the stratum sums of squares of
    /// centred cluster totals in linearization variances and for replicate deviations.
    public mutating func addCrossproduct(of z: [Double], rows: Int) throws(LinearAlgebraError) {
        let k = columns
        guard self.rows == k, z.count == rows * k else {
            throw .dimensionMismatch("crossproduct of \(rows)×\(k) into \(self.rows)×\(columns)")
        }
        if rows == 0 || k == 0 { return }
        let (n32, k32, lda, ldc) = (try lapackInt(k), try lapackInt(rows), try lapackInt(rows), try lapackInt(k))
        z.withUnsafeBufferPointer { a in
            storage.withUnsafeMutableBufferPointer { c in
                cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, n32, k32, 1.0, a.baseAddress, lda, 1.0,
                            c.baseAddress, ldc)
            }
        }
        for j in 0..<k { for i in 0..<j { storage[j + i * k] = storage[i + j * k] } }
    }
}

/// `C (m × n) += Aᵀ B` where A is a `k × m` block with leading dimension `lda` starting at
/// `aOffset` in `a`, and B is a dense `k × n` column-major block — BLAS `dgemm`. Replicate
/// designs use it to form replicate-weight × data products block by block without copying the
/// replicate-weight matrix.
public func accumulateTransposedProduct(
    a: UnsafeBufferPointer<Double>, aOffset: Int, lda: Int, k: Int, m: Int,
    b: UnsafeBufferPointer<Double>, n: Int, into c: UnsafeMutableBufferPointer<Double>
) throws(LinearAlgebraError) {
    if k == 0 || m == 0 || n == 0 { return }
    guard let base = a.baseAddress, aOffset + (m - 1) * lda + k <= a.count, b.count >= k * n, c.count >= m * n
    else { throw .dimensionMismatch("replicate product blocks out of range") }
    let (m32, n32, k32, lda32, ldb, ldc) = (
        try lapackInt(m), try lapackInt(n), try lapackInt(k), try lapackInt(lda), try lapackInt(k), try lapackInt(m))
    cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, m32, n32, k32, 1.0, base + aOffset, lda32,
                b.baseAddress, ldb, 1.0, c.baseAddress, ldc)
}
