/// Link-destination policy: which URLs may become `href`/`src`, and how they are encoded.
enum URLSafety {
    /// Schemes we let through; any other scheme makes the link render as plain text.
    static let allowedSchemes: [[UInt8]] = [Array("http".utf8), Array("https".utf8), Array("mailto".utf8)]

    /// True when `url` is scheme-less (relative, `#frag`, `?query`, `//host`) or uses an
    /// allowed scheme. Leading spaces/control characters are ignored, and so are tabs and
    /// newlines inside the scheme (browsers strip them, so `java\tscript:` is a scheme too).
    static func isSafe(_ url: [UInt8]) -> Bool {
        var i = 0
        while i < url.count, url[i] <= Byte.space { i += 1 }
        var scheme: [UInt8] = []
        while i < url.count {
            let b = url[i]
            if b == Byte.tab || b == Byte.newline || b == Byte.carriageReturn {
                i += 1
                continue
            }
            if b == Byte.colon { break }
            let allowed = scheme.isEmpty ? ByteClass.isLetter(b)
                : (ByteClass.isAlphanumeric(b) || b == Byte.plus || b == Byte.minus || b == Byte.dot)
            if !allowed { return true }   // no scheme: relative reference
            if scheme.count >= 64 { return false } // absurdly long "scheme": refuse
            scheme.append(ByteClass.lower(b))
            i += 1
        }
        if i >= url.count { return true }   // never met a colon
        if scheme.isEmpty { return true }   // ":foo" is a relative path
        return allowedSchemes.contains(scheme)
    }

    /// Appends `url` as an `href`/`src` value: bytes outside a conservative URL-safe set are
    /// percent-encoded (space → %20, `"` → %22, non-ASCII as UTF-8 octets), existing `%XX`
    /// are kept, and `&`/`'` are HTML-escaped. Never emits a raw `"`, `<`, `>` or space.
    static func appendHref(_ url: [UInt8], to out: inout [UInt8]) {
        for b in url {
            if b == Byte.ampersand {
                out.append(contentsOf: Escaping.amp)
            } else if b == Byte.apostrophe {
                out.append(contentsOf: Escaping.apos)
            } else if isURLSafe(b) {
                out.append(b)
            } else {
                out.append(0x25) // %
                out.append(hexDigits[Int(b >> 4)])
                out.append(hexDigits[Int(b & 0x0F)])
            }
        }
    }

    /// Bytes copied verbatim into a URL: alphanumerics and RFC 3986 reserved/unreserved marks.
    @inline(__always) static func isURLSafe(_ b: UInt8) -> Bool {
        if ByteClass.isAlphanumeric(b) { return true }
        switch b {
        case 0x2D, 0x2E, 0x5F, 0x7E,                   // - . _ ~
             0x3A, 0x2F, 0x3F, 0x23, 0x40,             // : / ? # @
             0x21, 0x24, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x3B, 0x3D, // ! $ ( ) * + , ; =
             0x25:                                     // % (keep existing escapes)
            return true
        default:
            return false
        }
    }

    static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
}
