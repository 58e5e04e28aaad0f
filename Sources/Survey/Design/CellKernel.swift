/// The inner loops of `cellTotals`: four replicate columns over one row block, each row's four
/// weights added to its cell's four sums (two vector additions) — the even rows into one set of
/// sums, the odd rows into another, so neighbouring rows of one cell do not wait on each other.
/// Every weight is read once, from memory, in four sequential streams.
enum CellKernel {
    /// Adds `x0…x3[k]` to the sums at byte offset `offsets[k]` of `sums` (+ `oddSet` for odd k).
    @inline(__always)
    static func add(
        _ x0: UnsafePointer<Double>, _ x1: UnsafePointer<Double>, _ x2: UnsafePointer<Double>, _ x3: UnsafePointer<Double>,
        length: Int, offsets: UnsafePointer<Int32>, sums: UnsafeMutableRawPointer, oddSet: Int
    ) {
        var k = 0
        while k + 2 <= length {
            let even = Int(offsets[k]), odd = oddSet &+ Int(offsets[k + 1])
            addRow(sums, even, SIMD2(x0[k], x1[k]), SIMD2(x2[k], x3[k]))
            addRow(sums, odd, SIMD2(x0[k + 1], x1[k + 1]), SIMD2(x2[k + 1], x3[k + 1]))
            k += 2
        }
        if k < length { addRow(sums, Int(offsets[k]), SIMD2(x0[k], x1[k]), SIMD2(x2[k], x3[k])) }
    }

    /// `add`, and each replicate's sum of squared weights into `squares[0..<4]` (for the rank
    /// certificate, `FullRankCertificate`), kept in registers over the block.
    @inline(__always)
    static func addWithSquares(
        _ x0: UnsafePointer<Double>, _ x1: UnsafePointer<Double>, _ x2: UnsafePointer<Double>, _ x3: UnsafePointer<Double>,
        length: Int, offsets: UnsafePointer<Int32>, sums: UnsafeMutableRawPointer, oddSet: Int,
        squares: UnsafeMutablePointer<Double>
    ) {
        var k = 0
        var q01 = SIMD2<Double>(), q23 = SIMD2<Double>(), r01 = SIMD2<Double>(), r23 = SIMD2<Double>()
        while k + 2 <= length {
            let even = Int(offsets[k]), odd = oddSet &+ Int(offsets[k + 1])
            let a = SIMD2(x0[k], x1[k]), b = SIMD2(x2[k], x3[k])
            let c = SIMD2(x0[k + 1], x1[k + 1]), d = SIMD2(x2[k + 1], x3[k + 1])
            addRow(sums, even, a, b)
            addRow(sums, odd, c, d)
            q01 += a * a; q23 += b * b
            r01 += c * c; r23 += d * d
            k += 2
        }
        if k < length {
            let a = SIMD2(x0[k], x1[k]), b = SIMD2(x2[k], x3[k])
            addRow(sums, Int(offsets[k]), a, b)
            q01 += a * a; q23 += b * b
        }
        let p01 = q01 + r01, p23 = q23 + r23
        squares[0] += p01[0]; squares[1] += p01[1]; squares[2] += p23[0]; squares[3] += p23[1]
    }

    /// Adds `(a, b)` to the four sums at byte offset `at`.
    @inline(__always)
    private static func addRow(_ sums: UnsafeMutableRawPointer, _ at: Int, _ a: SIMD2<Double>, _ b: SIMD2<Double>) {
        let lo = sums.loadUnaligned(fromByteOffset: at, as: SIMD2<Double>.self) + a
        sums.storeBytes(of: lo, toByteOffset: at, as: SIMD2<Double>.self)
        let hi = sums.loadUnaligned(fromByteOffset: at &+ 16, as: SIMD2<Double>.self) + b
        sums.storeBytes(of: hi, toByteOffset: at &+ 16, as: SIMD2<Double>.self)
    }
}
