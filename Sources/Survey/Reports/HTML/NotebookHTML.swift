import Foundation
import Ink
import SurveyNotebook
import SurveyRender

/// A notebook as one self-contained HTML page: prose through Ink (Markdown → HTML, tables
/// included), each command shown as typed, `chart` commands as inline SVG (given by the
/// caller), and every other stored output with its box-drawn tables as HTML tables. Uses the
/// stored outputs: nothing is recomputed here.
public enum NotebookHTML {
    /// Ink 0.6 starts a new paragraph at a line that begins with an inline code span
    /// (`` `FinalWgt1` is … ``); such a line is joined to the line before it when that one is
    /// paragraph text (not blank, a fence, a table row or a list item's start).
    static func joinCodeSpanLines(_ text: String) -> String {
        var out: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("`"), !line.hasPrefix("```"), let last = out.last,
               !last.trimmingCharacters(in: .whitespaces).isEmpty, !last.hasPrefix("```"), !last.hasPrefix("|") {
                out[out.count - 1] = last + " " + line
            } else {
                out.append(line)
            }
        }
        return out.joined(separator: "\n")
    }

    /// `svg` returns the chart for a command line (nil: show the stored text instead).
    public static func render(_ document: NotebookDocument, fallbackTitle: String,
                              svg: (String) -> String?) -> String {
        let parser = MarkdownParser()
        var body: [String] = []
        var title: String?
        for segment in document.segments {
            switch segment {
            case .prose(let text):
                if title == nil, let h = text.split(separator: "\n").first(where: { $0.hasPrefix("# ") }) {
                    title = String(h.dropFirst(2))
                }
                body.append(ProseMarkdown.restore(parser.html(from: joinCodeSpanLines(ProseMarkdown.prepare(text)))))
            case .command(let block):
                let commands = block.commands.map(\.text)
                body.append("<pre class=\"command\"><code>" + HTMLText.escape(commands.map { "barometer " + $0 }.joined(separator: "\n")) + "</code></pre>")
                let charts = commands.filter { $0.hasPrefix("chart ") }.compactMap(svg)
                if !charts.isEmpty {
                    body += charts.map { "<figure>\n" + HTMLText.inlineSVG($0) + "\n</figure>" }
                } else if let output = block.storedOutput {
                    body.append(TextTableHTML.convert(output))
                }
            }
        }
        return HTMLPage(title: title ?? fallbackTitle, body: body).render()
    }
}
