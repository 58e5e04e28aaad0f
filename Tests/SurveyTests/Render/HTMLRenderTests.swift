import Foundation
import Testing
import Survey

/// HTML pieces of reports and rendered notebooks: escaping, tables from stored text output,
/// and the notebook page.
@Suite struct HTMLRenderTests {
    @Test func escaping() {
        #expect(HTMLText.escape("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;")
        #expect(HTMLText.inlineSVG("<?xml version=\"1.0\"?>\n<svg/>\n") == "<svg/>\n")
        // Text with nothing to escape comes back as it is; non-ASCII text around the five is
        // kept byte for byte; an ampersand is escaped even with a combining mark after it (a
        // Character "&\u{301}" is not "&", so escaping Characters left it bare).
        #expect(HTMLText.escape("Жители Алматы, 2020 (n = 1,000)") == "Жители Алматы, 2020 (n = 1,000)")
        #expect(HTMLText.escape("«Россия» & 中国 <b>") == "«Россия» &amp; 中国 &lt;b&gt;")
        #expect(HTMLText.escape("&\u{301}") == "&amp;\u{301}")
        #expect(HTMLText.escape("") == "")
        #expect(HTMLText.inlineSVG("<svg>\n<text>é</text>\n\n</svg>") == "<svg>\n<text>é</text>\n\n</svg>")
    }

    /// A box-drawn table as `barometer table` prints it becomes an HTML table; the title above
    /// and the notes below stay preformatted text.
    @Test func storedTableBecomesHTMLTable() {
        let output = """
            KZ · Russia
            ┌─────────────┬──────────────────┬──────┐
            │ Wave        │    favorable (%) │    n │
            ├─────────────┼──────────────────┼──────┤
            │ 2018-autumn │ 83.0 (79.8-85.9) │ 1500 │
            │ 2020-autumn │ 73.1 (70.5-75.6) │ 2000 │
            └─────────────┴──────────────────┴──────┘
            Note: a & b

            """
        let html = TextTableHTML.convert(output)
        #expect(html.hasPrefix("<pre>KZ · Russia</pre>"))
        #expect(html.contains("<thead><tr><th>Wave</th><th class=\"num\">favorable (%)</th><th class=\"num\">n</th></tr></thead>"))
        #expect(html.contains("<tr><td>2020-autumn</td><td class=\"num\">73.1 (70.5-75.6)</td><td class=\"num\">2000</td></tr>"))
        #expect(html.hasSuffix("<pre>Note: a &amp; b</pre>"))
    }

