import Testing
@testable import SurveyMarkdown

/// Inline constructs (CommonMark §6, GFM strikethrough).
/// Expected HTML was produced by cmark-gfm (the `cmarkgfm` Python package, with the table
/// and strikethrough extensions), an implementation independent of this one.
@Suite struct MarkdownInlineTests {
    /// Inputs and cmark-gfm output for code spans.
    static let codespansCases: [MarkdownCase] = [
        MarkdownCase("code span", "`foo`",
             "<p><code>foo</code></p>\n"),
        MarkdownCase("double backticks", "`` foo ` bar ``",
             "<p><code>foo ` bar</code></p>\n"),
        MarkdownCase("strip one space", "` `` `",
             "<p><code>``</code></p>\n"),
        MarkdownCase("strip only one space", "`  ``  `",
             "<p><code> `` </code></p>\n"),
        MarkdownCase("only one side", "` a`",
             "<p><code> a</code></p>\n"),
        MarkdownCase("only spaces", "` `\n`  `",
             "<p><code> </code>\n<code>  </code></p>\n"),
        MarkdownCase("line endings become spaces", "``\nfoo\nbar  \nbaz\n``",
             "<p><code>foo bar   baz</code></p>\n"),
        MarkdownCase("no escapes in code", "`foo\\`bar`",
             "<p><code>foo\\</code>bar`</p>\n"),
        MarkdownCase("unmatched runs are literal", "```foo``\n\n`foo\n\n`foo``bar``",
             "<p>```foo``</p>\n<p>`foo</p>\n<p>`foo<code>bar</code></p>\n"),
        MarkdownCase("code beats emphasis", "*foo`*`",
             "<p>*foo<code>*</code></p>\n"),
        MarkdownCase("code beats link", "[not a `link](/foo`)",
             "<p>[not a <code>link](/foo</code>)</p>\n"),
        MarkdownCase("autolink before code", "<https://foo.bar.`baz>`",
             "<p><a href=\"https://foo.bar.%60baz\">https://foo.bar.`baz</a>`</p>\n"),
        MarkdownCase("entities not decoded in code", "`f&amp;o`",
             "<p><code>f&amp;amp;o</code></p>\n"),
    ]

    @Test("code spans", arguments: codespansCases)
    func codespans(_ c: MarkdownCase) {
        #expect(MarkdownHTML.render(c.markdown) == c.html)
    }

