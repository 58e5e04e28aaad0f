import Foundation

/// Collects a command's standard output and error text, so one code path serves the CLI (which
/// prints the buffer) and the notebook runner (which stores it).
final class OutputBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var out = ""
    private var err = ""

    func write(_ s: String) { lock.lock(); out += s; lock.unlock() }
    func writeError(_ s: String) { lock.lock(); err += s; lock.unlock() }
    var output: String { lock.lock(); defer { lock.unlock() }; return out }
    var errors: String { lock.lock(); defer { lock.unlock() }; return err }
}

/// Where commands print. Commands never call `print`: they call `Console.write`.
enum Console {
    @TaskLocal static var capture: OutputBuffer?

    /// Appends text to the standard output of the current run.
    static func write(_ s: String) {
        if let capture { capture.write(s) } else { FileHandle.standardOutput.write(Data(s.utf8)) }
    }

    /// Appends a line to standard error of the current run (a newline is added).
    static func error(_ s: String) {
        let line = s.hasSuffix("\n") ? s : s + "\n"
        if let capture { capture.writeError(line) } else { FileHandle.standardError.write(Data(line.utf8)) }
    }
}
