#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Writes files so that readers never see a half-written file: the data go to a temporary file
/// in the same directory, which is then renamed over the target (rename is atomic on POSIX).
///
/// A target that is not a regular file — a FIFO, a character device such as `/dev/null`, a
/// socket — is written directly (a rename would replace the pipe or device by a file). A symbolic
/// link is followed: its target is replaced, the link stays. The temporary file is registered in
/// `TemporaryFiles` while it exists, so SIGINT/SIGTERM remove it; an existing file's permissions
/// are kept.
package enum AtomicFile {
    /// Writes `data` to `path` atomically; throws `DataError` naming the path on failure.
    package static func write(_ data: Data, to path: String) throws(DataError) {
        // An empty name (`--out ""`) would resolve to the current folder: say what is wrong.
        guard !path.isEmpty else { throw DataError("the output file name is empty; give a file name") }
        var target = path
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK, let real = realpath(path, nil) {
            target = String(cString: real)
            free(real)
        }
        var mode: mode_t? = nil
        if stat(target, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG: mode = info.st_mode & 0o7777
            case S_IFDIR: throw DataError("cannot write: it is a folder", file: path)
            default: try writeDirectly(data, to: target, name: path); return
            }
        }
        let url = URL(fileURLWithPath: target)
        try requireFolder(of: url, named: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        TemporaryFiles.register(temporary.path)
        defer { TemporaryFiles.unregister(temporary.path) }
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw DataError("cannot write: \(String(cString: strerror(errno)))", file: path) }
        let failure = writeAll(data, to: fd)
        if close(fd) != 0 || failure != nil {
            let reason = failure ?? String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw DataError("cannot write: \(reason)", file: path)
        }
        if let mode { chmod(temporary.path, mode) }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw DataError("cannot replace file: \(reason)", file: path)
        }
    }

    /// Writes UTF-8 text to `path` atomically.
    package static func write(_ text: String, to path: String) throws(DataError) {
        try write(Data(text.utf8), to: path)
    }

    /// The error for a target whose folder is missing or is a file, in the user's terms (Foundation's
    /// message was "The operation could not be completed. The file doesn't exist.").
    static func requireFolder(of url: URL, named path: String) throws(DataError) {
        let folder = url.deletingLastPathComponent().path
        let parent = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
        let shown = parent.isEmpty ? (path.hasPrefix("/") ? "/" : ".") : parent
        var info = stat()
        guard stat(folder, &info) == 0 else {
            throw DataError("cannot write: the folder '\(shown)' does not exist (create it first)", file: path)
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw DataError("cannot write: '\(shown)' is a file, not a folder", file: path)
        }
    }

    /// Writes to a FIFO or device in place (opening a FIFO waits for its reader).
    static func writeDirectly(_ data: Data, to path: String, name: String) throws(DataError) {
        let fd = open(path, O_WRONLY)
        guard fd >= 0 else { throw DataError("cannot open for writing: \(String(cString: strerror(errno)))", file: name) }
        defer { close(fd) }
        if let failure = writeAll(data, to: fd) { throw DataError("cannot write: \(failure)", file: name) }
    }

    /// Writes every byte of `data` to `fd` (retrying interrupted writes); the reason on failure.
    static func writeAll(_ data: Data, to fd: Int32) -> String? {
        data.withUnsafeBytes { raw -> String? in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += n
            }
            return nil
        }
    }
}
