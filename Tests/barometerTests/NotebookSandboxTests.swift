import Foundation
import Testing
@testable import barometer

/// Issue 11 item 3: notebooks are sandboxed. `check` writes nothing; `run` writes only the notebook
/// and files below its folder; CRLF notebooks parse like LF ones; an orphan output block is an error.
@Suite(.serialized) struct NotebookSandboxTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let data = root.appendingPathComponent("examples/apistrat.csv").path
    static let margins = root.appendingPathComponent("examples/margins-stype.csv").path

    /// A notebook `n.md` with `text` in a fresh folder `<tmp>/nb-…/a/b`; returns its path.
    func scratch(_ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nb-\(UUID().uuidString)/a/b")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("n.md").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func rake(out: String) -> String {
        "```barometer\nrake \(Self.data) --weights pw --margins \(Self.margins) --out \(out)\n```\n"
    }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func checkOfRakeOutSelfLeavesTheNotebookByteIdentical() throws {
        // Issue "Why": check ran `rake … --out self.md` for real and replaced the notebook with a CSV.
        let path = try scratch("# N\n\n" + rake(out: "n.md"))
        let before = try bytes(path)
        let r = Barometer.execute(["notebook", "check", path])
        #expect(r.exitCode == 1)
        #expect(r.errors.contains("n.md:4:") && r.errors.contains("is the notebook itself"), "\(r.errors)")
        #expect(try bytes(path) == before)
        #expect(Barometer.execute(["notebook", "run", path]).exitCode == 1)
        #expect(try bytes(path) == before)
    }

    @Test func checkWritesNoOutputFileAndStillMatchesRun() throws {
        let path = try scratch(rake(out: "out/raked.csv") + "\n```barometer\nestimate out/raked.csv --weights pw_cal --total api00\n```\n")
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("out"), withIntermediateDirectories: true)
        let run = Barometer.execute(["notebook", "run", path])
        #expect(run.exitCode == 0, "\(run.errors)")
        let raked = folder.appendingPathComponent("out/raked.csv").path
        #expect(FileManager.default.fileExists(atPath: raked))  // run writes below the folder
        let notebook = try bytes(path)
        try FileManager.default.removeItem(atPath: raked)
        // check re-runs both commands (the second reads the first's fresh, redirected output), finds
        // the stored outputs current (the output names 'out/raked.csv', not the scratch path) and writes nothing.
        let check = Barometer.execute(["notebook", "check", path])
        #expect(check.exitCode == 0, "\(check.output)\(check.errors)")
        #expect(!FileManager.default.fileExists(atPath: raked))
        #expect(try bytes(path) == notebook)
    }

    @Test(arguments: ["../../x.csv", "/tmp/barometer-sandbox-x.csv", "sub/../../x.csv"])
    func outputOutsideTheFolderIsRefused(out: String) throws {
        let path = try scratch(rake(out: out))
        let before = try bytes(path)
        for mode in ["run", "check"] {
            let r = Barometer.execute(["notebook", mode, path])
            #expect(r.exitCode == 1)
            #expect(r.errors.contains("n.md:2:") && r.errors.contains("outside the notebook's folder"), "\(r.errors)")
        }
        #expect(try bytes(path) == before)
        let escaped = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(out).standardizedFileURL.path
        #expect(!FileManager.default.fileExists(atPath: out.hasPrefix("/") ? out : escaped))
    }

    @Test func symbolicLinkOutOfTheFolderIsRefused() throws {
        let path = try scratch(rake(out: "link/x.csv"))
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let outside = folder.deletingLastPathComponent().deletingLastPathComponent()
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link").path, withDestinationPath: outside.path)
        let r = Barometer.execute(["notebook", "run", path])
        #expect(r.exitCode == 1)
        #expect(r.errors.contains("n.md:2:") && r.errors.contains("symbolic link"), "\(r.errors)")
        #expect(!FileManager.default.fileExists(atPath: outside.appendingPathComponent("x.csv").path))
    }

    @Test func crlfNotebookWithStaleOutputIsReportedStale() throws {
        // Issue "Why": a CRLF notebook was never parsed, so check said "current" over a stale output.
        let path = try scratch("# N\r\n\r\n```barometer\r\n--version\r\n```\r\n\r\n```output\r\n0.0.9\r\n```\r\n")
        let r = Barometer.execute(["notebook", "check", path])
        #expect(r.exitCode == 1)
        #expect(r.output.contains("-0.0.9\n+0.1.0\n"))
    }

    @Test func crlfNotebookIsRunAndWrittenBackWithCRLF() throws {
        let path = try scratch("# N\r\n\r\n```barometer\r\n--version\r\n```\r\n")
        #expect(Barometer.execute(["notebook", "run", path]).exitCode == 0)
        let text = String(decoding: try bytes(path), as: UTF8.self)
        #expect(text == "# N\r\n\r\n```barometer\r\n--version\r\n```\r\n\r\n```output\r\n0.1.0\r\n```\r\n")
        #expect(Barometer.execute(["notebook", "check", path]).exitCode == 0)
    }

    @Test func outputBlockWithoutCommandBlockIsAnError() throws {
        let path = try scratch("# N\n\n```output\n0.1.0\n```\n")
        let r = Barometer.execute(["notebook", "check", path])
        #expect(r.exitCode == 1)
        #expect(r.errors.contains("n.md:3:") && r.errors.contains("no barometer block before it"), "\(r.errors)")
    }
}
