#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText

/// Collects a command's standard output and error text, so one code path serves the CLI (which
/// prints the buffer) and the notebook runner (which stores it).
final class OutputBuffer: @unchecked Sendable {
    /// Whether this buffer is printed to a terminal (decides colour and sizing).
    let isTerminal: Bool
    /// True for the CLI process's own run, which may read COLUMNS/LINES; false for in-process
    /// runs (notebooks, tests), which must not depend on the environment.
    let readsEnvironment: Bool
    private let lock = Lock()
    private var out = ""
    private var err = ""

    init(isTerminal: Bool = false, readsEnvironment: Bool = false) {
        self.isTerminal = isTerminal
        self.readsEnvironment = readsEnvironment
    }

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
        if let capture { capture.write(s) } else { writeAllBytes(s, STDOUT_FILENO) }
    }

    /// Appends a line to standard error of the current run (a newline is added).
    static func error(_ s: String) {
        let line = s.hasSuffix("\n") ? s : s + "\n"
        if let capture { capture.writeError(line) } else { writeAllBytes(line, STDERR_FILENO) }
    }
}

extension Console {
    /// Writes all of `text` to the file descriptor (the CLI's final output; `Data` would cost
    /// the process a protocol-conformance scan).
    /// Whether every byte went out.
    @discardableResult
    static func writeAll(_ text: String, to fd: Int32) -> Bool { writeAllBytes(text, fd) }

    /// Whether output goes straight to a terminal: false while captured for notebooks and tests, so
    /// colour and terminal sizing never leak into stored outputs.
    static var isTerminal: Bool {
        capture?.isTerminal ?? standardOutputIsTerminal
    }

    /// Whether the run may read terminal-size variables (false inside notebooks and tests).
    static var readsEnvironment: Bool { capture?.readsEnvironment ?? true }

    /// True when standard output is a TTY and TERM is not `dumb`.
    static var standardOutputIsTerminal: Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessEnvironment.value("TERM") != "dumb"
    }
}

/// `write(2)` until every byte of `text` is out, retrying partial writes and interrupted calls;
/// other errors (a closed pipe, a full disk) end the attempt and return false. File scope, where
/// `write` is the system call.
@discardableResult
private func writeAllBytes(_ text: String, _ fd: Int32) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
        guard let base = bytes.baseAddress else { return true }
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, base + offset, bytes.count - offset)
            if n > 0 { offset += n } else if n < 0, errno == EINTR { continue } else { return false }
        }
        return true
    }
}
