import Foundation

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
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        TemporaryFiles.register(temporary.path)
        defer { TemporaryFiles.unregister(temporary.path) }
        do {
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw DataError("cannot write: \(error.localizedDescription)", file: path)
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

    /// Writes to a FIFO or device in place (opening a FIFO waits for its reader).
    static func writeDirectly(_ data: Data, to path: String, name: String) throws(DataError) {
        let fd = open(path, O_WRONLY)
        guard fd >= 0 else { throw DataError("cannot open for writing: \(String(cString: strerror(errno)))", file: name) }
        defer { close(fd) }
        let failure: String? = data.withUnsafeBytes { raw -> String? in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += n
            }
            return nil
        }
        if let failure { throw DataError("cannot write: \(failure)", file: name) }
    }
}
