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

/// Sweep of notebooks: `check` compared only the stored text, so a data file a block writes,
/// edited after `run`, passed while `render` drew the edited numbers; a later block spelling the
/// path differently (`./out/raked.csv`) read the disk file, not the fresh one; `render`
/// overwrote one page with another of the same name, and failed on a chart block whose stored
/// output is its own error; raw HTML in prose ran in the page.
@Suite(.serialized) struct NotebookFilesTests {
    func scratch(_ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nbf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("out"), withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("n.md").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func editedOutputFileIsStale() throws {
        let rake = "```barometer\nrake \(NotebookSandboxTests.data) --weights pw --margins \(NotebookSandboxTests.margins) --out out/raked.csv\n```\n"
        let path = try scratch(rake + "\n```barometer\nestimate ./out/raked.csv --weights pw_cal --total api00\n```\n")
        #expect(Barometer.execute(["notebook", "run", path]).exitCode == 0)
        #expect(Barometer.execute(["notebook", "check", path]).exitCode == 0)
        let raked = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("out/raked.csv").path
        var text = try String(contentsOfFile: raked, encoding: .utf8)
        text = text.replacingOccurrences(of: "\n", with: "\n", options: [], range: nil) + ""
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        try (lines.prefix(2) + lines.dropFirst(3)).joined(separator: "\n").write(toFile: raked, atomically: true, encoding: .utf8)
        let check = Barometer.execute(["notebook", "check", path])
        #expect(check.exitCode == 1)
        #expect(check.output.contains("'out/raked.csv', written by one of its blocks, differs"), "\(check.output)\(check.errors)")
    }

    /// `run` dropped a byte-order mark when it updated a block ("prose is never touched").
    @Test func byteOrderMarkStays() throws {
        let path = try scratch("")
        try Data([0xEF, 0xBB, 0xBF] + Array("# T\n\n```barometer\ndatasets\n```\n".utf8)).write(to: URL(fileURLWithPath: path))
        #expect(Barometer.execute(["notebook", "run", path]).exitCode == 0)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(Barometer.execute(["notebook", "run", path]).output.contains("up to date"))
    }

    /// A block inside a `>` quote (or indented 4+ spaces) was skipped by run and check, which
    /// said "current" for a command that never ran; it is an error naming the line.
    @Test(arguments: ["> ```barometer\n> datasets\n> ```\n", "    ```barometer\n    datasets\n    ```\n"])
    func blockThatWouldNotRunIsAnError(block: String) throws {
        let path = try scratch("# Q\n\n" + block)
        let r = Barometer.execute(["notebook", "check", path])
        #expect(r.exitCode == 1)
        #expect(r.errors.contains("n.md:3: a barometer block inside a quote or indented 4 or more spaces is not run"), "\(r.errors)")
    }

    /// A chart block whose command fails on its data (exit 1; an unknown country is bad usage, exit
    /// 2, which fails the notebook instead) stores the error, and the page renders.
    @Test func chartBlockStoringItsErrorRenders() throws {
        let path = try scratch("# C\n\n```barometer\nchart --series no-such-series-XX.csv --target Russia\n```\n")
        let run = Barometer.execute(["notebook", "run", path])
        #expect(run.exitCode == 0, "\(run.errors)")
        #expect(Barometer.execute(["notebook", "check", path]).exitCode == 0)
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("site-\(UUID().uuidString)").path
        let render = Barometer.execute(["notebook", "render", path, "--out-dir", site])
        #expect(render.exitCode == 0, "\(render.errors)")
        let stored = try String(contentsOfFile: path, encoding: .utf8)
        #expect(stored.contains("XX"))
    }

    /// 69 bytes found by fuzzing (`scripts/fuzz notebook`): Ink's HTML reader looped forever on
    /// a `<p` its code spans did not cover, growing memory past 2 GB.
    @Test func fuzzedProseRendersInBoundedTime() throws {
        let bytes: [UInt8] = [96, 102, 101, 82, 97, 96, 96, 10, 96, 96, 96, 10, 96, 96, 96, 96, 10, 0, 0, 0, 0, 0, 0, 0, 38, 32, 32, 32, 96, 10, 96, 96, 96, 10, 10, 10, 10, 96, 96, 96, 10, 10, 10, 10, 60, 96, 32, 32, 32, 96, 10, 96, 96, 96, 10, 10, 10, 10, 60, 112, 96, 10, 10, 96, 96, 96, 96, 10, 32]
        let path = try scratch("")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("site-\(UUID().uuidString)").path
        let r = Barometer.execute(["notebook", "render", path, "--out-dir", site])
        #expect(r.exitCode == 0, "\(r.errors)")
        // 175 bytes, mostly `[`: Ink's link reader took 11 s (exponential in nested brackets).
        let brackets: [UInt8] = [117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 91, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 117, 97, 0, 0, 0, 116, 108, 101, 10, 10, 80, 91, 115, 10, 32, 32, 32, 32, 45, 37, 96, 97, 114, 111, 115, 51, 101, 46, 10, 10, 96, 96, 96, 98, 97, 114, 111, 109, 101, 116, 101, 114, 10, 98, 97, 114, 109, 109, 101, 32, 121, 10, 96, 96, 96, 10, 10, 96, 116, 112, 117, 116, 10, 111, 108, 100]
        try Data(brackets).write(to: URL(fileURLWithPath: path))
        let start = Date()
        #expect(Barometer.execute(["notebook", "render", path, "--out-dir", site]).exitCode == 0)
        #expect(Date().timeIntervalSince(start) < 5)
        // The fuzzer's other finds: a list item then white space at the end (Ink read past the
        // end: a crash), and a `~~~` fence of brackets (Ink knows no `~~~` fence).
        // And a double-backtick span of brackets (Ink knows single-backtick spans only).
        for name in ["notebook-crash-277e2aa72c379fc63e9ba0505fb84fb87ecd9599", "notebook-timeout-03074c78752143e6ddd71c7f011de53ed1f2be44",
                     "notebook-timeout-8180a8228ca3060814fc28af97c9372b74ff7b13"] {
            let corpus = NotebookSandboxTests.root.appendingPathComponent("Tests/Fuzz/Corpus/notebook/\(name)")
            // As the fuzzer decodes it (invalid UTF-8 replaced), so the notebook reads.
            let text = String(decoding: try Data(contentsOf: corpus), as: UTF8.self)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            #expect(Barometer.execute(["notebook", "render", path, "--out-dir", site]).exitCode == 0, "\(name)")
        }
    }

    @Test func renderRefusesTwoPagesOfOneNameAndEscapesRawHTML() throws {
        let a = try scratch("# A\n\nSee <https://example.org/x> and List<String>, <script>alert(1)</script>.\n\n  ```\ncode\n  ```\n\nafter\n")
        let b = try scratch("# B\n")
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("site-\(UUID().uuidString)").path
        let twice = Barometer.execute(["notebook", "render", a, b, "--out-dir", site])
        #expect(twice.exitCode == 2, "\(twice.errors)")
        #expect(twice.errors.contains("would both be rendered to"))
        let one = Barometer.execute(["notebook", "render", a, "--out-dir", site])
        #expect(one.exitCode == 0, "\(one.errors)")
        let html = try String(contentsOfFile: site + "/n.html", encoding: .utf8)
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;") || html.contains("&lt;script>"), "\(html)")
        #expect(html.contains("href=\"https://example.org/x\""))
        #expect(html.contains("List&lt;String&gt;") || html.contains("List&lt;String>"))
        // The indented fence closed: "after" is prose, not code.
        #expect(html.contains("<p>after</p>"), "\(html)")
    }
}

/// `report --out - > /dev/full` exited 0 with nothing said: a full disk passed for a report written.
@Suite struct StandardOutputFailureTests {
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: CLIClaimsTests.binary) && FileManager.default.fileExists(atPath: "/dev/full"),
                   "needs the debug binary and /dev/full"))
    func unwritableStandardOutputIsAnError() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIClaimsTests.binary)
        process.arguments = ["datasets"]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 1)
        #expect(text.contains("standard output could not be written"), "\(text)")
    }
}