    /// A table the text renderer split to fit 80 columns (as `estimate --proportion` prints it:
    /// the second block repeats the Level key column) is one HTML table again; two tables with a
    /// note between them stay two. Expected cells: the blocks' cells put side by side by hand.
    @Test func splitTableBlocksJoin() {
        let output = """
            Design-based estimates
            ┌────────────┬──────────┬───────┬──────────┐
            │ Statistic  │ Variable │ Level │ Estimate │
            ├────────────┼──────────┼───────┼──────────┤
            │ proportion │ g        │ a     │   0.9000 │
            │ proportion │ g        │ b     │   0.1000 │
            └────────────┴──────────┴───────┴──────────┘

            ┌───────┬──────────────┬───────────┬────┐
            │ Level │ 95% CI upper │ CI method │ df │
            ├───────┼──────────────┼───────────┼────┤
            │ a     │       1.1262 │ wald      │  9 │
            │ b     │       0.3262 │ wald      │  9 │
            └───────┴──────────────┴───────────┴────┘
            Note: Design: linearization.

            """
        let html = TextTableHTML.convert(output)
        #expect(html.components(separatedBy: "<table").count == 2, "one table: \(html)")
        #expect(html.contains("<th>Statistic</th><th>Variable</th><th>Level</th><th class=\"num\">Estimate</th>"
                              + "<th class=\"num\">95% CI upper</th><th>CI method</th><th class=\"num\">df</th></tr>"), "\(html)")
        #expect(html.contains("<tr><td>proportion</td><td>g</td><td>b</td><td class=\"num\">0.1000</td>"
                              + "<td class=\"num\">0.3262</td><td>wald</td><td class=\"num\">9</td></tr>"), "\(html)")
        #expect(html.hasPrefix("<pre>Design-based estimates</pre>") && html.hasSuffix("<pre>Note: Design: linearization.</pre>"))
        // A note between two tables, or rows that differ in the shared column: two tables.
        let noted = output.replacingOccurrences(of: "└────────────┴──────────┴───────┴──────────┘\n\n",
                                                with: "└────────────┴──────────┴───────┴──────────┘\nNote: n = 10.\n")
        #expect(TextTableHTML.convert(noted).components(separatedBy: "<table").count == 3)
        let other = output.replacingOccurrences(of: "│ b     │       0.3262", with: "│ c     │       0.3262")
        #expect(TextTableHTML.convert(other).components(separatedBy: "<table").count == 3)
    }

    /// The output of a `--format markdown` command is rendered as Markdown (it was shown as its
    /// source text, pipes and all); the same text from a command without it stays preformatted.
    /// Expected HTML: cmark-gfm 0.29's for the same Markdown (as `notebookPage` checks).
    @Test func markdownOutputIsRendered() throws {
        let text = """
            ```barometer
            compare --dataset cab --country KZ --format markdown
            ```

            ```output
            **Change**

            | a | b |
            |---|--:|
            | x | 1 |
            ```

            ```barometer
            datasets
            ```

            ```output
            **Plain**
            ```

            """
        let document = try NotebookParser.parse(text, file: "t.md")
        let html = NotebookHTML.render(document, fallbackTitle: "t.md") { _ in nil }
        #expect(html.contains("<p><strong>Change</strong></p>"), "\(html)")
        #expect(html.contains("<td>x</td>\n<td align=\"right\">1</td>"), "\(html)")
        #expect(html.contains("<pre>**Plain**</pre>"), "\(html)")
        #expect(NotebookHTML.printsMarkdown("table --format=markdown") && !NotebookHTML.printsMarkdown("table --format text"))
    }

    /// A soft-wrapped line that starts with a code span stays in its paragraph (Ink 0.6 began a
    /// new one; expected: cmark-gfm 0.29's HTML for the same text).
    @Test func codeSpanAtLineStartStaysInParagraph() throws {
        let document = try NotebookParser.parse("their weight\n`FinalWgt1` is undocumented.\n", file: "t.md")
        let html = NotebookHTML.render(document, fallbackTitle: "t.md") { _ in nil }
        #expect(html.contains("<p>their weight\n<code>FinalWgt1</code> is undocumented.</p>"))
    }

    /// Prose through `MarkdownHTML` (headings, emphasis, Markdown tables; the table as cmark-gfm
    /// writes it), commands as typed, charts from the caller as inline SVG, other outputs from
    /// their stored text.
    @Test func notebookPage() throws {
        let text = """
            # A *test* notebook

            | a | b |
            |---|---|
            | 1 | 2 |

            ```barometer
            chart --dataset cab --country KZ
            ```

            ```output
            (text chart)
            ```

            ```barometer
            datasets
            ```

            ```output
            ┌───┐
            │ x │
            ├───┤
            │ 1 │
            └───┘
            ```

            """
        let document = try NotebookParser.parse(text, file: "t.md")
        let html = NotebookHTML.render(document, fallbackTitle: "t.md") { line in
            line.hasPrefix("chart ") ? "<?xml version=\"1.0\"?>\n<svg id=\"c\"></svg>\n" : nil
        }
        #expect(html.contains("<title>A *test* notebook</title>"))
        #expect(html.contains("<h1>A <em>test</em> notebook</h1>"))
        #expect(html.contains("<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>"))
        #expect(html.contains("<pre class=\"command\"><code>barometer chart --dataset cab --country KZ</code></pre>\n<figure>\n<svg id=\"c\"></svg>"))
        #expect(!html.contains("(text chart)"))
        #expect(html.contains("<td class=\"num\">1</td>"))
    }
}
