/// Runs a notebook's command blocks through an injected executor (the CLI's in-process command
/// runner), producing each block's new output. The runner knows nothing of the CLI: the caller
/// decides how a command line becomes output, so library and CLI stay separate.
package struct NotebookRunner: Sendable {
    /// What running one command produced.
    package struct Result: Sendable {
        /// Standard output followed by standard error, as a reader of the notebook should see it.
        package var text: String
        /// The command's exit code.
        package var exitCode: Int32
        package init(text: String, exitCode: Int32) {
            self.text = text
            self.exitCode = exitCode
        }
    }

    /// Runs one argument vector (without the program name).
    package typealias Executor = @Sendable ([String]) -> Result

    let execute: Executor

    package init(execute: @escaping Executor) {
        self.execute = execute
    }

    /// New outputs, one per command block, for `document` read from `file`.
    ///
    /// A command that fails with bad data (exit 1) stores its error as the output, so `check`
    /// notices a changed error like a changed number. Bad usage in a block (exit 2: unknown
    /// subcommand or flag), a `notebook` command inside a notebook, or an unsplittable line is
    /// an error of the notebook itself, reported with its line.
    ///
    /// With a `sandbox`, every command's output paths are checked (and, under check, redirected)
    /// before it runs; a refused path is an error naming the command's line.
    package func outputs(
        for document: NotebookDocument, file: String, sandbox: inout NotebookSandbox
    ) throws(NotebookError) -> [String] {
        try outputs(for: document, file: file, prepare: { words, line throws(NotebookError) in
            do throws(NotebookSandboxError) { return try sandbox.prepare(words) } catch {
                throw NotebookError(file: file, line: line, message: error.description)
            }
        }, restore: { sandbox.restore($0) })
    }

    /// As `outputs(for:file:sandbox:)` without a sandbox (the executor decides what is written).
    package func outputs(for document: NotebookDocument, file: String) throws(NotebookError) -> [String] {
        try outputs(for: document, file: file, prepare: { words, _ in words }, restore: { $0 })
    }

    private func outputs(
        for document: NotebookDocument, file: String,
        prepare: ([String], Int) throws(NotebookError) -> [String], restore: (String) -> String
    ) throws(NotebookError) -> [String] {
        var outputs: [String] = []
        for block in document.commandBlocks {
            var text = ""
            for command in block.commands {
                let words: [String]
                do {
                    words = try CommandLineWords.split(command.text)
                } catch {
                    throw NotebookError(file: file, line: command.line, message: error.description)
                }
                if words.first == "barometer" {
                    throw NotebookError(
                        file: file, line: command.line,
                        message: "write commands without the program name ('\(words.dropFirst().joined(separator: " "))')")
                }
                if words.first == "notebook" {
                    throw NotebookError(file: file, line: command.line, message: "a notebook cannot run notebooks")
                }
                let run = execute(try prepare(words, command.line))
                // CSV output ends its lines in CRLF; stored so in an LF notebook, `check` never
                // matched it again (a sweep): outputs are stored with LF line ends.
                let lf = String(String.UnicodeScalarView(restore(run.text).unicodeScalars.filter { $0 != "\r" }))
                let result = Result(text: lf, exitCode: run.exitCode)
                if result.exitCode == 2 {
                    var message = result.text.split(separator: "\n").first.map(String.init) ?? "bad usage"
                    // The notebook's own error line says "barometer: error:" once.
                    let prefix = "barometer: error: "
                    if message.hasPrefix(prefix) { message.removeFirst(prefix.count) }
                    throw NotebookError(file: file, line: command.line, message: message)
                }
                text += result.text
                if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
            }
            outputs.append(text)
        }
        return outputs
    }
}
