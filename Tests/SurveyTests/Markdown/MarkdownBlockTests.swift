import Testing
@testable import SurveyMarkdown

/// Block-level constructs (CommonMark §4–5).
/// Expected HTML was produced by cmark-gfm (the `cmarkgfm` Python package, with the table
/// and strikethrough extensions), an implementation independent of this one.
@Suite struct MarkdownBlockTests {
    /// Inputs and cmark-gfm output for ATX and setext headings.
    static let headingsCases: [MarkdownCase] = [
        MarkdownCase("ATX levels", "# foo\n## foo\n### foo\n#### foo\n##### foo\n###### foo",
             "<h1>foo</h1>\n<h2>foo</h2>\n<h3>foo</h3>\n<h4>foo</h4>\n<h5>foo</h5>\n<h6>foo</h6>\n"),
        MarkdownCase("seven hashes is a paragraph", "####### foo",
             "<p>####### foo</p>\n"),
        MarkdownCase("hash needs a space", "#5 bolt\n\n#hashtag",
             "<p>#5 bolt</p>\n<p>#hashtag</p>\n"),
        MarkdownCase("closing sequence stripped", "## foo ##\n  ###   bar    ###",
             "<h2>foo</h2>\n<h3>bar</h3>\n"),
        MarkdownCase("closing sequence needs a space", "# foo#\n\n### foo \\###",
             "<h1>foo#</h1>\n<h3>foo ###</h3>\n"),
        MarkdownCase("empty headings", "## \n#\n### ###",
             "<h2></h2>\n<h1></h1>\n<h3></h3>\n"),
        MarkdownCase("heading content is inline", "# foo *bar* \\*baz\\*",
             "<h1>foo <em>bar</em> *baz*</h1>\n"),
        MarkdownCase("setext levels", "Foo *bar*\n=========\n\nFoo *bar*\n---------",
             "<h1>Foo <em>bar</em></h1>\n<h2>Foo <em>bar</em></h2>\n"),
        MarkdownCase("setext multi-line", "Foo *bar\nbaz*\n====",
             "<h1>Foo <em>bar\nbaz</em></h1>\n"),
        MarkdownCase("setext not lazy", "> foo\n---",
             "<blockquote>\n<p>foo</p>\n</blockquote>\n<hr />\n"),
        MarkdownCase("setext vs hr", "---\nFoo\n---\nBar\n---\nBaz",
             "<hr />\n<h2>Foo</h2>\n<h2>Bar</h2>\n<p>Baz</p>\n"),
    ]

    @Test("ATX and setext headings", arguments: headingsCases)
    func headings(_ c: MarkdownCase) {
        #expect(MarkdownHTML.render(c.markdown) == c.html)
    }

    /// Inputs and cmark-gfm output for paragraphs and line breaks.
    static let paragraphsCases: [MarkdownCase] = [
        MarkdownCase("paragraph lines", "aaa\nbbb\n\nccc\nddd",
             "<p>aaa\nbbb</p>\n<p>ccc\nddd</p>\n"),
        MarkdownCase("leading spaces stripped", "  aaa\n bbb",
             "<p>aaa\nbbb</p>\n"),
        MarkdownCase("hard break with spaces", "foo  \nbar",
             "<p>foo<br />\nbar</p>\n"),
        MarkdownCase("hard break with backslash", "foo\\\nbar",
             "<p>foo<br />\nbar</p>\n"),
        MarkdownCase("no hard break at end", "foo\\\n\nfoo  ",
             "<p>foo\\</p>\n<p>foo</p>\n"),
        MarkdownCase("soft break", "foo \n baz",
             "<p>foo\nbaz</p>\n"),
    ]

    @Test("paragraphs and line breaks", arguments: paragraphsCases)
    func paragraphs(_ c: MarkdownCase) {
        #expect(MarkdownHTML.render(c.markdown) == c.html)
    }

    /// Inputs and cmark-gfm output for thematic breaks.
    static let breaksCases: [MarkdownCase] = [
        MarkdownCase("thematic breaks", "***\n---\n___",
             "<hr />\n<hr />\n<hr />\n"),
        MarkdownCase("thematic break with spaces", " - - -\n\n **  * ** * ** * **",
             "<hr />\n<hr />\n"),
        MarkdownCase("not thematic breaks", "+++\n\n--\n**\n__",
             "<p>+++</p>\n<p>--\n**\n__</p>\n"),
        MarkdownCase("hr interrupts paragraph", "Foo\n***\nbar",
             "<p>Foo</p>\n<hr />\n<p>bar</p>\n"),
    ]

    @Test("thematic breaks", arguments: breaksCases)
    func breaks(_ c: MarkdownCase) {
        #expect(MarkdownHTML.render(c.markdown) == c.html)
    }

