import CBLAS

extension Matrix {
    /// `op(self) · op(other)` through BLAS `dgemm`; `transposeSelf`/`transposeOther` select `op`.
    public func multiplied(
        by other: Matrix, transposeSelf: Bool = false, transposeOther: Bool = false
    ) throws(LinearAlgebraError) -> Matrix {
        let m = transposeSelf ? columns : rows
        let k = transposeSelf ? rows : columns
        let k2 = transposeOther ? other.columns : other.rows
        let n = transposeOther ? other.rows : other.columns
        guard k == k2 else {
            throw .dimensionMismatch("cannot multiply \(m)×\(k) by \(k2)×\(n)")
        }
        var result = Matrix(rows: m, columns: n)
        if m == 0 || n == 0 { return result }
        if k == 0 { return result }
        let (m32, n32, k32) = (try lapackInt(m), try lapackInt(n), try lapackInt(k))
        let lda = try lapackInt(max(1, rows)), ldb = try lapackInt(max(1, other.rows))
        let ldc = try lapackInt(max(1, m))
        storage.withUnsafeBufferPointer { a in
            other.storage.withUnsafeBufferPointer { b in
                result.storage.withUnsafeMutableBufferPointer { c in
                    cblas_dgemm(
                        CblasColMajor,
                        transposeSelf ? CblasTrans : CblasNoTrans,
                        transposeOther ? CblasTrans : CblasNoTrans,
                        m32, n32, k32, 1.0, a.baseAddress, lda, b.baseAddress, ldb,
                        0.0, c.baseAddress, ldc)
                }
            }
        }
        return result
    }

    /// `op(self) · x` through BLAS `dgemv`.
    public func multiplied(by x: [Double], transposed: Bool = false) throws(LinearAlgebraError) -> [Double] {
        let inner = transposed ? rows : columns
        let outer = transposed ? columns : rows
        guard x.count == inner else {
            throw .dimensionMismatch("cannot multiply \(outer)×\(inner) by a vector of \(x.count)")
        }
        var y = [Double](repeating: 0, count: outer)
        if outer == 0 || inner == 0 { return y }
        let (r32, c32, lda) = (try lapackInt(rows), try lapackInt(columns), try lapackInt(max(1, rows)))
        storage.withUnsafeBufferPointer { a in
            x.withUnsafeBufferPointer { xp in
                y.withUnsafeMutableBufferPointer { yp in
                    cblas_dgemv(
                        CblasColMajor, transposed ? CblasTrans : CblasNoTrans,
                        r32, c32, 1.0, a.baseAddress, lda, xp.baseAddress, 1, 0.0, yp.baseAddress, 1)
                }
            }
        }
        return y
    }
}

/// Converts a dimension to LAPACK's 32-bit integer, throwing instead of trapping on overflow.
@inlinable
func lapackInt(_ n: Int) throws(LinearAlgebraError) -> Int32 {
    guard let v = Int32(exactly: n) else { throw .tooLarge(n) }
    return v
}
