import Foundation

/// Writes files atomically: the text goes to a temporary file in the destination's directory,
/// which is then renamed over the destination, so readers never see a half-written file.
public enum AtomicFile {
    /// Writes `text` (UTF-8) to `path`. Throws a `DataError` naming the path on failure.
    public static func write(_ text: String, to path: String) throws(DataError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try Data(text.utf8).write(to: temporary)
        } catch {
            throw DataError("cannot write file: \(error.localizedDescription)", file: path)
        }
        // rename(2) replaces the destination atomically within one file system.
        if rename(temporary.path, url.path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw DataError("cannot move the temporary file into place (errno \(code))", file: path)
        }
    }
}
