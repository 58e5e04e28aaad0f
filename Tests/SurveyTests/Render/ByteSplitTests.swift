import Foundation
import Testing
import Survey
@testable import SurveyNumerics
@testable import SurveyRender

/// Issue 17 item 4: the fast paths added for interactive latency give exactly what they replace.
/// Oracles: the standard library's Character `split`, Foundation's `String(format:)`, and
/// `DisplayWidth`'s per-scalar rule — on hand cases and seeded random strings that mix ASCII,
/// CR/LF, combining marks (which join the previous Character) and wide characters.
@Suite struct ByteSplitTests {
    static let pieces = ["a", "b", " ", "-", ";", "_", "\n", "\r", "\r\n", "\u{301}", "é", "中", "\t", "─", "x y"]

    static func randomTexts(seed: UInt64, count: Int) -> [String] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let n = Int(rng.next() % 12)
            return (0..<n).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
        }
    }

    /// By hand: a combining mark after `;` joins it, so that `;` is no separator; CR-LF is one
    /// Character, so that LF is none.
    @Test func handCases() {
        #expect(ByteSplit.ascii("a;b;;c", on: ";").map(String.init) == ["a", "b", "c"])
        #expect(ByteSplit.ascii("a;\u{301}b", on: ";").map(String.init) == ["a;\u{301}b"])
        #expect(ByteSplit.lines("x\n\ny", omittingEmptySubsequences: false).map(String.init) == ["x", "", "y"])
        #expect(ByteSplit.lines("x\r\ny\n", omittingEmptySubsequences: false).map(String.init) == ["x\r\ny", ""])
    }

    @Test func agreesWithCharacterSplit() {
        for text in Self.randomTexts(seed: 9, count: 4000) {
            for omitting in [true, false] {
                #expect(ByteSplit.lines(text, omittingEmptySubsequences: omitting)
                        == text.split(separator: "\n", omittingEmptySubsequences: omitting), "\(text.debugDescription)")
                for separator: Character in [" ", ";", "-"] {
                    #expect(ByteSplit.ascii(text, on: separator, omittingEmptySubsequences: omitting)
                            == text.split(separator: separator, omittingEmptySubsequences: omitting), "\(text.debugDescription)")
                }
            }
        }
    }

    /// The ASCII shortcut of `DisplayWidth.of` counts as the per-scalar sum does.
    @Test func displayWidthAgreesWithPerScalarSum() {
        for text in Self.randomTexts(seed: 10, count: 2000) + ["\u{0}a", "abc"] {
            #expect(DisplayWidth.of(text) == text.unicodeScalars.reduce(0) { $0 + DisplayWidth.of($1) })
        }
        #expect(DisplayWidth.of("ab\u{0}c") == 3)
        #expect(DisplayWidth.of("中a\u{301}") == 3)
    }

    /// `normaliseMode`'s byte path: same result as the Character split it shortcuts.
    @Test func normaliseModeAgreesWithCharacterSplit() {
        for text in Self.randomTexts(seed: 11, count: 2000) + ["Face to face", "CATI_phone", "face-to-face"] {
            let expected = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" }).joined(separator: "-")
            #expect(Observation.normaliseMode(text) == expected, "\(text.debugDescription)")
        }
        #expect(Observation.normaliseMode("Face to  Face") == "face-to-face")
    }

    /// `CellFormatter.printf` prints what `String(format:)` prints (the C library rounds both).
    @Test func printfAgreesWithStringFormat() {
        var rng = SplitMix64(seed: 12)
        let special: [Double] = [0, -0.0, 0.05, 0.15, 0.25, 2.5, -2.5, 1e-7, -1e-7, 123456.789, 1e300, -1.7976931348623157e308, 0.1 + 0.2]
        for i in 0..<3000 {
            let x = i < special.count ? special[i] : (rng.nextUnit() - 0.5) * pow(10, Double(Int(rng.next() % 12)) - 4)
            for digits in [0, 1, 2, 3, 6, 15] {
                #expect(CellFormatter.printf(x, digits: digits) == String(format: "%.\(digits)f", x), "\(x) \(digits)")
            }
        }
    }
}
