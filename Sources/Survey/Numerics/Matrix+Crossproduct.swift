import CBLAS

extension Matrix {
    /// Adds `zᵀz` to this symmetric `k × k` matrix, where `z` is `rows × k` column-major
    /// (BLAS `dsyrk` on the upper triangle, then mirrored). Used for the stratum sums of squares of
    /// centred cluster totals in linearization variances and for replicate deviations.
    public mutating func addCrossproduct(of z: [Double], rows: Int) throws(LinearAlgebraError) {
        try z.withUnsafeBufferPointer { a throws(LinearAlgebraError) in try addCrossproduct(of: a, rows: rows) }
    }

    /// `addCrossproduct` of a `rows × columns` column-major block in memory the caller owns (a
    /// block of a matrix that is never stored whole).
    package mutating func addCrossproduct(of z: UnsafeBufferPointer<Double>, rows: Int) throws(LinearAlgebraError) {
        let k = columns
        guard self.rows == k, z.count == rows * k else {
            throw .dimensionMismatch("crossproduct of \(rows)×\(k) into \(self.rows)×\(columns)")
        }
        if rows == 0 || k == 0 { return }
        let (n32, k32, lda, ldc) = (try lapackInt(k), try lapackInt(rows), try lapackInt(rows), try lapackInt(k))
        storage.withUnsafeMutableBufferPointer { c in
            cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, n32, k32, 1.0, z.baseAddress, lda, 1.0,
                        c.baseAddress, ldc)
        }
        for j in 0..<k { for i in 0..<j { storage[j + i * k] = storage[i + j * k] } }
    }
}

/// `C (m × n, leading dimension ldc) += Aᵀ B` where A is a dense `k × m` column-major block and
/// B a dense `k × n` one — BLAS `dgemm`. Replicate designs use it on row blocks of the replicate
/// weights (gathered into a cache-resident panel) times the same rows of the data.
package func accumulateTransposedProduct(
    a: UnsafeBufferPointer<Double>, k: Int, m: Int,
    b: UnsafeBufferPointer<Double>, n: Int, into c: UnsafeMutableBufferPointer<Double>, ldc: Int
) throws(LinearAlgebraError) {
    if k == 0 || m == 0 || n == 0 { return }
    guard a.count >= k * m, b.count >= k * n, ldc >= m, c.count >= (n - 1) * ldc + m
    else { throw .dimensionMismatch("replicate product blocks out of range") }
    let (m32, n32, k32, ldc32) = (try lapackInt(m), try lapackInt(n), try lapackInt(k), try lapackInt(ldc))
    cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, m32, n32, k32, 1.0, a.baseAddress, k32,
                b.baseAddress, k32, 1.0, c.baseAddress, ldc32)
}

/// `C (m × n, leading dimension m) += A B` where A is a dense `m × k` column-major block and B a
/// dense `k × n` one — BLAS `dgemm`. Replicate designs use it for the row fingerprints of R's
/// rank-based df: a row block of the replicate weights times fixed random projections.
public func accumulateProduct(
    a: UnsafeBufferPointer<Double>, m: Int, k: Int,
    b: UnsafeBufferPointer<Double>, n: Int, into c: UnsafeMutableBufferPointer<Double>
) throws(LinearAlgebraError) {
    if k == 0 || m == 0 || n == 0 { return }
    guard a.count >= m * k, b.count >= k * n, c.count >= m * n
    else { throw .dimensionMismatch("projection product blocks out of range") }
    let (m32, n32, k32) = (try lapackInt(m), try lapackInt(n), try lapackInt(k))
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, m32, n32, k32, 1.0, a.baseAddress, m32,
                b.baseAddress, k32, 1.0, c.baseAddress, m32)
}
