/// JSON text primitives shared by every JSON writer (the DESIGN.md §3 contracts, table JSON,
/// series, trends, regression, crosstab): one escaping rule and one number format everywhere.
package enum JSONText {
    /// A JSON string literal (RFC 8259 escapes; other control characters as `\u00XX`); nil → `null`.
    package static func string(_ s: String?) -> String {
        guard let s else { return "null" }
        if isPlain(s) { return "\"" + s + "\"" }
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

    /// `string(s)` appended to `out`, without a string of its own where `s` needs no escape.
    package static func append(_ s: String?, to out: inout String) {
        guard let s, isPlain(s) else { return out += string(s) }
        out += "\""
        out += s
        out += "\""
    }

    /// Whether `s` needs no escape: no quote, backslash or control byte (the UTF-8 bytes of other
    /// scalars are all 0x80 or more), so it is quoted as it is, without a walk over its scalars
    /// (issue 17 item 4: the walk was half of `overview --format json`'s instructions).
    private static func isPlain(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { bytes in !bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C } }
    }

    /// A full-precision number (Swift's shortest round-trip text, so parsing it back gives the
    /// same Double); nil and non-finite values → `null`; zero (either sign) → `0`.
    package static func number(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "null" }
        return x == 0 ? "0" : x.description
    }
}
