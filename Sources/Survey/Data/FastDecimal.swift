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

/// Exact powers of ten as integers (10⁰ … 10⁸), to join an integer and a fraction part.
private let integerPowersOfTen: [UInt64] = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000]

/// The number that starts at `p` — `[-+]digits[.digits]`, at most 7 digits on either side of the
/// point — and the index just after it, or nil. Eight bytes are examined at once (SWAR): the run
/// of leading digits is found from a mask of non-digit bytes and converted with three
/// multiplications; the byte after the run (a point or not) is taken from the same word. The
/// value is the one `fastDecimal` gives for the same bytes (same significand, same single
/// division), so it is correctly rounded. Reads up to 17 bytes from `p`: the caller guarantees
/// they are mapped. The caller checks what follows the number (a delimiter or line end). Digit
/// counts (0…8) are added with wrapping `&+`: no overflow check in the reader's hottest code.
@inline(__always)
func scanDecimal(_ p: UnsafePointer<UInt8>) -> (value: Double, length: Int)? {
    let c0 = p[0]
    let sign = c0 == 0x2D || c0 == 0x2B ? 1 : 0
    let raw = UnsafeRawPointer(p)
    let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: sign, as: UInt64.self))
    let whole = leadingDigits(x)
    guard whole < 8 else { return nil }
    // The byte after the integer digits, from the word already loaded.
    if (x >> UInt64(8 * whole)) & 0xFF == 0x2E {
        let y = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: sign &+ whole &+ 1, as: UInt64.self))
        let fraction = leadingDigits(y)
        guard fraction < 8, whole &+ fraction > 0 else { return nil }
        let mantissa: UInt64
        if whole &+ fraction <= 8 {
            // Up to 8 digits in all (the usual case): the integer digits and the fraction digits
            // joined into one word without the point, converted at once.
            let joined = (x & ((1 &<< UInt64(8 * whole)) &- 1)) | (y &<< UInt64(8 * whole))
            mantissa = digitValue(joined, whole &+ fraction)
        } else {
            mantissa = digitValue(x, whole) &* integerPowersOfTen[fraction] &+ digitValue(y, fraction)
        }
        // Below 10¹⁴: exact as Int64 and as a double (a signed conversion is one instruction).
        let v = Double(Int64(bitPattern: mantissa)) / fastPowersOfTen[fraction]
        return (withSign(v, negative: c0 == 0x2D), sign &+ whole &+ 1 &+ fraction)
    }
    guard whole > 0 else { return nil }
    // One integer digit is common (ages, codes): its value is its low nibble.
    let v = Double(Int64(bitPattern: whole == 1 ? x & 0x0F : digitValue(x, whole)))
    return (withSign(v, negative: c0 == 0x2D), sign &+ whole)
}

/// How many of the eight bytes of `x` (first byte lowest) are ASCII digits before the first that
/// is not: with t = b ^ 0x30, a byte b is a digit exactly when t ≤ 9, i.e. when neither t nor
/// t + 0x76 has its high bit set. A carry out of a byte comes only from a byte that is not a
/// digit, and moves only into later bytes, so the lowest flagged byte is exact.
@inline(__always)
func leadingDigits(_ x: UInt64) -> Int {
    let t = x ^ 0x3030_3030_3030_3030
    let other = ((t &+ 0x7676_7676_7676_7676) | t) & 0x8080_8080_8080_8080
    return other.trailingZeroBitCount >> 3
}

/// The value of the first `n` (0…8) bytes of `x`, all digits, most significant first: the digits
/// are moved to the top bytes (the bytes below become leading zeros), then pairs, quads and the
/// two halves are combined by multiplications that keep each partial sum in its own lane.
@inline(__always)
func digitValue(_ x: UInt64, _ n: Int) -> UInt64 {
    guard n > 0 else { return 0 }
    var v = (x & 0x0F0F_0F0F_0F0F_0F0F) &<< UInt64(64 - 8 * n)
    v = (v &* 10) &+ (v >> 8)   // byte 2k: 10·d(2k) + d(2k+1)
    // Bytes 0 and 4 hold pairs 1 and 3, bytes 2 and 6 pairs 2 and 4; the high halves of the two
    // products are 10⁶·p1 + 10²·p3 and 10⁴·p2 + p4 (the low halves stay below 10⁴: no carry).
    let odd = v & 0x0000_00FF_0000_00FF, even = (v >> 16) & 0x0000_00FF_0000_00FF
    return (odd &* (100 &+ (1_000_000 << 32)) &+ even &* (1 &+ (10_000 << 32))) >> 32
}

/// `v` (≥ 0 or +0) with its sign bit set when `negative` — `negative ? -v : v` without a branch:
/// the signs of a column of numbers are as random as coin tosses, and a mispredicted branch per
/// negative cell cost more than the rest of the cell's parse.
@inline(__always)
func withSign(_ v: Double, negative: Bool) -> Double {
    Double(bitPattern: v.bitPattern | (UInt64(UInt8(truncatingIfNeeded: negative ? 1 : 0)) &<< 63))
}
