import SurveyText

/// Hand-written scanners for the three patterns `SourceCaption` looks for in a citation (a DOI, a
/// wave number, a data file name). They match exactly what the ICU regular expressions named on
/// each function match, without compiling a regex: ICU's first compile costs ~8M instructions
/// (its static Unicode sets), a third of an interactive command's budget (issue 17 item 4).
package enum CitationScan {
    /// The leftmost match of `10\.[0-9]{4,9}/[^\s;,]+` (ICU `\s`: tab, LF, FF, CR, Unicode Z*).
    package static func doi(in text: String) -> String? {
        let s = scalars(text)
        var i = 0
        while i + 3 <= s.count {
            defer { i += 1 }
            guard s[i] == "1", s[i + 1] == "0", s[i + 2] == "." else { continue }
            var j = i + 3
            while j < s.count, isDigit(s[j]) { j += 1 }
            // The digits stop at a non-digit, so `{4,9}` then `/` needs the whole run to fit.
            guard (4...9).contains(j - (i + 3)), j < s.count, s[j] == "/" else { continue }
            var k = j + 1
            while k < s.count, !isSpace(s[k]), s[k] != ";", s[k] != "," { k += 1 }
            guard k > j + 1 else { continue }
            return slice(s, i, k)
        }
        return nil
    }

    /// The leftmost match of `[Ww]ave [0-9]+`.
    package static func wave(in text: String) -> String? {
        let s = scalars(text)
        var i = 0
        while i + 5 < s.count {
            defer { i += 1 }
            guard s[i] == "W" || s[i] == "w", s[i + 1] == "a", s[i + 2] == "v", s[i + 3] == "e", s[i + 4] == " " else { continue }
            var j = i + 5
            while j < s.count, isDigit(s[j]) { j += 1 }
            if j > i + 5 { return slice(s, i, j) }
        }
        return nil
    }

    /// The data file extensions `fromFile` accepts.
    static let extensions: [[Unicode.Scalar]] = ["xlsx", "csv", "sav", "dta", "zip"].map { Array($0.unicodeScalars) }

    /// The leftmost match of `from [A-Za-z0-9_.\-]+\.(xlsx|csv|sav|dta|zip)`: the greedy name
    /// backtracks to the last `.ext` inside the run of name characters.
    package static func fromFile(in text: String) -> String? {
        let s = scalars(text)
        let from: [Unicode.Scalar] = ["f", "r", "o", "m", " "]
        var i = 0
        while i + 5 < s.count {
            defer { i += 1 }
            guard s[i] == "f", matches(from, s, at: i) else { continue }
            let start = i + 5
            var end = start
            while end < s.count, isNameCharacter(s[end]) { end += 1 }
            // `.` is itself a name character, so every candidate `.ext` lies inside the run; the
            // name before it needs at least one character.
            var dot = end - 1
            while dot > start {
                if s[dot] == ".", let ext = extensions.first(where: { matches($0, s, at: dot + 1) }) {
                    return slice(s, i, dot + 1 + ext.count)
                }
                dot -= 1
            }
        }
        return nil
    }

    static func matches(_ word: [Unicode.Scalar], _ s: [Unicode.Scalar], at i: Int) -> Bool {
        guard i + word.count <= s.count else { return false }
        for k in word.indices where s[i + k] != word[k] { return false }
        return true
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }

    static func isNameCharacter(_ c: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(c) || ("a"..."z").contains(c) || isDigit(c) || c == "_" || c == "." || c == "-"
    }

    /// ICU's `\s`: `[\t\n\f\r\p{Z}]`.
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "\t", "\n", "\u{0C}", "\r": return true
        default:
            if c.isASCII { return c == " " }
            switch c.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }
    }

    /// The scalars of `text`; for ASCII text straight from its bytes (each byte is a scalar),
    /// cheaper than walking the scalar view (a footer scans each citation three times).
    static func scalars(_ text: String) -> [Unicode.Scalar] {
        text.isASCII ? Array(text.utf8).map { Unicode.Scalar($0) } : Array(text.unicodeScalars)
    }

    /// The scalars `from..<to` of `s` as a string: ASCII (the usual citation) decoded from its
    /// bytes at once, else one scalar at a time (`append(contentsOf:)` an array slice is generic
    /// code that costs the process a protocol-conformance scan).
    static func slice(_ s: [Unicode.Scalar], _ from: Int, _ to: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(to - from)
        for i in from..<to where s[i].isASCII { bytes.append(UInt8(s[i].value)) }
        if bytes.count == to - from { return String(decoding: bytes, as: UTF8.self) }
        var out = String.UnicodeScalarView()
        for i in from..<to { out.append(s[i]) }
        return String(out)
    }
}
