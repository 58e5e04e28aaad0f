import Testing
@testable import SurveyMarkdown

/// The safety policy: escaping, raw HTML, link schemes, attribute values, nesting caps.
/// Expected strings are written from the documented policy (they deliberately differ from
/// cmark-gfm, which passes raw HTML and any scheme through).
@Suite struct MarkdownSafetyTests {
    static let escapingCases: [MarkdownCase] = [
        MarkdownCase("text is escaped", "a & b < c > d \"e\" 'f'", "<p>a &amp; b &lt; c &gt; d &quot;e&quot; 'f'</p>\n"),
        MarkdownCase("script block", "<script>\nalert(1)\n</script>", "<p>&lt;script&gt;\nalert(1)\n&lt;/script&gt;</p>\n"),
        MarkdownCase("html block", "<div onclick=\"x()\">\n*hi*\n</div>",
             "<p>&lt;div onclick=&quot;x()&quot;&gt;\n<em>hi</em>\n&lt;/div&gt;</p>\n"),
        MarkdownCase("comment", "<!-- x -->", "<p>&lt;!-- x --&gt;</p>\n"),
        MarkdownCase("html in heading", "# <img src=x onerror=alert(1)>", "<h1>&lt;img src=x onerror=alert(1)&gt;</h1>\n"),
        MarkdownCase("html in link text", "[<b onclick=1>x</b>](/u)",
             "<p><a href=\"/u\">&lt;b onclick=1&gt;x&lt;/b&gt;</a></p>\n"),
        MarkdownCase("html in image alt", "![<script>\"](/i.png)", "<p><img src=\"/i.png\" alt=\"&lt;script&gt;&quot;\" /></p>\n"),
        MarkdownCase("html in code span", "`<script>`", "<p><code>&lt;script&gt;</code></p>\n"),
        MarkdownCase("html in fence", "```\n<script>\n```", "<pre><code>&lt;script&gt;\n</code></pre>\n"),
        MarkdownCase("fence language is attribute-escaped", "```a\"onclick=x\nq\n```",
             "<pre><code class=\"language-a&quot;onclick=x\">q\n</code></pre>\n"),
        MarkdownCase("title is attribute-escaped", "[t](/u \"x\\\"y'z<\")",
             "<p><a href=\"/u\" title=\"x&quot;y&#x27;z&lt;\">t</a></p>\n"),
        MarkdownCase("href is percent-encoded", "[a](<a b\"c>)", "<p><a href=\"a%20b%22c\">a</a></p>\n"),
        MarkdownCase("non-ASCII href", "[a](/é)", "<p><a href=\"/%C3%A9\">a</a></p>\n"),
        MarkdownCase("NUL becomes U+FFFD", "a\u{0}b", "<p>a\u{FFFD}b</p>\n"),
        MarkdownCase("zero reference becomes U+FFFD", "&#0;", "<p>\u{FFFD}</p>\n"),
        MarkdownCase("unknown entity is escaped", "&bogus; &", "<p>&amp;bogus; &amp;</p>\n"),
    ]

    @Test("HTML escaping", arguments: escapingCases)
    func escaping(_ c: MarkdownCase) {
        #expect(MarkdownHTML.render(c.markdown) == c.html)
    }

    static let allowedTagsCases: [MarkdownCase] = [
        MarkdownCase("sup and sub", "a<sup>2</sup> H<sub>2</sub>O", "<p>a<sup>2</sup> H<sub>2</sub>O</p>\n"),
        MarkdownCase("br forms", "a<br>b<br/>c<br />d", "<p>a<br />b<br />c<br />d</p>\n"),
        MarkdownCase("inline tags", "<kbd>Ctrl</kbd>+<b>B</b> <i>i</i> <em>e</em> <strong>s</strong>",
             "<p><kbd>Ctrl</kbd>+<b>B</b> <i>i</i> <em>e</em> <strong>s</strong></p>\n"),
        MarkdownCase("upper case is normalised", "<SUP>1</SUP>", "<p><sup>1</sup></p>\n"),
        MarkdownCase("attributes are not allowed", "<sup class=\"x\">y</sup>",
             "<p>&lt;sup class=&quot;x&quot;&gt;y&lt;/sup&gt;</p>\n"),
        MarkdownCase("stray closing tag is text", "</em>x", "<p>&lt;/em&gt;x</p>\n"),
        MarkdownCase("unclosed tag is closed at block end", "<kbd>k\n\nnext", "<p><kbd>k</kbd></p>\n<p>next</p>\n"),
        MarkdownCase("misnested tags are re-nested", "<b>x<i>y</b>z", "<p><b>x<i>y</i></b>z</p>\n"),
        MarkdownCase("allowed tag in alt is text", "![a<sup>2</sup>](/i)", "<p><img src=\"/i\" alt=\"a&lt;sup&gt;2&lt;/sup&gt;\" /></p>\n"),
    ]