    /// Inputs and cmark-gfm output for emphasis and strong emphasis.
    static let emphasisCases: [MarkdownCase] = [
        MarkdownCase("emphasis", "*foo bar*",
             "<p><em>foo bar</em></p>\n"),
        MarkdownCase("not left-flanking", "a * foo bar*",
             "<p>a * foo bar*</p>\n"),
        MarkdownCase("punctuation flanking", "a*\"foo\"*",
             "<p>a*&quot;foo&quot;*</p>\n"),
        MarkdownCase("intraword star", "foo*bar*",
             "<p>foo<em>bar</em></p>\n"),
        MarkdownCase("intraword underscore", "foo_bar_\n\n5_6_78\n\nпристаням_стремятся_",
             "<p>foo_bar_</p>\n<p>5_6_78</p>\n<p>пристаням_стремятся_</p>\n"),
        MarkdownCase("underscore punctuation", "foo-_(bar)_",
             "<p>foo-<em>(bar)</em></p>\n"),
        MarkdownCase("underscore closing intraword", "_foo_bar_baz_",
             "<p><em>foo_bar_baz</em></p>\n"),
        MarkdownCase("strong", "**foo bar**\n\n__foo bar__",
             "<p><strong>foo bar</strong></p>\n<p><strong>foo bar</strong></p>\n"),
        MarkdownCase("strong with nested emphasis", "**foo \"*bar*\" foo**",
             "<p><strong>foo &quot;<em>bar</em>&quot; foo</strong></p>\n"),
        MarkdownCase("emphasis across lines", "*foo\nbar*",
             "<p><em>foo\nbar</em></p>\n"),
        MarkdownCase("nested emphasis", "_foo __bar__ baz_\n\n*foo *bar**",
             "<p><em>foo <strong>bar</strong> baz</em></p>\n<p><em>foo <em>bar</em></em></p>\n"),
        MarkdownCase("rule of three", "*foo**bar**baz*\n\n*foo**bar*",
             "<p><em>foo<strong>bar</strong>baz</em></p>\n<p><em>foo**bar</em></p>\n"),
        MarkdownCase("rule of three 2", "***foo** bar*\n\n*foo **bar***\n\nfoo***bar***baz",
             "<p><em><strong>foo</strong> bar</em></p>\n<p><em>foo <strong>bar</strong></em></p>\n<p>foo<em><strong>bar</strong></em>baz</p>\n"),
        MarkdownCase("deep nesting", "*foo **bar *baz* bim** bop*",
             "<p><em>foo <strong>bar <em>baz</em> bim</strong> bop</em></p>\n"),
        MarkdownCase("empty emphasis is text", "** is not an empty emphasis",
             "<p>** is not an empty emphasis</p>\n"),
        MarkdownCase("unbalanced", "**foo*\n\n*foo**\n\n***foo***",
             "<p>*<em>foo</em></p>\n<p><em>foo</em>*</p>\n<p><em><strong>foo</strong></em></p>\n"),
        MarkdownCase("escaped delimiters", "foo *\\**\n\nfoo **\\***",
             "<p>foo <em>*</em></p>\n<p>foo <strong>*</strong></p>\n"),
        MarkdownCase("overlap", "*foo _bar* baz_\n\n**foo **bar baz**",
             "<p><em>foo _bar</em> baz_</p>\n<p>**foo <strong>bar baz</strong></p>\n"),
        MarkdownCase("emphasis vs link", "*[bar*](/url)\n\n_foo [bar_](/url)",
             "<p>*<a href=\"/url\">bar*</a></p>\n<p>_foo <a href=\"/url\">bar_</a></p>\n"),
        MarkdownCase("underscore star mix", "_*a_* *_a*_",
             "<p><em>*a</em>* <em>_a</em>_</p>\n"),
        MarkdownCase("unicode punctuation", "*¡foo!*",
             "<p><em>¡foo!</em></p>\n"),
    ]

    @Test("emphasis and strong emphasis", arguments: emphasisCases)
    func emphasis(_ c: MarkdownCase) {
        #expect(MarkdownHTML.render(c.markdown) == c.html)
    }

    /// Inputs and cmark-gfm output for GFM strikethrough.
    static let strikethroughCases: [MarkdownCase] = [
        MarkdownCase("strikethrough", "~~Hi~~ Hello, ~there~ world!",
             "<p><del>Hi</del> Hello, <del>there</del> world!</p>\n"),
        MarkdownCase("strikethrough not across paragraphs", "This ~~has a\n\nnew paragraph~~.",
             "<p>This ~~has a</p>\n<p>new paragraph~~.</p>\n"),
        MarkdownCase("three tildes are text", "This will ~~~not~~~ strike.",
             "<p>This will ~~~not~~~ strike.</p>\n"),
        MarkdownCase("strikethrough with emphasis", "~~a *b* c~~ **~~d~~**",
             "<p><del>a <em>b</em> c</del> <strong><del>d</del></strong></p>\n"),
    ]

    @Test("GFM strikethrough", arguments: strikethroughCases)
    func strikethrough(_ c: MarkdownCase) {
        #expect(MarkdownHTML.render(c.markdown) == c.html)
    }

