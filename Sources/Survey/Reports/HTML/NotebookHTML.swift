#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyMarkdown
import SurveyNotebook
import SurveyRender

/// A notebook as one self-contained HTML page: prose through `MarkdownHTML` (our own renderer:
/// linear in the input, raw HTML shown as text, unsafe link schemes not linked, GFM tables),
/// each command shown as typed, `chart` commands as inline SVG (given by the caller), Markdown
/// output (`--format markdown`) rendered as Markdown, and every other stored output with its
/// box-drawn tables as HTML tables. Uses the stored outputs:
/// nothing is recomputed here.
public enum NotebookHTML {
    /// `svg` returns the chart for a command line (nil: show the stored text instead); `links`
    /// rewrites the prose's link and image destinations (`NotebookLinks`; nil: as written).
    public static func render(_ document: NotebookDocument, fallbackTitle: String, links: MarkdownHTML.LinkRewrite? = nil,
                              svg: (String) -> String?) -> String {
        var body: [String] = []
        var title: String?
        for segment in document.segments {
            switch segment {
            case .prose(let text):
                if title == nil, let h = text.split(separator: "\n").first(where: { $0.hasPrefix("# ") }) {
                    title = String(h.dropFirst(2))
                }
                body.append(MarkdownHTML.render(text, links: links))
            case .command(let block):
                let commands = block.commands.map(\.text)
                body.append("<pre class=\"command\"><code>" + HTMLText.escape(commands.map { "barometer " + $0 }.joined(separator: "\n")) + "</code></pre>")
                let charts = commands.filter { $0.hasPrefix("chart ") }.compactMap(svg)
                if !charts.isEmpty {
                    body += charts.map { "<figure>\n" + HTMLText.inlineSVG($0) + "\n</figure>" }
                } else if let output = block.storedOutput {
                    // Markdown output (every command `--format markdown`) is rendered as Markdown:
                    // its tables as tables, its bold title bold, not the source text.
                    let markdown = !commands.isEmpty && commands.allSatisfy(Self.printsMarkdown)
                    body.append(markdown ? MarkdownHTML.render(output, links: links) : TextTableHTML.convert(output))
                }
            }
        }
        return HTMLPage(title: title ?? fallbackTitle, body: body).render()
    }

    /// Whether a command line asks for Markdown output (`--format markdown` or `--format=markdown`).
    package static func printsMarkdown(_ command: String) -> Bool {
        guard let words = try? CommandLineWords.split(command) else { return false }
        return words.contains("--format=markdown") || zip(words, words.dropFirst()).contains { $0 == "--format" && $1 == "markdown" }
    }
}
