import Foundation
import Testing
@testable import SurveyText

/// Percent-encoding for notebook links; the reference is Foundation's `addingPercentEncoding`
/// with `urlPathAllowed` less `?#` (what the links used) and `removingPercentEncoding`.
@Suite struct PercentEncodingTests {
    static let allowed: CharacterSet = {
        var set = CharacterSet.urlPathAllowed
        set.remove(charactersIn: "?#")
        return set
    }()

    @Test(arguments: ["", "plain.md", "../a b/c.md", "Қазақстан.html", "100%.md", "a?b#c", "é/ü/ß", "x+y=z;@:~!$&'()*,",
                      "tab\there", "[brackets]{braces}|pipe^caret`grave", "\"quote\"<lt>", "emoji 🙂.md"])
    func equalsFoundation(_ path: String) {
        let encoded = PercentEncoding.encodePath(path)
        #expect(encoded == path.addingPercentEncoding(withAllowedCharacters: Self.allowed))
        #expect(PercentEncoding.decode(encoded) == path)
        #expect(PercentEncoding.decode(encoded) == encoded.removingPercentEncoding)
    }

    @Test(arguments: ["%", "%4", "%zz", "a%2", "%FF", "%C3%28"])
    func malformedOrNotUTF8IsNil(_ text: String) {
        #expect(PercentEncoding.decode(text) == nil)
        #expect(text.removingPercentEncoding == nil)
    }
}
