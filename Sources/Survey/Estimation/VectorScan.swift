/// Whole-column checks eight lanes at a time, the lanes tested once per 512 values, not a branch
/// per value: a scan that stops at the first hit is not vectorised (12–20 instructions a value;
/// on a weights-only `estimate` of 5 means such scans were a tenth of the compute).
enum VectorScan {
    /// Whether any value is NaN.
    static func containsNaN(_ values: UnsafeBufferPointer<Double>) -> Bool {
        anyLane(values, { x in x .!= x }, { $0.isNaN })
    }

    /// Whether every value is ≥ 0 and finite (NaN is not; −0 is).
    static func allNonNegativeFinite(_ values: UnsafeBufferPointer<Double>) -> Bool {
        // As unsigned integers, the bits of +0 … the largest finite double lie below those of +∞;
        // a negative value (−0 too), ∞ or NaN does not, and its block is checked one value at a time.
        let infinity = SIMD8<UInt64>(repeating: Double.infinity.bitPattern)
        return !anyLane(values, { x in unsafeBitCast(x, to: SIMD8<UInt64>.self) .>= infinity }, { !($0 >= 0 && $0 < .infinity) })
    }

    /// Whether `one` holds for any value. `lanes` flags, eight values at a time, every value for
    /// which `one` may hold (it may flag more); a block with a flag is then checked by `one`.
    @inline(__always)
    private static func anyLane(_ values: UnsafeBufferPointer<Double>, _ lanes: (SIMD8<Double>) -> SIMDMask<SIMD8<Int64>>,
                                _ one: (Double) -> Bool) -> Bool {
        guard let base = values.baseAddress else { return false }
        let raw = UnsafeRawPointer(base), n = values.count
        var i = 0
        while i + 8 <= n {
            let start = i, stop = Swift.min(n - 8, i + 512)
            var any = SIMDMask<SIMD8<Int64>>(repeating: false)
            while i <= stop {
                any .|= lanes(raw.loadUnaligned(fromByteOffset: i * 8, as: SIMD8<Double>.self))
                i += 8
            }
            if any != SIMDMask(repeating: false) && (start..<i).contains(where: { one(base[$0]) }) { return true }
        }
        while i < n {
            if one(base[i]) { return true }
            i += 1
        }
        return false
    }
}
