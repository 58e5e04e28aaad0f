import Foundation
import Testing
import Survey

@Suite struct JSONTextTests {
    /// RFC 8259 §7: quote, backslash and control characters must be escaped; the result must
    /// parse back (checked with Foundation's independent JSON parser) to the original string.
    @Test func stringsRoundTripThroughFoundation() throws {
        // Texts that need no escape take a fast path (quoted as they are); the others are walked
        // scalar by scalar: both kinds, ASCII and not, and an escape at the end only.
        let samples = ["plain", "quote \" and \\ backslash", "tab\tnew\nline\r", "\u{01}\u{1F}", "Жители «»", "",
                       "Жители", "😀 ok", "\u{7F}", "naïve\\", "Алматы\n"]
        for s in samples {
            let text = "[" + JSONText.string(s) + "]"
            let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String]
            #expect(parsed == [s])
            // Appending writes the same text as the literal alone.
            var out = "["
            JSONText.append(s, to: &out)
            #expect(out == "[" + JSONText.string(s))
        }
        #expect(JSONText.string("\u{01}") == "\"\\u0001\"")
        #expect(JSONText.string("Жители 😀") == "\"Жители 😀\"")
        #expect(JSONText.string(nil) == "null")
    }

    /// Shortest round-trip form: parsing the text gives back the same Double.
    @Test func numbersRoundTripAndNonFiniteIsNull() {
        for x in [0.1, 1.0 / 3.0, -2.5e-12, 6.02214076e23, 123456789.0] {
            #expect(Double(JSONText.number(x)) == x)
        }
        #expect(JSONText.number(-0.0) == "0")
        #expect(JSONText.number(.nan) == "null" && JSONText.number(.infinity) == "null" && JSONText.number(nil) == "null")
    }
}
