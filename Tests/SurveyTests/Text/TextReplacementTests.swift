import Foundation
import Testing
@testable import SurveyText

/// `replacingEvery` stands in for Foundation's `replacingOccurrences(of:with:)` (CSV quoting,
/// notebook paths); the reference is Foundation itself.
@Suite struct TextReplacementTests {
    @Test(arguments: [
        ("", "\"", "\"\""), ("plain", "\"", "\"\""), ("a \"quoted\" word", "\"", "\"\""), ("\"\"", "\"", "\"\""),
("Қазақ \"стан\"", "\"", "\"\""), ("/tmp/a/tmp/b", "/tmp/a", "data"),
        ("aaaa", "aa", "b"), ("abc", "", "x"), ("ends with tail", "tail", ""),
    ])
    func equalsFoundationReplacement(_ text: String, _ target: String, _ replacement: String) {
        let reference = target.isEmpty ? text : text.replacingOccurrences(of: target, with: replacement)
        #expect(text.replacingEvery(target, with: replacement) == reference)
    }

    /// Why bytes and not characters: a quote followed by a combining accent is one `Character`,
    /// which `replacing(_:with:)` — and Foundation's `replacingOccurrences` on Linux, which the
    /// CSV writers used before — do not match, leaving an unescaped quote in a CSV field.
    @Test func aQuoteUnderACombiningAccentIsStillDoubled() {
        let accented = "\"\u{301}", quote = "\"", doubled = "\"\""
        let escaped = accented.replacingEvery(quote, with: doubled)
        let missed = accented.replacing(quote, with: doubled)
        #expect(escaped == doubled + "\u{301}")
        #expect(missed == accented)
        #expect(accented.replacingOccurrences(of: quote, with: doubled) == accented)
    }
}
