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