    /// Inputs and cmark-gfm output for inline links.
    static let linksCases: [MarkdownCase] = [
        MarkdownCase("link with title", "[link](/uri \"title\")",
             "<p><a href=\"/uri\" title=\"title\">link</a></p>\n"),
        MarkdownCase("link without title", "[link](/uri)",
             "<p><a href=\"/uri\">link</a></p>\n"),
        MarkdownCase("empty destination", "[link]()\n\n[link](<>)",
             "<p><a href=\"\">link</a></p>\n<p><a href=\"\">link</a></p>\n"),
        MarkdownCase("angle destination with spaces", "[link](</my uri>)",
             "<p><a href=\"/my%20uri\">link</a></p>\n"),
        MarkdownCase("no spaces in bare destination", "[link](/my uri)",
             "<p>[link](/my uri)</p>\n"),
        MarkdownCase("angle destination with paren", "[a](<b)c>)",
             "<p><a href=\"b)c\">a</a></p>\n"),
        MarkdownCase("balanced parentheses", "[link](foo(and(bar)))",
             "<p><a href=\"foo(and(bar))\">link</a></p>\n"),
        MarkdownCase("unbalanced parentheses", "[link](foo(and(bar))",
             "<p>[link](foo(and(bar))</p>\n"),
        MarkdownCase("escaped parentheses", "[link](foo\\(and\\(bar\\))",
             "<p><a href=\"foo(and(bar)\">link</a></p>\n"),
        MarkdownCase("title kinds", "[link](/url \"title\")\n[link](/url 'title')\n[link](/url (title))",
             "<p><a href=\"/url\" title=\"title\">link</a>\n<a href=\"/url\" title=\"title\">link</a>\n<a href=\"/url\" title=\"title\">link</a></p>\n"),
        MarkdownCase("title escapes", "[link](/url \"title \\\"&quot;\")",
             "<p><a href=\"/url\" title=\"title &quot;&quot;\">link</a></p>\n"),
        MarkdownCase("whitespace around", "[link](   /uri\n  \"title\"  )",
             "<p><a href=\"/uri\" title=\"title\">link</a></p>\n"),
        MarkdownCase("no space before paren", "[link] (/uri)",
             "<p>[link] (/uri)</p>\n"),
        MarkdownCase("nested brackets", "[link [foo [bar]]](/uri)",
             "<p><a href=\"/uri\">link [foo [bar]]</a></p>\n"),
        MarkdownCase("unbalanced brackets", "[link] bar](/uri)\n\n[link [bar](/uri)",
             "<p>[link] bar](/uri)</p>\n<p>[link <a href=\"/uri\">bar</a></p>\n"),
        MarkdownCase("inline content", "[link *foo **bar** `#`*](/uri)",
             "<p><a href=\"/uri\">link <em>foo <strong>bar</strong> <code>#</code></em></a></p>\n"),
        MarkdownCase("image in link", "[![moon](moon.jpg)](/uri)",
             "<p><a href=\"/uri\"><img src=\"moon.jpg\" alt=\"moon\" /></a></p>\n"),
        MarkdownCase("no links in links", "[foo [bar](/uri)](/uri)",
             "<p>[foo <a href=\"/uri\">bar</a>](/uri)</p>\n"),
        MarkdownCase("no links in links 2", "[foo *[bar [baz](/uri)](/uri)*](/uri)",
             "<p>[foo <em>[bar <a href=\"/uri\">baz</a>](/uri)</em>](/uri)</p>\n"),
        MarkdownCase("links in images", "![[[foo](uri1)](uri2)](uri3)",
             "<p><img src=\"uri3\" alt=\"[foo](uri2)\" /></p>\n"),
        MarkdownCase("brackets beat emphasis", "*[foo*](/uri)",
             "<p>*<a href=\"/uri\">foo*</a></p>\n"),
        MarkdownCase("code beats link", "[foo`](/uri)`",
             "<p>[foo<code>](/uri)</code></p>\n"),
        MarkdownCase("autolink beats link", "[foo<https://example.com/?search=](uri)>",
             "<p>[foo<a href=\"https://example.com/?search=%5D(uri)\">https://example.com/?search=](uri)</a></p>\n"),
        MarkdownCase("reference style stays text", "[foo][bar]\n\n[foo]\n\n[foo][]",
             "<p>[foo][bar]</p>\n<p>[foo]</p>\n<p>[foo][]</p>\n"),
        MarkdownCase("destination percent-encoding", "[u](<http://a.com/ä b[]{}|^`>)",
             "<p><a href=\"http://a.com/%C3%A4%20b%5B%5D%7B%7D%7C%5E%60\">u</a></p>\n"),
        MarkdownCase("fragment and query", "[link](#fragment)\n\n[link](https://example.com?foo=3#frag)",
             "<p><a href=\"#fragment\">link</a></p>\n<p><a href=\"https://example.com?foo=3#frag\">link</a></p>\n"),
        MarkdownCase("backslash in destination", "[link](foo\\bar)",
             "<p><a href=\"foo%5Cbar\">link</a></p>\n"),
    ]

