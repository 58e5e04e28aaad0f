/// Recognition of HTML entity and numeric character references (a deliberately small named set).
enum Entities {
    /// Named entities we decode; anything else is left as literal text (`&` escaped).
    static let named: [(name: [UInt8], scalar: UInt32)] = [
        ("amp", 0x26), ("lt", 0x3C), ("gt", 0x3E), ("quot", 0x22), ("apos", 0x27),
        ("nbsp", 0xA0), ("copy", 0xA9), ("reg", 0xAE), ("trade", 0x2122),
        ("mdash", 0x2014), ("ndash", 0x2013), ("hellip", 0x2026), ("middot", 0xB7), ("bull", 0x2022),
        ("lsquo", 0x2018), ("rsquo", 0x2019), ("ldquo", 0x201C), ("rdquo", 0x201D),
        ("laquo", 0xAB), ("raquo", 0xBB), ("deg", 0xB0), ("plusmn", 0xB1), ("times", 0xD7),
        ("divide", 0xF7), ("minus", 0x2212), ("le", 0x2264), ("ge", 0x2265), ("ne", 0x2260),
        ("asymp", 0x2248), ("infin", 0x221E), ("micro", 0xB5), ("sect", 0xA7), ("para", 0xB6),
        ("euro", 0x20AC), ("pound", 0xA3), ("yen", 0xA5), ("cent", 0xA2), ("frac12", 0xBD),
        ("frac14", 0xBC), ("frac34", 0xBE), ("sup2", 0xB2), ("sup3", 0xB3), ("larr", 0x2190),
        ("rarr", 0x2192), ("uarr", 0x2191), ("darr", 0x2193), ("harr", 0x2194), ("check", 0x2713),
        ("alpha", 0x3B1), ("beta", 0x3B2), ("sigma", 0x3C3), ("mu", 0x3BC), ("chi", 0x3C7),
    ].map { (Array($0.0.utf8), $0.1) }

    /// Tries to read a well-formed reference at text[start] (which must be `&`).
    /// Returns the UTF-8 of the decoded character and the index just past the `;`.
    /// Bounded look-ahead (≤ 33 bytes), so it is O(1) per `&`.
    static func decode(_ text: [UInt8], at start: Int, end: Int) -> (bytes: [UInt8], next: Int)? {
        var i = start + 1
        guard i < end else { return nil }
        if text[i] == Byte.hash {
            i += 1
            var value: UInt32 = 0
            var digits = 0
            let hex = i < end && (text[i] | 0x20) == 0x78
            if hex { i += 1 }
            while i < end, digits < (hex ? 6 : 7) {
                let b = text[i]
                if hex, ByteClass.isHexDigit(b) {
                    value = value * 16 + UInt32(hexValue(b))
                } else if !hex, ByteClass.isDigit(b) {
                    value = value * 10 + UInt32(b - Byte.digit0)
                } else {
                    break
                }
                digits += 1
                i += 1
            }
            guard digits > 0, i < end, text[i] == Byte.semicolon else { return nil }
            return (utf8(value == 0 ? 0xFFFD : value), i + 1)
        }
        let nameStart = i
        while i < end, i - nameStart < 32, ByteClass.isAlphanumeric(text[i]) { i += 1 }
        guard i > nameStart, i < end, text[i] == Byte.semicolon else { return nil }
        let length = i - nameStart
        for entry in named where entry.name.count == length {
            var same = true
            for k in 0..<length where entry.name[k] != text[nameStart + k] {
                same = false
                break
            }
            if same { return (utf8(entry.scalar), i + 1) }
        }
        return nil
    }

    /// Value of one hex digit byte.
    @inline(__always) static func hexValue(_ b: UInt8) -> UInt8 {
        if ByteClass.isDigit(b) { return b - Byte.digit0 }
        return (b | 0x20) - 0x61 + 10
    }

    /// UTF-8 encoding of a code point; invalid ones (surrogates, > U+10FFFF) become U+FFFD.
    static func utf8(_ value: UInt32) -> [UInt8] {
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        return Array(String(Character(scalar)).utf8)
    }

    /// Resolves backslash escapes and entity references in a raw string (link destinations,
    /// titles, info strings), producing the literal bytes the spec says those stand for.
    static func unescape(_ text: [UInt8], _ start: Int, _ end: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var i = start
        while i < end {
            let b = text[i]
            if b == Byte.backslash, i + 1 < end, ByteClass.isASCIIPunctuation(text[i + 1]) {
                out.append(text[i + 1])
                i += 2
            } else if b == Byte.ampersand, let entity = decode(text, at: i, end: end) {
                out.append(contentsOf: entity.bytes)
                i = entity.next
            } else {
                out.append(b)
                i += 1
            }
        }
        return out
    }
}
