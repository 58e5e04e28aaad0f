import Testing
@testable import SurveyMarkdown

/// Cases where this renderer follows the CommonMark 0.31.2 spec and cmark-gfm does not;
/// expected HTML is copied from the spec's examples (and agrees with markdown-it).
@Suite struct MarkdownSpecTests {
    static let casesCases: [MarkdownCase] = [
        MarkdownCase("nested strong (spec ex. 391)", "__foo, __bar__, baz__",
             "<p><strong>foo, <strong>bar</strong>, baz</strong></p>\n"),
        MarkdownCase("rule of three (spec ex. 419)", "foo******bar*********baz",
             "<p>foo<strong><strong><strong>bar</strong></strong></strong>***baz</p>\n"),
        MarkdownCase("five underscores (spec ex. 470)", "_____foo_____",
             "<p><em><strong><strong>foo</strong></strong></em></p>\n"),
        MarkdownCase("Unicode symbols are punctuation (spec ex. 356)", "*$*alpha.\n\n*£*bravo.\n\n*€*charlie.",
             "<p>*$*alpha.</p>\n<p>*£*bravo.</p>\n<p>*€*charlie.</p>\n"),
        MarkdownCase("at most 7 decimal digits (spec ex. 28)", "&#87654321;", "<p>&amp;#87654321;</p>\n"),
        MarkdownCase("openers_bottom keyed by can-open", "_***__*-__", "<p><em>**<em>__</em>-</em>_</p>\n"),
        MarkdownCase("unbalanced ( in destination is not a link", "[a](b( \"t\")", "<p>[a](b( &quot;t&quot;)</p>\n"),
        MarkdownCase("escaped & does not start an entity", "[a](/u\\&#35;)", "<p><a href=\"/u&amp;#35;\">a</a></p>\n"),
    ]

    @Test("spec behaviour where cmark-gfm differs", arguments: casesCases)
    func spec(_ c: MarkdownCase) {
        #expect(MarkdownHTML.render(c.markdown) == c.html)
    }
}
