@_spi(_Unicode) import Swift
import SurveyText

/// Folds text to 7-bit ASCII for `--ascii` output, so that every byte printed is < 0x80.
///
/// Typographic punctuation gets its ASCII look-alike (`·` → `-`, `–`/`—` → `-`, `…` → `...`,
/// curly quotes → straight quotes, `±` → `+/-`, `×` → `x`), accented Latin letters lose their
/// accents (`é` → `e`), Cyrillic (Russian and the Kazakh, Kyrgyz, Tajik and Uzbek letters) is
/// transliterated in the BGN/PCGN manner without diacritics (`Жители` → `Zhiteli`, `ә` → `a`,
/// `қ` → `q`, `ь`/`ъ` dropped), and anything still outside ASCII (CJK, emoji) becomes `?`.
enum ASCIIText {
    private static let replacements: [Character: String] = [
        "·": "-", "•": "*", "–": "-", "—": "-", "−": "-", "…": "...", "‘": "'", "’": "'", "→": "->",
        "“": "\"", "”": "\"", "«": "\"", "»": "\"", "±": "+/-", "×": "x", "≥": ">=", "≤": "<=",
        "\u{00A0}": " ", "°": " deg", "²": "^2", "³": "^3",
    ]

    /// Lower-case Cyrillic → Latin; upper case maps to the capitalised form.
    private static let cyrillic: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
        "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
        "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
        "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
        "ә": "a", "ғ": "gh", "қ": "q", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
        "ў": "o", "ҳ": "h", "ҷ": "j", "ӣ": "i", "ӯ": "u",
    ]

    /// `text` with every character folded to ASCII.
    static func fold(_ text: String) -> String {
        if text.isASCII { return text }
        var out = ""
        for ch in text {
            if ch.isASCII {
                out.append(ch)
            } else if let r = replacements[ch] {
                out += r
            } else if let r = cyrillic[ch] {
                out += r
            } else if let lower = ch.lowercased().first, lower != ch, let r = cyrillic[lower] {
                out += r.prefix(1).uppercased() + r.dropFirst()
            } else {
                let plain = withoutMarks(ch)
                out += plain.unicodeScalars.allSatisfy(\.isASCII) && !plain.isEmpty ? plain : "?"
            }
        }
        return out
    }

    /// `ch` decomposed (NFD) without its combining marks, full-width forms as their ASCII
    /// (`é` → `e`, `Ａ` → `A`): what Foundation's `folding(options: [.diacriticInsensitive,
    /// .widthInsensitive])` gives for the text that can become ASCII, without Foundation.
    static func withoutMarks(_ ch: Character) -> String {
        var out = String.UnicodeScalarView()
        for scalar in String(ch)._nfd where scalar.properties.generalCategory != .nonspacingMark {
            if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
                out.append(ascii)
            } else if scalar.value == 0x3000 {
                out.append(" ")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
