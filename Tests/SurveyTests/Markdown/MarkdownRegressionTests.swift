import Testing
@testable import SurveyMarkdown

/// Inputs that Ink 0.6 rendered wrongly. Expected HTML is cmark-gfm's output, except for the
/// safety cases (4–6), whose expected text follows this renderer's documented policy.
@Suite struct MarkdownRegressionTests {
    @Test("1: emphasis across a soft break inside a list item")
    func emphasisInListItem() {
        #expect(MarkdownHTML.render("- item with *emphasis\n  over two lines*")
            == "<ul>\n<li>item with <em>emphasis\nover two lines</em></li>\n</ul>\n")
    }

    @Test("2: nested list by indentation")
    func nestedList() {
        #expect(MarkdownHTML.render("- a\n  - b\n    - c")
            == "<ul>\n<li>a\n<ul>\n<li>b\n<ul>\n<li>c</li>\n</ul>\n</li>\n</ul>\n</li>\n</ul>\n")
    }

    @Test("3: fenced code inside a block quote")
    func fenceInQuote() {
        #expect(MarkdownHTML.render("> ```\n> code <x>\n> ```")
            == "<blockquote>\n<pre><code>code &lt;x&gt;\n</code></pre>\n</blockquote>\n")
    }

    @Test("4: generic type in prose stays text")
    func genericInProse() {
        #expect(MarkdownHTML.render("Use List<String> here") == "<p>Use List&lt;String&gt; here</p>\n")
    }

    @Test("5: script tags are escaped")
    func scriptEscaped() {
        #expect(MarkdownHTML.render("<script>alert(1)</script>")
            == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n")
    }

    @Test("6: javascript: link is not a link")
    func javascriptLink() {
        #expect(MarkdownHTML.render("[x](javascript:alert(1))") == "<p>x</p>\n")
    }

    @Test("7: autolink with query string escapes & in href and text")
    func autolinkAmpersand() {
        #expect(MarkdownHTML.render("<https://example.org/a?b=1&c=2>")
            == "<p><a href=\"https://example.org/a?b=1&amp;c=2\">https://example.org/a?b=1&amp;c=2</a></p>\n")
    }

    @Test("8: a line starting with a code span continues the paragraph")
    func codeSpanContinuesParagraph() {
        #expect(MarkdownHTML.render("text\n`code` continues") == "<p>text\n<code>code</code> continues</p>\n")
    }

    @Test("9: an unescaped pipe inside a code span still splits table cells (GFM)")
    func pipeInCodeSpanCell() {
        let expected = "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
            + "<td>`x</td>\n<td>y`</td>\n</tr>\n</tbody>\n</table>\n"
        #expect(MarkdownHTML.render("| a | b |\n| - | - |\n| `x|y` | z |") == expected)
        let escaped = "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
            + "<td><code>x|y</code></td>\n<td>z</td>\n</tr>\n</tbody>\n</table>\n"
        #expect(MarkdownHTML.render("| a | b |\n| - | - |\n| `x\\|y` | z |") == escaped)
    }

    @Test("10: trailing whitespace line after a list item")
    func trailingWhitespaceAfterItem() {
        #expect(MarkdownHTML.render("+ x\n  ") == "<ul>\n<li>x</li>\n</ul>\n")
        #expect(MarkdownHTML.render("+ x\n  \n") == "<ul>\n<li>x</li>\n</ul>\n")
        #expect(MarkdownHTML.render("+ \n  ") == "<ul>\n<li></li>\n</ul>\n")
    }
}
