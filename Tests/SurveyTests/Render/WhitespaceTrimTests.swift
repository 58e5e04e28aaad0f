import Foundation
import Testing
import Survey
@testable import SurveySeries

/// `whitespacesTrimmed()` and the other fast paths of issue 17 item 4 must give exactly what the
/// Foundation and standard-library calls they stand in for give.
@Suite struct WhitespaceTrimTests {
    static let samples = [
        "", " ", "\t", "KZ", " KZ", "KZ ", "\tKZ\t", "Kazakhstan", "United States", " United States ",
        "a b", "\u{00A0}KZ", "KZ\u{00A0}", "\u{3000}UZ\u{2003}", "Қазақстан", " Қазақстан ", "x\n", "\ny",
        "dont-know", "don't know", "-", "é", "e\u{301}",
    ]

    /// Reference: Foundation's `trimmingCharacters(in: .whitespaces)` (tab and Unicode Zs).
    @Test(arguments: samples) func equalsFoundationTrim(_ s: String) {
        #expect(s.whitespacesTrimmed() == s.trimmingCharacters(in: .whitespaces))
        #expect(Substring(s).whitespacesTrimmed() == s.trimmingCharacters(in: .whitespaces))
    }

    /// Reference: the split-and-join `CABCodebook.normalise` was written as.
    @Test(arguments: samples + ["  Very   favorable ", "Not\u{00A0}asked", "\tA\n b "])
    func codebookNormaliseEqualsSplitJoin(_ s: String) {
        #expect(CABCodebook.normalise(s) == s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ").lowercased())
    }

    /// Reference: the Foundation chain `measureAlias` was written as.
    @Test(arguments: samples + ["Favorable", "DK", "fav", "Don't Know", "net"])
    func measureAliasEqualsFoundationChain(_ s: String) {
        let t = s.lowercased().trimmingCharacters(in: .whitespaces)
            .replacingOccurrences(of: "'", with: "").replacingOccurrences(of: " ", with: "-")
        let expected = ["dk": "dont-know", "dontknow": "dont-know", "dont-know": "dont-know", "fav": "favorable", "unfav": "unfavorable"][t] ?? t
        #expect(SeriesSelection.measureAlias(s) == expected)
    }

    /// Reference: the Foundation trim `Countries.code(for:)` and `Targets.canonical` were written
    /// with, then their lookups by hand (two letters upper-cased; names and variants lower-cased).
    @Test(arguments: samples + [" kz", "kyrgyz republic ", "\tTurkmenia", " Russia ", "usa", "\u{00A0}china"])
    func countryAndTargetEqualFoundationTrim(_ s: String) {
        let t = s.trimmingCharacters(in: .whitespaces)
        let code: String? = t.count == 2 ? t.uppercased()
            : Countries.names.first(where: { $0.value.lowercased() == t.lowercased() })?.key ?? Countries.variants[t.lowercased()]
        #expect(Countries.code(for: s) == code)
        #expect(Targets.canonical(s) == Targets.aliases[t.lowercased()])
    }

    /// Reference: the split-and-join rule `normaliseMode` states for ASCII text.
    @Test(arguments: ["face-to-face", "face to face", "Telephone", "CATI", "-x", "x-", "a--b", "web_panel", "t1", ""])
    func normaliseModeEqualsSplitJoin(_ s: String) {
        let expected = s.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" }).joined(separator: "-")
        #expect(Observation.normaliseMode(s) == expected)
    }
}