    @Test("allow-listed raw tags", arguments: allowedTagsCases)
    func allowedTags(_ c: MarkdownCase) {
        #expect(MarkdownHTML.render(c.markdown) == c.html)
    }

    static let schemesCases: [MarkdownCase] = [
        MarkdownCase("javascript", "[x](javascript:alert(1))", "<p>x</p>\n"),
        MarkdownCase("mixed case", "[x](JaVaScRiPt:alert(1))", "<p>x</p>\n"),
        MarkdownCase("leading spaces in angle destination", "[x](<  javascript:alert(1)>)", "<p>x</p>\n"),
        MarkdownCase("tab inside scheme", "[x](<java\tscript:alert(1)>)", "<p>x</p>\n"),
        MarkdownCase("entity-encoded scheme", "[x](&#106;avascript:alert(1))", "<p>x</p>\n"),
        MarkdownCase("escaped colon", "[x](javascript\\:alert(1))", "<p>x</p>\n"),
        MarkdownCase("vbscript data file", "[v](vbscript:x) [d](data:text/html,hi) [f](file:///etc/passwd)", "<p>v d f</p>\n"),
        MarkdownCase("link text keeps markup", "[*x*](javascript:alert(1))", "<p><em>x</em></p>\n"),
        MarkdownCase("image becomes alt text", "![a *b*](javascript:alert(1))", "<p>a b</p>\n"),
        MarkdownCase("data image", "![y](data:image/png;base64,AAA)", "<p>y</p>\n"),
        MarkdownCase("javascript autolink is text", "<javascript:alert(1)>", "<p>&lt;javascript:alert(1)&gt;</p>\n"),
        MarkdownCase("other autolink schemes are text", "<irc://foo.bar:2233/baz>", "<p>&lt;irc://foo.bar:2233/baz&gt;</p>\n"),
        MarkdownCase("allowed schemes", "[a](http://x.y) [b](https://x.y) [c](mailto:a@b.c) [d](HTTPS://x.y)",
             "<p><a href=\"http://x.y\">a</a> <a href=\"https://x.y\">b</a> <a href=\"mailto:a@b.c\">c</a> <a href=\"HTTPS://x.y\">d</a></p>\n"),
        MarkdownCase("scheme-less", "[q](?a=1&b=2) [h](#top) [r](../x/y.md) [s](//example.com/x) [c](a/b:c)",
             "<p><a href=\"?a=1&amp;b=2\">q</a> <a href=\"#top\">h</a> <a href=\"../x/y.md\">r</a> "
             + "<a href=\"//example.com/x\">s</a> <a href=\"a/b:c\">c</a></p>\n"),
    ]

    @Test("link and image schemes", arguments: schemesCases)
    func schemes(_ c: MarkdownCase) {
        #expect(MarkdownHTML.render(c.markdown) == c.html)
    }

    @Test("nesting deeper than 64 containers becomes text")
    func nestingCap() {
        let quotes = MarkdownHTML.render(String(repeating: "> ", count: 100) + "x")
        #expect(markdownOccurrences(of: "<blockquote>", in: quotes) == 64)
        #expect(quotes.contains("<p>&gt; &gt;"))
        let items = MarkdownHTML.render(String(repeating: "- ", count: 100) + "x")
        #expect(markdownOccurrences(of: "<li>", in: items) == 64)
        let mixed = MarkdownHTML.render(String(repeating: "> - ", count: 50) + "x")
        #expect(markdownOccurrences(of: "<blockquote>", in: mixed) == 32)
        #expect(markdownOccurrences(of: "<li>", in: mixed) == 32)
    }

    @Test("empty and whitespace-only input")
    func emptyInput() {
        #expect(MarkdownHTML.render("") == "")
        #expect(MarkdownHTML.render("\n\n  \n\t") == "")
    }
}
