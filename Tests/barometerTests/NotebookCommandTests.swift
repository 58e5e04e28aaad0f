import Foundation
import Testing
@testable import barometer

@Suite(.serialized) struct NotebookCommandTests {
    /// A scratch notebook in a fresh temporary folder.
    func scratch(_ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("n.md").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func runWritesOutputsThenCheckPassesAndIsByteStable() throws {
        let path = try scratch("# N\n\n```barometer\n--version\n```\n")
        #expect(Barometer.execute(["notebook", "run", path]).exitCode == 0)
        let once = try String(contentsOfFile: path, encoding: .utf8)
        #expect(once == "# N\n\n```barometer\n--version\n```\n\n```output\n0.1.0\n```\n")
        #expect(Barometer.execute(["notebook", "check", path]).exitCode == 0)
        #expect(Barometer.execute(["notebook", "run", path]).exitCode == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == once)
    }

    @Test func editedOutputFailsCheckWithADiff() throws {
        let path = try scratch("```barometer\n--version\n```\n\n```output\n0.0.9\n```\n")
        let r = Barometer.execute(["notebook", "check", path])
        #expect(r.exitCode == 1)
        #expect(r.output.contains("-0.0.9\n+0.1.0\n"))
        #expect(r.output.contains("@@ -6,1 +6,1 @@"))
    }

    @Test func unknownSubcommandLeavesFileUntouched() throws {
        let text = "intro\n\n```barometer\nfrobnicate --now\n```\n"
        let path = try scratch(text)
        let r = Barometer.execute(["notebook", "run", path])
        #expect(r.exitCode == 1)
        #expect(r.errors.contains("n.md:4:"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }

    @Test func unterminatedFenceIsExitOne() throws {
        let path = try scratch("```barometer\n--version\n")
        let r = Barometer.execute(["notebook", "check", path])
        #expect(r.exitCode == 1)
        #expect(r.errors.contains("n.md:1: unterminated code fence"))
    }
}

/// `notebook render` draws every `chart` block again; one that fails (a missing series file) made
/// the page show the stale stored text in its place, with exit 0. Now the render fails, naming
/// the command and why, and writes no HTML.
@Suite struct NotebookRenderFailureTests {
    @Test func aChartThatCannotBeDrawnFailsTheRender() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let notebook = dir.appendingPathComponent("n.md").path
        try "# N\n\n```barometer\nchart --series missing.csv\n```\n```output\nstale\n```\n".write(toFile: notebook, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("site")
        let r = Barometer.execute(["notebook", "render", notebook, "--out-dir", out.path])
        #expect(r.exitCode == 1, "\(r.errors)")
        #expect(r.errors.contains("chart not rendered: `barometer chart --series missing.csv`") && r.errors.contains("missing.csv"), "\(r.errors)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("n.html").path))
    }
}
