import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText
import Survey

extension Barometer {
    /// `barometer notebook run|check FILES...`: markdown notebooks whose outputs CI re-checks.
    struct Notebook: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "notebook",
            _superCommandName: Barometer.commandName,
            abstract: "Run or check markdown notebooks (```barometer blocks with stored ```output blocks).",
            discussion: """
                Example: barometer notebook run notebooks-md/claims.md
                         barometer notebook check notebooks-md/*.md
                Format: see notebooks-md/README.md.
                """,
            subcommands: [Run.self, Check.self, Render.self])
    }
}

extension Barometer.Notebook {
    /// Re-executes every block and rewrites the stored outputs in place (atomically).
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Execute every barometer block and store its output in the notebook.",
            discussion: "Example: barometer notebook run notebooks-md/claims.md")

        @Argument(help: "Markdown notebooks.") var files: [String]

        func run() throws {
            for file in files {
                let (document, outputs, _) = try NotebookSession.evaluate(file, mode: .run)
                var original = try NotebookSession.read(file)
                var updated = document.rendered(withOutputs: outputs)
                // A byte-order mark stays (reading drops it; "prose is never touched").
                let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
                if FileManager.default.contents(atPath: file)?.starts(with: bom) == true {
                    if !updated.hasPrefix("\u{FEFF}") { updated = "\u{FEFF}" + updated }
                    if !original.hasPrefix("\u{FEFF}") { original = "\u{FEFF}" + original }
                }
                if updated != original {
                    // A notebook the user may not write is not replaced (the atomic rename would
                    // replace it in a writable folder).
                    guard FileManager.default.isWritableFile(atPath: file) else {
                        throw DataError("the notebook is read-only; its outputs were not updated", file: file)
                    }
                    try AtomicFile.write(updated, to: file)
                    Console.write("\(file): updated\n")
                } else {
                    Console.write("\(file): up to date\n")
                }
            }
        }
    }

    /// Re-executes every block and fails with a diff when a stored output is stale.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Verify that every stored output is current; exit 1 with a unified diff if not.",
            discussion: "Example: barometer notebook check notebooks-md/*.md")

        @Argument(help: "Markdown notebooks.") var files: [String]

        func run() throws {
            var stale = 0
            for file in files {
                let (document, outputs, staleFiles) = try NotebookSession.evaluate(file, mode: .check)
                for path in staleFiles {
                    stale += 1
                    Console.write("\(file): '\(path)', written by one of its blocks, differs from what the blocks write now; "
                                  + "run 'barometer notebook run' to write it again\n")
                }
                for (block, fresh) in zip(document.commandBlocks, outputs) {
                    let stored = block.storedOutput ?? ""
                    guard block.storedOutput == nil || !OutputComparison.matches(
                        stored: stored, fresh: fresh, tolerance: block.tolerance)
                    else { continue }
                    stale += 1
                    let at = block.outputLine ?? block.line
                    Console.write(
                        UnifiedDiff.make(
                            old: stored, new: fresh,
                            oldLabel: "\(file):\(at) (stored output of the block at line \(block.line))",
                            newLabel: "\(file):\(at) (fresh output)", lineOffset: block.outputLine ?? 0))
                }
            }
            if stale > 0 {
                throw DataError("\(stale) stale output block\(stale == 1 ? "" : "s"); run 'barometer notebook run' to update")
            }
            Console.write("\(files.count) notebook\(files.count == 1 ? "" : "s") current\n")
        }
    }
}

