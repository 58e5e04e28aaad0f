import Testing
@testable import SurveyMarkdown

/// List items and lists, tight and loose (CommonMark §5.2–5.3).
/// Expected HTML was produced by cmark-gfm (the `cmarkgfm` Python package, with the table
/// and strikethrough extensions), an implementation independent of this one.
@Suite struct MarkdownListTests {
    /// Inputs and cmark-gfm output for lists.
    static let listsCases: [MarkdownCase] = [
        MarkdownCase("tight bullet list", "- foo\n- bar\n- baz",
             "<ul>\n<li>foo</li>\n<li>bar</li>\n<li>baz</li>\n</ul>\n"),
        MarkdownCase("loose list", "- foo\n\n- bar\n\n\n- baz",
             "<ul>\n<li>\n<p>foo</p>\n</li>\n<li>\n<p>bar</p>\n</li>\n<li>\n<p>baz</p>\n</li>\n</ul>\n"),
        MarkdownCase("ordered list start", "3. a\n4. b",
             "<ol start=\"3\">\n<li>a</li>\n<li>b</li>\n</ol>\n"),
        MarkdownCase("ordered list paren", "1) a\n2) b",
             "<ol>\n<li>a</li>\n<li>b</li>\n</ol>\n"),
        MarkdownCase("changing bullet starts new list", "- foo\n- bar\n+ baz",
             "<ul>\n<li>foo</li>\n<li>bar</li>\n</ul>\n<ul>\n<li>baz</li>\n</ul>\n"),
        MarkdownCase("changing delimiter starts new list", "1. foo\n2. bar\n3) baz",
             "<ol>\n<li>foo</li>\n<li>bar</li>\n</ol>\n<ol start=\"3\">\n<li>baz</li>\n</ol>\n"),
        MarkdownCase("list interrupts paragraph", "Foo\n- bar\n- baz",
             "<p>Foo</p>\n<ul>\n<li>bar</li>\n<li>baz</li>\n</ul>\n"),
        MarkdownCase("only 1. interrupts a paragraph", "The number of windows in my house is\n14.  The number of doors is 6.",
             "<p>The number of windows in my house is\n14.  The number of doors is 6.</p>\n"),
        MarkdownCase("empty item cannot interrupt", "foo\n*\n\nfoo\n1.",
             "<p>foo\n*</p>\n<p>foo\n1.</p>\n"),
        MarkdownCase("content column", "- one\n\n two\n\n- one\n\n  two",
             "<ul>\n<li>one</li>\n</ul>\n<p>two</p>\n<ul>\n<li>\n<p>one</p>\n<p>two</p>\n</li>\n</ul>\n"),
        MarkdownCase("wide content column", " -    one\n\n      two",
             "<ul>\n<li>\n<p>one</p>\n<p>two</p>\n</li>\n</ul>\n"),
        MarkdownCase("item with code, fence and quote", "1.  foo\n\n    ```\n    bar\n    ```\n\n    baz\n\n    > bam",
             "<ol>\n<li>\n<p>foo</p>\n<pre><code>bar\n</code></pre>\n<p>baz</p>\n<blockquote>\n<p>bam</p>\n</blockquote>\n</li>\n</ol>\n"),
        MarkdownCase("item starting with indented code", "1.     indented code\n\n   paragraph\n\n       more code",
             "<ol>\n<li>\n<pre><code>indented code\n</code></pre>\n<p>paragraph</p>\n<pre><code>more code\n</code></pre>\n</li>\n</ol>\n"),
        MarkdownCase("item starting blank", "-\n  foo\n-\n  ```\n  bar\n  ```\n-\n      baz",
             "<ul>\n<li>foo</li>\n<li>\n<pre><code>bar\n</code></pre>\n</li>\n<li>\n<pre><code>baz\n</code></pre>\n</li>\n</ul>\n"),
        MarkdownCase("item begins with at most one blank line", "-\n\n  foo",
             "<ul>\n<li></li>\n</ul>\n<p>foo</p>\n"),
        MarkdownCase("nested lists", "- foo\n  - bar\n    - baz\n      - boo",
             "<ul>\n<li>foo\n<ul>\n<li>bar\n<ul>\n<li>baz\n<ul>\n<li>boo</li>\n</ul>\n</li>\n</ul>\n</li>\n</ul>\n</li>\n</ul>\n"),
        MarkdownCase("not nested when under-indented", "- foo\n - bar\n  - baz\n   - boo",
             "<ul>\n<li>foo</li>\n<li>bar</li>\n<li>baz</li>\n<li>boo</li>\n</ul>\n"),
        MarkdownCase("list in list on one line", "- - foo\n\n1. - 2. foo",
             "<ul>\n<li>\n<ul>\n<li>foo</li>\n</ul>\n</li>\n</ul>\n<ol>\n<li>\n<ul>\n<li>\n<ol start=\"2\">\n<li>foo</li>\n</ol>\n</li>\n</ul>\n</li>\n</ol>\n"),
        MarkdownCase("heading in item", "- # Foo\n- Bar\n  ---\n  baz",
             "<ul>\n<li>\n<h1>Foo</h1>\n</li>\n<li>\n<h2>Bar</h2>\nbaz</li>\n</ul>\n"),
        MarkdownCase("uneven indentation", "- a\n - b\n  - c\n   - d\n  - e\n - f\n- g",
             "<ul>\n<li>a</li>\n<li>b</li>\n<li>c</li>\n<li>d</li>\n<li>e</li>\n<li>f</li>\n<li>g</li>\n</ul>\n"),
        MarkdownCase("loose because of inner blank", "- a\n- b\n\n  c\n- d",
             "<ul>\n<li>\n<p>a</p>\n</li>\n<li>\n<p>b</p>\n<p>c</p>\n</li>\n<li>\n<p>d</p>\n</li>\n</ul>\n"),
        MarkdownCase("tight with blank inside fence", "- a\n- ```\n  b\n\n\n  ```\n- c",
             "<ul>\n<li>a</li>\n<li>\n<pre><code>b\n\n\n</code></pre>\n</li>\n<li>c</li>\n</ul>\n"),
        MarkdownCase("outer tight inner loose", "- a\n  - b\n\n    c\n- d",
             "<ul>\n<li>a\n<ul>\n<li>\n<p>b</p>\n<p>c</p>\n</li>\n</ul>\n</li>\n<li>d</li>\n</ul>\n"),
        MarkdownCase("tight with quote", "* a\n  > b\n  >\n* c",
             "<ul>\n<li>a\n<blockquote>\n<p>b</p>\n</blockquote>\n</li>\n<li>c</li>\n</ul>\n"),
        MarkdownCase("loose sublist", "* foo\n  * bar\n\n  baz",
             "<ul>\n<li>\n<p>foo</p>\n<ul>\n<li>bar</li>\n</ul>\n<p>baz</p>\n</li>\n</ul>\n"),
        MarkdownCase("lazy item paragraph", "- a\nb\n- c",
             "<ul>\n<li>a\nb</li>\n<li>c</li>\n</ul>\n"),
        MarkdownCase("tab after marker", "-\tc\n\n1.\td",
             "<ul>\n<li>c</li>\n</ul>\n<ol>\n<li>d</li>\n</ol>\n"),
        MarkdownCase("thematic break is not an item", "* Foo\n* * *\n* Bar",
             "<ul>\n<li>Foo</li>\n</ul>\n<hr />\n<ul>\n<li>Bar</li>\n</ul>\n"),
    ]

    @Test("lists", arguments: listsCases)
    func lists(_ c: MarkdownCase) {
        #expect(MarkdownHTML.render(c.markdown) == c.html)
    }
}
