import Foundation

/// Folds text to 7-bit ASCII for `--ascii` output, so that every byte printed is < 0x80.
///
/// Typographic punctuation gets its ASCII look-alike (`·` → `-`, `–`/`—` → `-`, `…` → `...`,
/// curly quotes → straight quotes, `±` → `+/-`, `×` → `x`), accented Latin letters lose their
/// accents (`é` → `e`), and anything still outside ASCII (Cyrillic, CJK, emoji) becomes `?`.
public enum ASCIIText {
    private static let replacements: [Character: String] = [
        "·": "-", "•": "*", "–": "-", "—": "-", "−": "-", "…": "...", "‘": "'", "’": "'",
        "“": "\"", "”": "\"", "«": "\"", "»": "\"", "±": "+/-", "×": "x", "≥": ">=", "≤": "<=",
        "\u{00A0}": " ", "°": " deg", "²": "^2", "³": "^3",
    ]

    /// `text` with every character folded to ASCII.
    public static func fold(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        var out = ""
        for ch in text {
            if ch.isASCII {
                out.append(ch)
            } else if let r = replacements[ch] {
                out += r
            } else {
                let plain = String(ch).folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
                out += plain.unicodeScalars.allSatisfy(\.isASCII) && !plain.isEmpty ? plain : "?"
            }
        }
        return out
    }
}