extension Barometer.Notebook {
    /// Writes each notebook as a self-contained HTML page (`NAME.html`): prose, commands, stored
    /// outputs with tables as HTML tables, and `chart` commands drawn as inline SVG.
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "render",
            abstract: "Render notebooks to self-contained HTML (charts as inline SVG, tables as HTML tables).",
            discussion: """
                Example: barometer notebook render notebooks-md/claims.md --out-dir site
                Stored outputs are shown as stored; each `chart` command is drawn again as an SVG \
                (column size) from the built-in datasets or the notebook's own files — no \
                microdata needed. Files are written atomically, next to each notebook unless \
                --out-dir is given.
                """)

        @Argument(help: "Markdown notebooks.") var files: [String]

        @Option(help: "Folder for the HTML files (default: each notebook's folder).")
        var outDir: String?

        func run() throws {
            if let outDir {  // the help's example names a folder that need not exist yet
                do { try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true) } catch {
                    throw DataError("cannot create the output folder: \(FileErrorText.describe(error))", file: outDir)
                }
            }
            // Each page's path first: two notebooks of one name into one folder overwrote each
            // other, and a notebook named `x.html` was overwritten by its own page.
            let pages = files.map { file in
                let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent + ".html"
                let folder = outDir ?? URL(fileURLWithPath: file).deletingLastPathComponent().path
                return URL(fileURLWithPath: folder).appendingPathComponent(name).standardizedFileURL.path
            }
            for (k, page) in pages.enumerated() {
                if page == URL(fileURLWithPath: files[k]).standardizedFileURL.path {
                    throw ValidationError("\(files[k]): its page would overwrite the notebook itself; rename it to .md")
                }
                if let j = pages.firstIndex(of: page), j < k {
                    throw ValidationError("\(files[j]) and \(files[k]) would both be rendered to \(page); render them to different folders")
                }
            }
            // Links between the notebooks rendered go to their pages; other relative links are
            // made relative to the page's folder (`NotebookLinks`).
            let pageOf = Dictionary(zip(files, pages).map { (URL(fileURLWithPath: $0).standardizedFileURL.path, $1) },
                                    uniquingKeysWith: { first, _ in first })
            for (file, out) in zip(files, pages) {
                let html = try Self.html(file, links: NotebookLinks(notebook: file, page: out, pages: pageOf))
                try AtomicFile.write(html, to: out)
                Console.write("\(file): rendered to \(out)\n")
            }
        }

        /// The HTML of one notebook (`links`: where its relative links point from its page).
        static func html(_ file: String, links: NotebookLinks? = nil) throws -> String {
            let source = try NotebookSession.read(file)
            let document = try NotebookParser.parse(source, file: file)
            let manager = FileManager.default
            let scratch = manager.temporaryDirectory.appendingPathComponent("barometer-render-\(UUID().uuidString).svg").path
            defer { try? manager.removeItem(atPath: scratch) }
            // A chart that cannot be drawn fails the render (exit 1): the page would otherwise show the
            // stale stored text where the chart belongs, and say nothing.
            var failure: String?
            let html = try NotebookSession.inFolder(of: file) {
                NotebookHTML.render(document, fallbackTitle: URL(fileURLWithPath: file).lastPathComponent,
                                    links: links.map { l in { l.rewrite($0) } }) { line in
                    let result = (try? CommandLineWords.split(line)).map { Barometer.execute($0 + ["--size", "column", "--svg", scratch]) }
                    guard let result, result.exitCode == 0, let svg = try? String(contentsOfFile: scratch, encoding: .utf8) else {
                        let why = result?.errors.split(separator: "\n").first.map(String.init) ?? "the command line cannot be split"
                        // A block whose stored output is this very error (bad data, exit 1, which
                        // `check` calls current) shows it, as stored; any other failure fails.
                        if result?.exitCode == 1, !why.isEmpty, source.contains(why) { return nil }
                        failure = failure ?? "`barometer \(line)`: \(why)"
                        return nil
                    }
                    return svg
                }
            }
            if let failure { throw DataError("chart not rendered: \(failure)", file: file) }
            return html
        }
    }
}

/// Reads, parses and runs one notebook with paths resolved against its folder.
enum NotebookSession {
    static func read(_ file: String) throws(DataError) -> String {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw DataError("cannot read notebook", file: file)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DataError("notebook is not valid UTF-8", file: file)
        }
        return text
    }

    /// The document and each block's fresh output. Output paths are sandboxed (`NotebookSandbox`):
    /// under `run` only below the notebook's folder, under `check` redirected so nothing is written.
    static func evaluate(_ file: String, mode: NotebookSandbox.Mode) throws -> (NotebookDocument, [String], [String]) {
        let text = try read(file)
        let document = try NotebookParser.parse(text, file: file)
        let runner = NotebookRunner { words in
            let r = Barometer.execute(words)
            return NotebookRunner.Result(text: r.output + r.errors, exitCode: r.exitCode)
        }
        var sandbox = NotebookSandbox(notebook: file, mode: mode)
        defer { sandbox.cleanUp() }
        let outputs = try inFolder(of: file) { try runner.outputs(for: document, file: file, sandbox: &sandbox) }
        // Under check, the files the blocks wrote (to scratch) against those on disk.
        return (document, outputs, mode == .check ? sandbox.staleFiles() : [])
    }

    /// Held while a notebook runs: the working directory is one per process, so two notebooks run
    /// in one process at once (the in-process `Barometer.execute`, parallel tests) would move it
    /// under each other. Recursive, because a notebook block may itself run a notebook.
    private static let folderLock = Lock(recursive: true)

    /// Runs `body` with the notebook's folder as the working directory (relative paths in its
    /// blocks resolve there), then returns to the previous one; one notebook at a time per process.
    static func inFolder<T>(of file: String, _ body: () throws -> T) throws -> T {
        folderLock.lock()
        defer { folderLock.unlock() }
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent().path
        let manager = FileManager.default
        let previous = manager.currentDirectoryPath
        guard manager.changeCurrentDirectoryPath(folder) else {
            throw DataError("cannot enter the notebook's folder \(folder)", file: file)
        }
        defer { _ = manager.changeCurrentDirectoryPath(previous) }
        return try body()
    }
}
