/// The inner loops of `cellTotals`: four replicate columns over one row block, each row's four
/// weights added to its cell's four sums (two vector additions) — the even rows into one set of
/// sums, the odd rows into another, so neighbouring rows of one cell do not wait on each other.
/// Every weight is read once, from memory, in four sequential streams.
enum CellKernel {
    /// Adds `x0…x3[k]` to the sums at byte offset `offsets[k]` of `sums` (+ `oddSet` for odd k).
    /// Two rows at a time: each column's pair of rows is one vector load, transposed in registers
    /// into the two rows' (x0, x1) and (x2, x3) pairs.
    @inline(__always)
    static func add(
        _ x0: UnsafePointer<Double>, _ x1: UnsafePointer<Double>, _ x2: UnsafePointer<Double>, _ x3: UnsafePointer<Double>,
        length: Int, offsets: UnsafePointer<Int32>, sums: UnsafeMutableRawPointer, oddSet: Int
    ) {
        var k = 0
        while k &+ 2 <= length {
            let r0 = pair(x0, k), r1 = pair(x1, k), r2 = pair(x2, k), r3 = pair(x3, k)
            let even = Int(offsets[k]), odd = oddSet &+ Int(offsets[k &+ 1])
            addRow(sums, even, SIMD2(r0.x, r1.x), SIMD2(r2.x, r3.x))
            addRow(sums, odd, SIMD2(r0.y, r1.y), SIMD2(r2.y, r3.y))
            k &+= 2
        }
        if k < length { addRow(sums, Int(offsets[k]), SIMD2(x0[k], x1[k]), SIMD2(x2[k], x3[k])) }
    }

    /// A numeric variable added on the loads of another pass: each row's four weights times
    /// `values[k]` go to the four sums at byte offset `offsets[k]` of `sums` (+ the odd set for odd k).
    struct Scaled {
        let values: UnsafePointer<Double>
        let offsets: UnsafePointer<Int32>
        let sums: UnsafeMutableRawPointer
    }

    /// `add`, and each replicate's sum of squared weights into `squares[0..<4]` (for the rank
    /// certificate, `FullRankCertificate`), kept in registers over the block; and `scaled`, if
    /// given, on the same loads (a streamed block's first numeric variable).
    @inline(__always)
    static func addWithSquares(
        _ x0: UnsafePointer<Double>, _ x1: UnsafePointer<Double>, _ x2: UnsafePointer<Double>, _ x3: UnsafePointer<Double>,
        length: Int, offsets: UnsafePointer<Int32>, sums: UnsafeMutableRawPointer, oddSet: Int,
        squares: UnsafeMutablePointer<Double>, scaled: Scaled? = nil
    ) {
        var k = 0
        var q0 = SIMD2<Double>(), q1 = SIMD2<Double>(), q2 = SIMD2<Double>(), q3 = SIMD2<Double>()
        while k &+ 2 <= length {
            let r0 = pair(x0, k), r1 = pair(x1, k), r2 = pair(x2, k), r3 = pair(x3, k)
            let even = Int(offsets[k]), odd = oddSet &+ Int(offsets[k &+ 1])
            addRow(sums, even, SIMD2(r0.x, r1.x), SIMD2(r2.x, r3.x))
            addRow(sums, odd, SIMD2(r0.y, r1.y), SIMD2(r2.y, r3.y))
            q0 += r0 * r0; q1 += r1 * r1; q2 += r2 * r2; q3 += r3 * r3
            if let scaled {
                let m = pair(scaled.values, k)
                let p0 = r0 * m, p1 = r1 * m, p2 = r2 * m, p3 = r3 * m
                let scaledEven = Int(scaled.offsets[k]), scaledOdd = oddSet &+ Int(scaled.offsets[k &+ 1])
                addRow(scaled.sums, scaledEven, SIMD2(p0.x, p1.x), SIMD2(p2.x, p3.x))
                addRow(scaled.sums, scaledOdd, SIMD2(p0.y, p1.y), SIMD2(p2.y, p3.y))
            }
            k &+= 2
        }
        if k < length {
            addRow(sums, Int(offsets[k]), SIMD2(x0[k], x1[k]), SIMD2(x2[k], x3[k]))
            q0.x += x0[k] * x0[k]; q1.x += x1[k] * x1[k]; q2.x += x2[k] * x2[k]; q3.x += x3[k] * x3[k]
            if let scaled {
                let m = scaled.values[k]
                addRow(scaled.sums, Int(scaled.offsets[k]), SIMD2(x0[k] * m, x1[k] * m), SIMD2(x2[k] * m, x3[k] * m))
            }
        }
        squares[0] += q0.x + q0.y; squares[1] += q1.x + q1.y; squares[2] += q2.x + q2.y; squares[3] += q3.x + q3.y
    }

    /// `add` of each weight times its row's value `v[k]` (the weighted totals of a numeric
    /// variable, by cell): the four products of a row go to its cell's four sums.
    @inline(__always)
    static func addScaled(
        _ x0: UnsafePointer<Double>, _ x1: UnsafePointer<Double>, _ x2: UnsafePointer<Double>, _ x3: UnsafePointer<Double>,
        by v: UnsafePointer<Double>, length: Int, offsets: UnsafePointer<Int32>, sums: UnsafeMutableRawPointer, oddSet: Int
    ) {
        var k = 0
        while k &+ 2 <= length {
            let m = pair(v, k)
            let r0 = pair(x0, k) * m, r1 = pair(x1, k) * m, r2 = pair(x2, k) * m, r3 = pair(x3, k) * m
            let even = Int(offsets[k]), odd = oddSet &+ Int(offsets[k &+ 1])
            addRow(sums, even, SIMD2(r0.x, r1.x), SIMD2(r2.x, r3.x))
            addRow(sums, odd, SIMD2(r0.y, r1.y), SIMD2(r2.y, r3.y))
            k &+= 2
        }
        if k < length {
            let m = v[k]
            addRow(sums, Int(offsets[k]), SIMD2(x0[k] * m, x1[k] * m), SIMD2(x2[k] * m, x3[k] * m))
        }
    }

    /// Rows k and k + 1 of `x` as one vector.
    @inline(__always)
    private static func pair(_ x: UnsafePointer<Double>, _ k: Int) -> SIMD2<Double> {
        UnsafeRawPointer(x + k).loadUnaligned(as: SIMD2<Double>.self)
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
