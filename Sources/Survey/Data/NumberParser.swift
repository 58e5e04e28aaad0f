#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a cell's text is, as a number.
enum ParsedCell: Equatable {
    /// A finite decimal number.
    case number(Double)
    /// `NaN`, `Inf`, `-Infinity` (any case) or a number beyond the double range: bad data in a
    /// numeric column, a plain level in a categorical one.
    case nonFinite
    /// Anything else.
    case text
}

/// Powers of ten that are exact doubles (10⁰ … 10²²).
private let exactPowersOfTen: [Double] = (0...22).map { k in
    var p = 1.0
    for _ in 0..<k { p *= 10 }
    return p
}

/// Parses a decimal number from bytes: `[+-]digits[.digits][(e|E)[+-]digits]` (either digit run
/// may be empty but not both), with nothing else around it.
///
/// Correctly rounded: when the significand has at most 19 digits, is below 2⁵³ and the decimal
/// exponent is within ±22, both operands are exact doubles and one IEEE multiplication or
/// division rounds correctly (Clinger's fast path); everything else goes to C `strtod`.
func parseNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> ParsedCell {
    let n = bytes.count
    guard n > 0 else { return .text }
    var i = 0
    var negative = false
    if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
        negative = bytes[0] == UInt8(ascii: "-")
        i = 1
    }
    guard i < n else { return .text }
    let first = bytes[i] | 0x20
    if first == UInt8(ascii: "i") || first == UInt8(ascii: "n") {
        return isNonFiniteWord(bytes, from: i) ? .nonFinite : .text
    }
    var mantissa: UInt64 = 0
    var significant = 0, dropped = 0, exponent = 0, digits = 0
    while i < n, bytes[i] &- 48 < 10 {
        let d = UInt64(bytes[i] &- 48)
        if significant < 19 {
            mantissa = mantissa * 10 + d
            if mantissa > 0 { significant += 1 }
        } else {
            dropped += 1
        }
        digits += 1
        i += 1
    }
    var integer = true
    if i < n, bytes[i] == UInt8(ascii: ".") {
        integer = false
        i += 1
        while i < n, bytes[i] &- 48 < 10 {
            let d = UInt64(bytes[i] &- 48)
            if significant < 19 {
                mantissa = mantissa * 10 + d
                if mantissa > 0 { significant += 1 }
                exponent -= 1
            } else {
                dropped += 1
                exponent += 0
            }
            digits += 1
            i += 1
        }
    }
    guard digits > 0 else { return .text }
    if i < n, bytes[i] | 0x20 == UInt8(ascii: "e") {
        integer = false
        i += 1
        var expNegative = false
        if i < n, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            expNegative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var e = 0, expDigits = 0
        while i < n, bytes[i] &- 48 < 10 {
            if e < 100_000 { e = e * 10 + Int(bytes[i] &- 48) }
            expDigits += 1
            i += 1
        }
        guard expDigits > 0 else { return .text }
        exponent += expNegative ? -e : e
    }
    guard i == n else { return .text }
    // An integer written with more significant digits than a double holds exactly (above 2⁵³,
    // e.g. a 20-digit household id) is text: as a number, two such ids can become one and
    // silently merge two clusters (pandas and fread keep them exact, as strings or integer64).
    if integer && (dropped > 0 || mantissa > (1 << 53)) { return .text }
    if dropped == 0, mantissa <= (1 << 53), abs(exponent) <= 22 {
        var v = Double(mantissa)
        v = exponent >= 0 ? v * exactPowersOfTen[exponent] : v / exactPowersOfTen[-exponent]
        return .number(negative ? -v : v)
    }
    if mantissa == 0 && dropped == 0 { return .number(negative ? -0.0 : 0) }
    return slowParse(bytes)
}

/// `strtod` on a NUL-terminated copy (C locale: '.' is the decimal point).
private func slowParse(_ bytes: UnsafeBufferPointer<UInt8>) -> ParsedCell {
    var text = [CChar](repeating: 0, count: bytes.count + 1)
    for k in 0..<bytes.count { text[k] = CChar(bitPattern: bytes[k]) }
    let v = strtod(text, nil)
    return v.isFinite ? .number(v) : .nonFinite
}

/// `inf`, `infinity` or `nan`, any case, from offset `start` to the end.
private func isNonFiniteWord(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
    var word = ""
    for k in start..<bytes.count { word.unicodeScalars.append(Unicode.Scalar(bytes[k] | 0x20)) }
    return word == "inf" || word == "infinity" || word == "nan"
}

/// `text` as a finite decimal number (`parseNumber`'s grammar: no hex, no `inf`/`nan`, no
/// surrounding spaces), or nil — for number fields outside a table, such as a series file's, so
/// they accept exactly what a CSV cell does (Swift's `Double("0x0.8")` is 0.5).
package func decimalNumber(_ text: String) -> Double? {
    var text = text
    return text.withUTF8 { bytes in
        if case .number(let x) = parseNumber(bytes) { return x }
        return nil
    }
}
