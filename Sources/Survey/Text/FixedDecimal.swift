/// Fixed-notation decimals by integer arithmetic, for table cells: the interactive commands
/// format hundreds of numbers, and `printf` via `String(format:)` or `withVaList` costs far
/// more than the arithmetic (issue 17 item 4). Same output as C `printf("%.*f")`.
package enum FixedDecimal {
    /// `x` with `digits` decimals as C `printf("%.*f")` prints it (the exact binary value rounded
    /// half to even), by integer arithmetic; nil outside what it covers (digits > 9 or a scaled
    /// value ≥ 2^63), where the caller uses printf itself.
    package static func format(_ x: Double, digits: Int) -> String? {
        guard x.isFinite, (0...9).contains(digits) else { return nil }
        let sign = x.sign == .minus ? "-" : ""
        var scale: UInt64 = 1
        for _ in 0..<digits { scale *= 10 }
        // |x| = m · 2^s exactly.
        let bits = x.magnitude
        let m = bits.exponentBitPattern == 0 ? bits.significandBitPattern : bits.significandBitPattern | (1 << 52)
        let s = bits.exponentBitPattern == 0 ? -1074 : Int(bits.exponentBitPattern) - 1075
        let product = m.multipliedFullWidth(by: scale)  // m · 10^digits < 2^83
        var n: UInt64
        if s >= 0 {
            guard product.high == 0, s < 63, product.low <= (UInt64.max >> 1) >> UInt64(s) else { return nil }
            n = product.low << UInt64(s)
        } else {
            let k = -s
            if k >= 84 {
                n = 0  // m · 10^digits < 2^83 ≤ half of 2^k: rounds to 0
            } else {
                // q = product >> k, r = the k low bits, compared with 2^(k-1).
                let high = UInt64(product.high), low = product.low
                let q: UInt64
                let above: Bool, tie: Bool
                if k < 64 {
                    guard high >> UInt64(k) == 0 else { return nil }
                    q = (low >> UInt64(k)) | (k == 0 ? 0 : high << UInt64(64 - k))
                    let r = low & ((1 << UInt64(k)) - 1)
                    let half: UInt64 = 1 << UInt64(k - 1)
                    above = r > half
                    tie = r == half
                } else {
                    let kk = k - 64
                    q = high >> UInt64(kk)
                    let rHigh = kk == 0 ? 0 : high & ((1 << UInt64(kk)) - 1)
                    // half = 2^(k-1): in the high word when k > 64, else the top bit of low.
                    if kk == 0 {
                        above = low > (1 << 63)
                        tie = low == (1 << 63)
                    } else {
                        let halfHigh: UInt64 = 1 << UInt64(kk - 1)
                        above = rHigh > halfHigh || (rHigh == halfHigh && low > 0)
                        tie = rHigh == halfHigh && low == 0
                    }
                }
                n = q
                if above || (tie && q & 1 == 1) { n += 1 }
            }
        }
        guard n < UInt64(1) << 63 else { return nil }
        guard digits > 0 else { return sign + String(n) }
        let fraction = String(n % scale)
        return sign + String(n / scale) + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }
}
