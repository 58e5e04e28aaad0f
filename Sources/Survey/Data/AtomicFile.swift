import Foundation

/// Writes files so that readers never see a half-written file: the data go to a temporary file
/// in the same directory, which is then renamed over the target (rename is atomic on POSIX).
public enum AtomicFile {
    /// Writes `data` to `path` atomically; throws `DataError` naming the path on failure.
    public static func write(_ data: Data, to path: String) throws(DataError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            throw DataError("cannot write: \(error.localizedDescription)", file: path)
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw DataError("cannot replace file: \(reason)", file: path)
        }
    }

    /// Writes UTF-8 text to `path` atomically.
    public static func write(_ text: String, to path: String) throws(DataError) {
        try write(Data(text.utf8), to: path)
    }
}
