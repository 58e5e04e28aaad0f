/// Things that start with `<`: autolinks (CommonMark §6.5) and the small allow-list of
/// attribute-free HTML tags we pass through. Everything else starting with `<` is text.
enum Autolinks {
    /// Tags emitted verbatim (matched case-insensitively); they carry no attributes, so they
    /// cannot smuggle scripts or styles.
    static let allowedTags: [[UInt8]] = [
        "<sup>", "</sup>", "<sub>", "</sub>", "<br>", "<br/>", "<br />",
        "<em>", "</em>", "<strong>", "</strong>", "<b>", "</b>", "<i>", "</i>", "<kbd>", "</kbd>",
    ].map { Array($0.utf8) }

    /// Schemes accepted in `<scheme:…>` autolinks.
    static let schemes: [[UInt8]] = [Array("http".utf8), Array("https".utf8), Array("mailto".utf8)]

    /// End index of an allow-listed tag starting at text[start] (`<`), or nil.
    static func allowedTag(_ text: [UInt8], _ start: Int) -> Int? {
        for tag in allowedTags where start + tag.count <= text.count {
            var same = true
            for k in 0..<tag.count where ByteClass.lower(text[start + k]) != tag[k] {
                same = false
                break
            }
            if same { return start + tag.count }
        }
        return nil
    }

    /// A URI autolink `<http://…>` at text[start]: the address range and the index past `>`.
    /// The scan stops at the first space, control character, `<` or `>`, so it is O(1)
    /// amortised: a failed scan never crosses the next `<`.
    static func uri(_ text: [UInt8], _ start: Int) -> (start: Int, end: Int, next: Int)? {
        let n = text.count
        var i = start + 1
        while i < n, i - start <= 33,
              ByteClass.isAlphanumeric(text[i]) || text[i] == Byte.plus || text[i] == Byte.dot || text[i] == Byte.minus {
            i += 1
        }
        let schemeLength = i - start - 1
        guard schemeLength >= 2, schemeLength <= 32, i < n, text[i] == Byte.colon,
              ByteClass.isLetter(text[start + 1]) else { return nil }
        var scheme: [UInt8] = []
        for k in (start + 1)..<i { scheme.append(ByteClass.lower(text[k])) }
        guard schemes.contains(scheme) else { return nil }
        var j = i + 1
        while j < n {
            let b = text[j]
            if b == Byte.greaterThan { return (start + 1, j, j + 1) }
            if b <= Byte.space || b == 0x7F || b == Byte.lessThan { return nil }
            j += 1
        }
        return nil
    }

    /// An email autolink `<user@host.example>` at text[start]: address range and index past `>`.
    static func email(_ text: [UInt8], _ start: Int) -> (start: Int, end: Int, next: Int)? {
        let n = text.count
        var i = start + 1
        while i < n, isLocalPartByte(text[i]) { i += 1 }
        guard i > start + 1, i < n, text[i] == Byte.at else { return nil }
        i += 1
        // Domain: labels of [A-Za-z0-9-] (1–63 chars, no leading/trailing '-') joined by '.'.
        while true {
            let labelStart = i
            while i < n, i - labelStart < 64, ByteClass.isAlphanumeric(text[i]) || text[i] == Byte.minus { i += 1 }
            let length = i - labelStart
            guard length >= 1, length <= 63, text[labelStart] != Byte.minus, text[i - 1] != Byte.minus else { return nil }
            guard i < n else { return nil }
            if text[i] == Byte.greaterThan { return (start + 1, i, i + 1) }
            guard text[i] == Byte.dot else { return nil }
            i += 1
        }
    }

    /// Characters allowed before the `@` of an email autolink (HTML5's valid e-mail grammar).
    static func isLocalPartByte(_ b: UInt8) -> Bool {
        if ByteClass.isAlphanumeric(b) { return true }
        switch b {
        case 0x2E, 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2F, 0x3D, 0x3F,  // . ! # $ % & ' * + / = ?
             0x5E, 0x5F, 0x60, 0x7B, 0x7C, 0x7D, 0x7E, 0x2D:                       // ^ _ ` { | } ~ -
            return true
        default:
            return false
        }
    }
}
