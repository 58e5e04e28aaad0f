import Foundation
import Survey
import Testing
@testable import barometer

/// overview's notes after the country blocks were consecutive lines, which Markdown and LaTeX
/// join into one paragraph (a sweep): each is now a paragraph of its own. Markdown is checked
/// through the project's CommonMark renderer, LaTeX by its blank lines.
@Suite struct OverviewProseTests {
    @Test("markdown: each global note renders as its own paragraph")
    func markdownNotesAreParagraphs() throws {
        let r = Barometer.execute(["overview", "--format", "markdown"])
        #expect(r.exitCode == 0)
        let html = MarkdownHTML.render(r.output)
        for start in ["Note: Percent of respondents asked", "Note: undocumented-weight:", "Note: srs-assumed:"] {
            #expect(html.contains("<p>" + start), "\(start)")
        }
    }

    @Test("latex: a blank line between the global notes")
    func latexNotesAreParagraphs() {
        let r = Barometer.execute(["overview", "--format", "latex"])
        let lines = r.output.components(separatedBy: "\n")
        let notes = lines.indices.filter { lines[$0].hasPrefix("Note: undocumented-weight:") || lines[$0].hasPrefix("Note: srs-assumed:") }
        #expect(notes.count == 2)
        for i in notes { #expect(i + 1 < lines.count && lines[i + 1].isEmpty) }
    }
}