    @Test("inline links", arguments: linksCases)
    func links(_ c: MarkdownCase) {
        #expect(MarkdownHTML.render(c.markdown) == c.html)
    }

    /// Inputs and cmark-gfm output for images.
    static let imagesCases: [MarkdownCase] = [
        MarkdownCase("image with title", "![foo](/url \"title\")",
             "<p><img src=\"/url\" alt=\"foo\" title=\"title\" /></p>\n"),
        MarkdownCase("alt is plain text", "![foo *bar*](train.jpg \"train & tracks\")",
             "<p><img src=\"train.jpg\" alt=\"foo bar\" title=\"train &amp; tracks\" /></p>\n"),
        MarkdownCase("nested image alt", "![foo ![bar](/url)](/url2)",
             "<p><img src=\"/url2\" alt=\"foo bar\" /></p>\n"),
        MarkdownCase("soft break in alt", "![foo\nbar](/url)",
             "<p><img src=\"/url\" alt=\"foo bar\" /></p>\n"),
        MarkdownCase("empty alt", "![](/url)",
             "<p><img src=\"/url\" alt=\"\" /></p>\n"),
        MarkdownCase("escaped bang", "\\![foo](/url)",
             "<p>!<a href=\"/url\">foo</a></p>\n"),
    ]

    @Test("images", arguments: imagesCases)
    func images(_ c: MarkdownCase) {
        #expect(MarkdownHTML.render(c.markdown) == c.html)
    }

    /// Inputs and cmark-gfm output for autolinks.
    static let autolinksCases: [MarkdownCase] = [
        MarkdownCase("http autolink", "<http://foo.bar.baz>",
             "<p><a href=\"http://foo.bar.baz\">http://foo.bar.baz</a></p>\n"),
        MarkdownCase("query ampersands escaped", "<https://foo.bar.baz/test?q=hello&id=22&boolean>",
             "<p><a href=\"https://foo.bar.baz/test?q=hello&amp;id=22&amp;boolean\">https://foo.bar.baz/test?q=hello&amp;id=22&amp;boolean</a></p>\n"),
        MarkdownCase("uppercase mailto", "<MAILTO:FOO@BAR.BAZ>",
             "<p><a href=\"MAILTO:FOO@BAR.BAZ\">MAILTO:FOO@BAR.BAZ</a></p>\n"),
        MarkdownCase("space ends autolink", "<http://foo.bar/baz bim>",
             "<p>&lt;http://foo.bar/baz bim&gt;</p>\n"),
        MarkdownCase("backslash kept", "<https://example.com/\\[\\>",
             "<p><a href=\"https://example.com/%5C%5B%5C\">https://example.com/\\[\\</a></p>\n"),
        MarkdownCase("email autolinks", "<foo@bar.example.com>\n\n<foo+special@Bar.baz-bar0.com>",
             "<p><a href=\"mailto:foo@bar.example.com\">foo@bar.example.com</a></p>\n<p><a href=\"mailto:foo+special@Bar.baz-bar0.com\">foo+special@Bar.baz-bar0.com</a></p>\n"),
        MarkdownCase("escape breaks email", "<foo\\+@bar.example.com>",
             "<p>&lt;foo+@bar.example.com&gt;</p>\n"),
        MarkdownCase("not autolinks", "<>\n\n< https://foo.bar >\n\n<m:abc>\n\n<foo.bar.baz>",
             "<p>&lt;&gt;</p>\n<p>&lt; https://foo.bar &gt;</p>\n<p>&lt;m:abc&gt;</p>\n<p>&lt;foo.bar.baz&gt;</p>\n"),
        MarkdownCase("bare URLs stay text", "https://example.com",
             "<p>https://example.com</p>\n"),
    ]

