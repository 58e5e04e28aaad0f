/// Exact powers of ten as doubles (10⁰ … 10²²), for the fast decimal path.
private let fastPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]

/// The value of the common decimal shapes `[-+]digits[.digits]` in `count` bytes at `p`, when it
/// is trivially exact: at most 15 significant digits (so the integer significand is an exact
/// double below 2⁵³) and at most 22 fraction digits, so one IEEE division by an exact power of
/// ten rounds correctly (Clinger). Anything else — exponents, long significands, spaces, words —
/// returns nil and goes to `parseNumber` (which ends in `strtod`).
@inline(__always)
func fastDecimal(_ p: UnsafePointer<UInt8>, _ count: Int) -> Double? {
    var i = 0
    var negative = false
    if count > 0 && (p[0] == 0x2D || p[0] == 0x2B) {
        negative = p[0] == 0x2D
        i = 1
    }
    var mantissa: UInt64 = 0
    var digits = 0
    while i < count {
        let d = p[i] &- 0x30
        if d >= 10 { break }
        mantissa = mantissa &* 10 &+ UInt64(d)
        digits += 1
        i += 1
    }
    var fraction = 0
    if i < count && p[i] == 0x2E {
        i += 1
        while i < count {
            let d = p[i] &- 0x30
            if d >= 10 { break }
            mantissa = mantissa &* 10 &+ UInt64(d)
            fraction += 1
            i += 1
        }
    }
    // Whole field consumed, some digit, ≤ 15 digits in all (leading zeros count: conservative).
    guard i == count, digits + fraction > 0, digits + fraction <= 15 else { return nil }
    let v = fraction == 0 ? Double(mantissa) : Double(mantissa) / fastPowersOfTen[fraction]
    return negative ? -v : v
}
