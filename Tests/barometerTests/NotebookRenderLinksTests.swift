import Foundation
import Testing
@testable import barometer
import Survey

/// `notebook render --out-dir` writes pages elsewhere than the notebooks: a link to another
/// notebook rendered in the same run goes to its page, other relative links still reach their
/// files from the page's folder, and absolute URLs and fragments stay as written. Expected
/// hrefs worked out by hand from the folder layout below.
@Suite struct NotebookRenderLinksTests {
    @Test func linksFollowThePages() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("links-\(UUID().uuidString)")
        let notes = dir.appendingPathComponent("notes"), site = dir.appendingPathComponent("site/out")
        try FileManager.default.createDirectory(at: notes.appendingPathComponent("data"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = notes.appendingPathComponent("a.md").path, b = notes.appendingPathComponent("b.md").path
        try """
            # A

            See [B's table](b.md#table), [the data](data/x%20y.csv), [C](c.md), [R](https://r-project.org),
            [top](#a), [mail](mailto:x@example.org) and ![plot](data/p.png).

            """.write(toFile: a, atomically: true, encoding: .utf8)
        try "# B\n\nBack to [A](./a.md).\n".write(toFile: b, atomically: true, encoding: .utf8)
        let r = Barometer.execute(["notebook", "render", a, b, "--out-dir", site.path])
        #expect(r.exitCode == 0, "\(r.errors)")
        let pageA = try String(contentsOf: site.appendingPathComponent("a.html"), encoding: .utf8)
        // site/out → notes: up two folders, then into notes.
        #expect(pageA.contains("<a href=\"b.html#table\">B's table</a>"), "\(pageA)")
        #expect(pageA.contains("<a href=\"../../notes/data/x%20y.csv\">the data</a>"))
        #expect(pageA.contains("<a href=\"../../notes/c.md\">C</a>"))
        #expect(pageA.contains("<a href=\"https://r-project.org\">R</a>"))
        #expect(pageA.contains("<a href=\"#a\">top</a>") && pageA.contains("<a href=\"mailto:x@example.org\">mail</a>"))
        #expect(pageA.contains("<img src=\"../../notes/data/p.png\" alt=\"plot\" />"))
        let pageB = try String(contentsOf: site.appendingPathComponent("b.html"), encoding: .utf8)
        #expect(pageB.contains("<a href=\"a.html\">A</a>"), "\(pageB)")

        // Rendered beside the notebooks: links to rendered notebooks go to their pages, the rest unchanged.
        let here = Barometer.execute(["notebook", "render", a, b])
        #expect(here.exitCode == 0, "\(here.errors)")
        let besideA = try String(contentsOf: notes.appendingPathComponent("a.html"), encoding: .utf8)
        #expect(besideA.contains("<a href=\"b.html#table\">") && besideA.contains("<a href=\"data/x%20y.csv\">")
                && besideA.contains("<a href=\"c.md\">"))
    }
}
