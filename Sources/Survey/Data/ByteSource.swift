#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A forward-only stream of bytes that readers consume in chunks, so a file is never held in
/// memory as a whole.
protocol ByteSource {
    /// Fills as much of `buffer` as possible; returns 0 only at the end of the data.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(DataError) -> Int
    /// Total size in bytes when known (used to pre-size column storage).
    var totalBytes: Int? { get }
}

/// A file read with POSIX `read(2)`; closed when the source is released.
final class FileByteSource: ByteSource {
    private let descriptor: Int32
    private let name: String
    let totalBytes: Int?

    /// Opens `path`; a missing or unreadable file is a `DataError` naming it.
    init(path: String) throws(DataError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw DataError("cannot open file: \(String(cString: strerror(errno)))", file: path)
        }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw DataError("is a directory, expected a data file", file: path)
        }
        descriptor = fd
        name = path
        totalBytes = fstat(fd, &info) == 0 ? Int(info.st_size) : nil
    }

    deinit { close(descriptor) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(DataError) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var filled = 0
        while filled < buffer.count {
            #if canImport(Glibc)
            let n = Glibc.read(descriptor, base + filled, buffer.count - filled)
            #else
            let n = Darwin.read(descriptor, base + filled, buffer.count - filled)
            #endif
            if n < 0 {
                if errno == EINTR { continue }
                throw DataError("read error: \(String(cString: strerror(errno)))", file: name)
            }
            if n == 0 { break }
            filled += n
        }
        return filled
    }
}

/// Bytes already in memory (tests, embedded data).
struct MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var totalBytes: Int? { bytes.count }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(DataError) -> Int {
        let n = min(buffer.count, bytes.count - position)
        guard n > 0, let base = buffer.baseAddress else { return 0 }
        bytes.withUnsafeBytes { src in
            if let s = src.baseAddress { base.copyMemory(from: s + position, byteCount: n) }
        }
        position += n
        return n
    }
}

/// The whole of a small file (a series CSV, a margins file), read with `FileByteSource` so its
/// errors are the data readers' — "is a directory", "cannot open file: No such file or
/// directory" — and a pipe or `/dev/null` reads like any file (Foundation's `Data(contentsOf:)`
/// says "error 256" or "permission" for them).
package func readWholeFile(_ path: String) throws(DataError) -> [UInt8] {
    let source = try FileByteSource(path: path)
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        var failure: DataError?
        let n = chunk.withUnsafeMutableBytes { buffer -> Int in
            do { return try source.read(into: buffer) } catch { failure = (error as? DataError) ?? DataError("read error", file: path); return 0 }
        }
        if let failure { throw failure }
        if n == 0 { break }
        bytes.append(contentsOf: chunk[0..<n])
    }
    return bytes
}
