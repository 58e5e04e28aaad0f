/// HTML escaping of text and attribute values; every byte of user text goes through here.
enum Escaping {
    /// Appends `bytes` as HTML text, escaping `& < > "`.
    static func appendText<S: Sequence>(_ bytes: S, to out: inout [UInt8]) where S.Element == UInt8 {
        for b in bytes { appendTextByte(b, to: &out) }
    }

    /// Appends text[range] as HTML text without copying the slice first.
    static func appendText(_ text: [UInt8], _ start: Int, _ end: Int, to out: inout [UInt8]) {
        var i = start
        while i < end {
            appendTextByte(text[i], to: &out)
            i += 1
        }
    }

    /// Appends one byte as HTML text, escaping `& < > "`.
    @inline(__always) static func appendTextByte(_ b: UInt8, to out: inout [UInt8]) {
        switch b {
        case Byte.ampersand: out.append(contentsOf: amp)
        case Byte.lessThan: out.append(contentsOf: lt)
        case Byte.greaterThan: out.append(contentsOf: gt)
        case Byte.quote: out.append(contentsOf: quot)
        default: out.append(b)
        }
    }

    /// Appends `bytes` as a double-quoted attribute value, escaping `& < > " '`.
    static func appendAttribute<S: Sequence>(_ bytes: S, to out: inout [UInt8]) where S.Element == UInt8 {
        for b in bytes {
            if b == Byte.apostrophe { out.append(contentsOf: apos) } else { appendTextByte(b, to: &out) }
        }
    }

    /// Appends an ASCII string literal verbatim (markup we generate ourselves).
    @inline(__always) static func appendRaw(_ s: StaticString, to out: inout [UInt8]) {
        s.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// Appends a non-negative decimal number (for `start=` and `<hN>`).
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value == 0 {
            out.append(Byte.digit0)
            return
        }
        var digits: [UInt8] = []
        var v = value
        while v > 0 {
            digits.append(Byte.digit0 + UInt8(v % 10))
            v /= 10
        }
        out.append(contentsOf: digits.reversed())
    }

    static let amp: [UInt8] = Array("&amp;".utf8)
    static let lt: [UInt8] = Array("&lt;".utf8)
    static let gt: [UInt8] = Array("&gt;".utf8)
    static let quot: [UInt8] = Array("&quot;".utf8)
    static let apos: [UInt8] = Array("&#x27;".utf8)
}