    /// Inputs and cmark-gfm output for indented and fenced code blocks.
    static let codeCases: [MarkdownCase] = [
        MarkdownCase("indented code", "    a simple\n      indented code block",
             "<pre><code>a simple\n  indented code block\n</code></pre>\n"),
        MarkdownCase("indented code is escaped", "    <a/>\n    *hi*\n\n    - one",
             "<pre><code>&lt;a/&gt;\n*hi*\n\n- one\n</code></pre>\n"),
        MarkdownCase("indented code keeps inner blank lines", "    chunk1\n\n    chunk2\n  \n \n \n    chunk3",
             "<pre><code>chunk1\n\nchunk2\n\n\n\nchunk3\n</code></pre>\n"),
        MarkdownCase("indented code cannot interrupt a paragraph", "Foo\n    bar",
             "<p>Foo\nbar</p>\n"),
        MarkdownCase("fence with backticks", "```\n<\n >\n```",
             "<pre><code>&lt;\n &gt;\n</code></pre>\n"),
        MarkdownCase("fence with tildes", "~~~\n<\n >\n~~~",
             "<pre><code>&lt;\n &gt;\n</code></pre>\n"),
        MarkdownCase("fence closes with longer run of same char", "````\naaa\n```\n``````",
             "<pre><code>aaa\n```\n</code></pre>\n"),
        MarkdownCase("fence other char does not close", "```\naaa\n~~~\n```",
             "<pre><code>aaa\n~~~\n</code></pre>\n"),
        MarkdownCase("unclosed fence runs to end", "`````\n\n```\naaa",
             "<pre><code>\n```\naaa\n</code></pre>\n"),
        MarkdownCase("fence indentation removed", "   ```\n   aaa\n    aaa\n  aaa\n   ```",
             "<pre><code>aaa\n aaa\naaa\n</code></pre>\n"),
        MarkdownCase("fence info language", "```ruby\ndef foo(x)\n  return 3\nend\n```",
             "<pre><code class=\"language-ruby\">def foo(x)\n  return 3\nend\n</code></pre>\n"),
        MarkdownCase("fence info first word", "~~~~    ruby startline=3 $%@#$\ndef foo(x)\n~~~~~~~",
             "<pre><code class=\"language-ruby\">def foo(x)\n</code></pre>\n"),
        MarkdownCase("fence info escaped", "```a\\_b&amp;c\"d\nx\n```",
             "<pre><code class=\"language-a_b&amp;c&quot;d\">x\n</code></pre>\n"),
        MarkdownCase("backtick fence info cannot contain backticks", "``` aa ```\nfoo",
             "<p><code>aa</code>\nfoo</p>\n"),
        MarkdownCase("fence interrupts paragraph", "foo\n```\nbar\n```\nbaz",
             "<p>foo</p>\n<pre><code>bar\n</code></pre>\n<p>baz</p>\n"),
    ]

    @Test("indented and fenced code blocks", arguments: codeCases)
    func code(_ c: MarkdownCase) {
        #expect(MarkdownHTML.render(c.markdown) == c.html)
    }

    /// Inputs and cmark-gfm output for block quotes.
    static let quotesCases: [MarkdownCase] = [
        MarkdownCase("block quote", "> # Foo\n> bar\n> baz",
             "<blockquote>\n<h1>Foo</h1>\n<p>bar\nbaz</p>\n</blockquote>\n"),
        MarkdownCase("block quote lazy continuation", "> # Foo\n> bar\nbaz",
             "<blockquote>\n<h1>Foo</h1>\n<p>bar\nbaz</p>\n</blockquote>\n"),
        MarkdownCase("nested quotes lazy", "> > > foo\nbar",
             "<blockquote>\n<blockquote>\n<blockquote>\n<p>foo\nbar</p>\n</blockquote>\n</blockquote>\n</blockquote>\n"),
        MarkdownCase("quote list not lazy", "> - foo\n- bar",
             "<blockquote>\n<ul>\n<li>foo</li>\n</ul>\n</blockquote>\n<ul>\n<li>bar</li>\n</ul>\n"),
        MarkdownCase("quote code not lazy", ">     foo\n    bar",
             "<blockquote>\n<pre><code>foo\n</code></pre>\n</blockquote>\n<pre><code>bar\n</code></pre>\n"),
        MarkdownCase("separate quotes", "> foo\n\n> bar",
             "<blockquote>\n<p>foo</p>\n</blockquote>\n<blockquote>\n<p>bar</p>\n</blockquote>\n"),
        MarkdownCase("quote with list, heading and fence", "> # T\n> - a\n> - b\n>\n> ```py\n> x = 1\n> ```",
             "<blockquote>\n<h1>T</h1>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<pre><code class=\"language-py\">x = 1\n</code></pre>\n</blockquote>\n"),
        MarkdownCase("quote tab", ">\t\tfoo",
             "<blockquote>\n<pre><code>  foo\n</code></pre>\n</blockquote>\n"),
    ]

    @Test("block quotes", arguments: quotesCases)
    func quotes(_ c: MarkdownCase) {
        #expect(MarkdownHTML.render(c.markdown) == c.html)
    }
}
