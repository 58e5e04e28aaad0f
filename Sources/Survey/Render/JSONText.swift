/// JSON text primitives shared by every JSON writer (the DESIGN.md §3 contracts, table JSON,
/// series, trends, regression, crosstab): one escaping rule and one number format everywhere.
package enum JSONText {
    /// A JSON string literal (RFC 8259 escapes; other control characters as `\u00XX`); nil → `null`.
    package static func string(_ s: String?) -> String {
        guard let s else { return "null" }
        // Most texts need no escape (no quote, backslash or control byte; UTF-8 bytes of other
        // scalars are all 0x80 or more): quoted as they are, without a walk over their scalars
        // (issue 17 item 4: the walk was half of `overview --format json`'s instructions).
        var plain = true
        for byte in s.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C {
            plain = false
            break
        }
        if plain { return "\"" + s + "\"" }
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A full-precision number (Swift's shortest round-trip text, so parsing it back gives the
    /// same Double); nil and non-finite values → `null`; zero (either sign) → `0`.
    package static func number(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "null" }
        return x == 0 ? "0" : x.description
    }
}
