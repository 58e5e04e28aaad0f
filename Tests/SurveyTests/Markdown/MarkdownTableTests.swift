import Testing
@testable import SurveyMarkdown

/// GFM pipe tables.
/// Expected HTML was produced by cmark-gfm (the `cmarkgfm` Python package, with the table
/// and strikethrough extensions), an implementation independent of this one.
@Suite struct MarkdownTableTests {
    /// Inputs and cmark-gfm output for tables.
    static let tablesCases: [MarkdownCase] = [
        MarkdownCase("basic table", "| foo | bar |\n| --- | --- |\n| baz | bim |",
             "<table>\n<thead>\n<tr>\n<th>foo</th>\n<th>bar</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>baz</td>\n<td>bim</td>\n</tr>\n</tbody>\n</table>\n"),
        MarkdownCase("alignment", "| abc | defghi |\n:-: | -----------:\nbar | baz",
             "<table>\n<thead>\n<tr>\n<th align=\"center\">abc</th>\n<th align=\"right\">defghi</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td align=\"center\">bar</td>\n<td align=\"right\">baz</td>\n</tr>\n</tbody>\n</table>\n"),
        MarkdownCase("left right none", "a|b|c\n:--|--:|---\n1|2|3",
             "<table>\n<thead>\n<tr>\n<th align=\"left\">a</th>\n<th align=\"right\">b</th>\n<th>c</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td align=\"left\">1</td>\n<td align=\"right\">2</td>\n<td>3</td>\n</tr>\n</tbody>\n</table>\n"),
        MarkdownCase("escaped pipes", "| f\\|oo  |\n| ------ |\n| b `\\|` az |\n| b **\\|** im |",
             "<table>\n<thead>\n<tr>\n<th>f|oo</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b <code>|</code> az</td>\n</tr>\n<tr>\n<td>b <strong>|</strong> im</td>\n</tr>\n</tbody>\n</table>\n"),
        MarkdownCase("table ends at block start", "| abc | def |\n| --- | --- |\n| bar | baz |\n> bar",
             "<table>\n<thead>\n<tr>\n<th>abc</th>\n<th>def</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>bar</td>\n<td>baz</td>\n</tr>\n</tbody>\n</table>\n<blockquote>\n<p>bar</p>\n</blockquote>\n"),
        MarkdownCase("table ends at blank line", "| abc | def |\n| --- | --- |\n| bar | baz |\nbar\n\nbar",
             "<table>\n<thead>\n<tr>\n<th>abc</th>\n<th>def</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>bar</td>\n<td>baz</td>\n</tr>\n<tr>\n<td>bar</td>\n<td></td>\n</tr>\n</tbody>\n</table>\n<p>bar</p>\n"),
        MarkdownCase("header and delimiter must match", "| abc | def |\n| --- |\n| bar |",
             "<p>| abc | def |\n| --- |\n| bar |</p>\n"),
        MarkdownCase("rows padded and truncated", "| abc | def |\n| --- | --- |\n| bar |\n| bar | baz | boo |",
             "<table>\n<thead>\n<tr>\n<th>abc</th>\n<th>def</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>bar</td>\n<td></td>\n</tr>\n<tr>\n<td>bar</td>\n<td>baz</td>\n</tr>\n</tbody>\n</table>\n"),
        MarkdownCase("header only", "| abc | def |\n| --- | --- |",
             "<table>\n<thead>\n<tr>\n<th>abc</th>\n<th>def</th>\n</tr>\n</thead>\n</table>\n"),
        MarkdownCase("table after paragraph", "para\n|a|b|\n|-|-|\n|c|d|",
             "<p>para</p>\n<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>c</td>\n<td>d</td>\n</tr>\n</tbody>\n</table>\n"),
        MarkdownCase("table in list", "- |a|\n  |-|\n  |b|",
             "<ul>\n<li>\n<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b</td>\n</tr>\n</tbody>\n</table>\n</li>\n</ul>\n"),
        MarkdownCase("table in quote", "> a|b\n> -|-\n> c|d\nlazy",
             "<blockquote>\n<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>c</td>\n<td>d</td>\n</tr>\n</tbody>\n</table>\n</blockquote>\n<p>lazy</p>\n"),
        MarkdownCase("inline cells", "|a|\n|:-:|\n|*x* [l](/u) `c`|",
             "<table>\n<thead>\n<tr>\n<th align=\"center\">a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td align=\"center\"><em>x</em> <a href=\"/u\">l</a> <code>c</code></td>\n</tr>\n</tbody>\n</table>\n"),
        MarkdownCase("list beats table", "a|b\n- | -",
             "<p>a|b</p>\n<ul>\n<li>| -</li>\n</ul>\n"),
        MarkdownCase("lone pipe ends table", "a|b\n-|-\n|",
             "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n</table>\n<p>|</p>\n"),
    ]

    @Test("tables", arguments: tablesCases)
    func tables(_ c: MarkdownCase) {
        #expect(MarkdownHTML.render(c.markdown) == c.html)
    }
}