    @Test("autolinks", arguments: autolinksCases)
    func autolinks(_ c: MarkdownCase) {
        #expect(MarkdownHTML.render(c.markdown) == c.html)
    }

    /// Inputs and cmark-gfm output for entity and numeric references.
    static let entitiesCases: [MarkdownCase] = [
        MarkdownCase("named entities", "&nbsp; &amp; &copy; &mdash; &ndash; &hellip; &lt; &gt; &quot;",
             "<p>  &amp; © — – … &lt; &gt; &quot;</p>\n"),
        MarkdownCase("decimal references", "&#35; &#1234; &#992; &#0;",
             "<p># Ӓ Ϡ �</p>\n"),
        MarkdownCase("hex references", "&#X22; &#XD06; &#xcab;",
             "<p>&quot; ആ ಫ</p>\n"),
        MarkdownCase("not entities", "&nbsp &x; &#; &#x;\n&#abcdef0;\n&hi?;",
             "<p>&amp;nbsp &amp;x; &amp;#; &amp;#x;\n&amp;#abcdef0;\n&amp;hi?;</p>\n"),
        MarkdownCase("entities are not markup", "&#42;foo&#42;\n*foo*",
             "<p>*foo*\n<em>foo</em></p>\n"),
        MarkdownCase("entity in link", "[foo](/f&amp;o \"t&quot;x\")",
             "<p><a href=\"/f&amp;o\" title=\"t&quot;x\">foo</a></p>\n"),
    ]

    @Test("entity and numeric references", arguments: entitiesCases)
    func entities(_ c: MarkdownCase) {
        #expect(MarkdownHTML.render(c.markdown) == c.html)
    }

    /// Inputs and cmark-gfm output for backslash escapes.
    static let escapesCases: [MarkdownCase] = [
        MarkdownCase("all ASCII punctuation", "\\!\\\"\\#\\$\\%\\&\\'\\(\\)\\*\\+\\,\\-\\.\\/\\:\\;\\<\\=\\>\\?\\@\\[\\\\\\]\\^\\_\\`\\{\\|\\}\\~",
             "<p>!&quot;#$%&amp;'()*+,-./:;&lt;=&gt;?@[\\]^_`{|}~</p>\n"),
        MarkdownCase("other characters", "\\\t\\A\\a\\ \\3\\φ\\«",
             "<p>\\\t\\A\\a\\ \\3\\φ\\«</p>\n"),
        MarkdownCase("escapes cancel markup", "\\*not emphasized*\n\\[not a link](/foo)\n\\`not code`\n1\\. not a list\n\\* not a list\n\\# not a heading",
             "<p>*not emphasized*\n[not a link](/foo)\n`not code`\n1. not a list\n* not a list\n# not a heading</p>\n"),
        MarkdownCase("escaped backslash", "\\\\*emphasis*",
             "<p>\\<em>emphasis</em></p>\n"),
        MarkdownCase("no escapes in code", "`` \\[\\` ``\n\n    \\[\\]",
             "<p><code>\\[\\`</code></p>\n<pre><code>\\[\\]\n</code></pre>\n"),
    ]

    @Test("backslash escapes", arguments: escapesCases)
    func escapes(_ c: MarkdownCase) {
        #expect(MarkdownHTML.render(c.markdown) == c.html)
    }
}
