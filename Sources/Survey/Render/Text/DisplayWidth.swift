import SurveyText

/// Terminal column width of text: East Asian Wide (W) and Fullwidth (F) characters take two
/// columns, combining marks and zero-width characters none, everything else one (as `wcwidth`
/// does). Used by every text renderer so CJK labels line up.
package enum DisplayWidth {
    /// Columns `text` occupies in a terminal.
    package static func of(_ text: some StringProtocol) -> Int {
        // ASCII other than NUL is one column (no ASCII scalar is Mn, Me or Cf): no Unicode
        // property lookup for the common case.
        if text.isASCII { return text.utf8.reduce(0) { $0 + ($1 == 0 ? 0 : 1) } }
        return text.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    /// Columns of one scalar: 0, 1 or 2.
    package static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x80 { return v == 0 ? 0 : 1 }
        if zeroWidth(scalar) { return 0 }
        return wide(v) ? 2 : 1
    }

    /// Combining marks (Mn, Me), format characters such as ZWJ (Cf) and variation selectors.
    static func zeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return (0xFE00...0xFE0F).contains(scalar.value) || (0x1160...0x11FF).contains(scalar.value)
        }
    }

    /// East_Asian_Width W or F (Unicode 15 EastAsianWidth.txt, main blocks).
    static func wide(_ v: UInt32) -> Bool {
        for r in wideRanges where r.first <= v && v <= r.last { return true }
        return false
    }

    /// First and last scalar of each range: pairs, since an array of `ClosedRange<UInt32>` costs
    /// the process a protocol-conformance scan to build.
    static let wideRanges: [(first: UInt32, last: UInt32)] = [
        (0x1100, 0x115F),   // Hangul Jamo initial consonants
        (0x231A, 0x231B), (0x2329, 0x232A), (0x23E9, 0x23EC), (0x23F0, 0x23F0), (0x23F3, 0x23F3),
        (0x25FD, 0x25FE), (0x2614, 0x2615), (0x2648, 0x2653), (0x267F, 0x267F), (0x2693, 0x2693),
        (0x26A1, 0x26A1), (0x26AA, 0x26AB), (0x26BD, 0x26BE), (0x26C4, 0x26C5), (0x26CE, 0x26CE),
        (0x26D4, 0x26D4), (0x26EA, 0x26EA), (0x26F2, 0x26F3), (0x26F5, 0x26F5), (0x26FA, 0x26FA),
        (0x26FD, 0x26FD), (0x2705, 0x2705), (0x270A, 0x270B), (0x2728, 0x2728), (0x274C, 0x274C),
        (0x274E, 0x274E), (0x2753, 0x2755), (0x2757, 0x2757), (0x2795, 0x2797), (0x27B0, 0x27B0),
        (0x27BF, 0x27BF), (0x2B1B, 0x2B1C), (0x2B50, 0x2B50), (0x2B55, 0x2B55),
        (0x2E80, 0x303E),   // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
        (0x3041, 0x33FF),   // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, Kanbun, CJK strokes, enclosed
        (0x3400, 0x4DBF),   // CJK Extension A
        (0x4E00, 0x9FFF),   // CJK Unified Ideographs
        (0xA000, 0xA4CF),   // Yi
        (0xA960, 0xA97F),   // Hangul Jamo Extended-A
        (0xAC00, 0xD7A3),   // Hangul syllables
        (0xF900, 0xFAFF),   // CJK compatibility ideographs
        (0xFE10, 0xFE19),   // vertical forms
        (0xFE30, 0xFE6F),   // CJK compatibility forms, small form variants
        (0xFF00, 0xFF60),   // fullwidth forms
        (0xFFE0, 0xFFE6),   // fullwidth signs
        (0x16FE0, 0x16FE4), (0x17000, 0x18CFF), (0x1B000, 0x1B2FF),  // Tangut, Kana supplement
        (0x1F004, 0x1F004), (0x1F0CF, 0x1F0CF), (0x1F18E, 0x1F18E), (0x1F191, 0x1F19A),
        (0x1F200, 0x1F251), (0x1F300, 0x1F64F),  // enclosed ideographic supplement, pictographs, emoticons
        (0x1F680, 0x1F6FF), (0x1F7E0, 0x1F7EB), (0x1F90C, 0x1F9FF), (0x1FA70, 0x1FAFF),
        (0x20000, 0x2FFFD), (0x30000, 0x3FFFD),  // CJK Extensions B–H
    ]
}
