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

    /// `add`, and the rows' two projections: `first[k] += ((x0·k1.0 + x1·k1.1) + x2·k1.2) + x3·k1.3`,
    /// `second[k]` with `k2` — the same operations in the same order for every row.
    @inline(__always)
    static func addWithProjections(
        _ x0: UnsafePointer<Double>, _ x1: UnsafePointer<Double>, _ x2: UnsafePointer<Double>, _ x3: UnsafePointer<Double>,
        length: Int, offsets: UnsafePointer<Int32>, sums: UnsafeMutableRawPointer, oddSet: Int,
        first: UnsafeMutablePointer<Double>, second: UnsafeMutablePointer<Double>,
        k1: (Double, Double, Double, Double), k2: (Double, Double, Double, Double)
    ) {
        var k = 0
        let f = UnsafeMutableRawPointer(first), s = UnsafeMutableRawPointer(second)
        while k + 2 <= length {
            let r0 = SIMD2(x0[k], x0[k + 1]), r1 = SIMD2(x1[k], x1[k + 1])
            let r2 = SIMD2(x2[k], x2[k + 1]), r3 = SIMD2(x3[k], x3[k + 1])
            let even = Int(offsets[k]), odd = oddSet &+ Int(offsets[k + 1])
            addRow(sums, even, SIMD2(r0[0], r1[0]), SIMD2(r2[0], r3[0]))
            addRow(sums, odd, SIMD2(r0[1], r1[1]), SIMD2(r2[1], r3[1]))
            let p = ((r0 * k1.0 + r1 * k1.1) + r2 * k1.2) + r3 * k1.3
            let q = ((r0 * k2.0 + r1 * k2.1) + r2 * k2.2) + r3 * k2.3
            let at = k &* 8
            f.storeBytes(of: f.loadUnaligned(fromByteOffset: at, as: SIMD2<Double>.self) + p, toByteOffset: at, as: SIMD2<Double>.self)
            s.storeBytes(of: s.loadUnaligned(fromByteOffset: at, as: SIMD2<Double>.self) + q, toByteOffset: at, as: SIMD2<Double>.self)
            k += 2
        }
        if k < length {
            addRow(sums, Int(offsets[k]), SIMD2(x0[k], x1[k]), SIMD2(x2[k], x3[k]))
            first[k] += ((x0[k] * k1.0 + x1[k] * k1.1) + x2[k] * k1.2) + x3[k] * k1.3
            second[k] += ((x0[k] * k2.0 + x1[k] * k2.1) + x2[k] * k2.2) + x3[k] * k2.3
        }
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
