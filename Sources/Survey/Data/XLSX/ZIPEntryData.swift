import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where each entry's compressed bytes lie in a ZIP file, from its central directory and local
/// headers, so a deflated part can be inflated from exactly those bytes. Why: ZIPFoundation's
/// inflate on Linux reads the file on past the entry until the deflate stream ends, and a stream
/// that never ends (a fuzzed 799-byte workbook) made it ask for more bytes for ever at the end of
/// the file. Classic archives only: an entry with ZIP64 sizes or offsets is not listed (its
/// caller reads it as before).
struct ZIPEntryData {
    /// First byte of the entry's data and its compressed size.
    struct Span: Equatable {
        let offset: UInt64
        let size: UInt64
    }

    /// Spans by entry name (the first of a repeated name, as ZIPFoundation's lookup finds).
    let spans: [String: Span]

    /// The spans of the archive at `path`; empty when its end record or central directory cannot
    /// be read (the archive reader reports those).
    init(path: String) { spans = Self.spans(path: path) }

    private static func spans(path: String) -> [String: Span] {
        var spans: [String: Span] = [:]
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return spans }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_size >= 22 else { return spans }
        let fileSize = UInt64(status.st_size)
        func read(_ count: Int, at offset: UInt64) -> [UInt8]? {
            guard offset <= fileSize, UInt64(count) <= fileSize - offset else { return nil }
            var bytes = [UInt8](repeating: 0, count: count)
            let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(offset)) }
            return got == count ? bytes : nil
        }
        func u16(_ b: [UInt8], _ i: Int) -> UInt64 { UInt64(b[i]) | UInt64(b[i + 1]) << 8 }
        func u32(_ b: [UInt8], _ i: Int) -> UInt64 { u16(b, i) | u16(b, i + 2) << 16 }
        // The end-of-central-directory record: within the last 22 + 65,535 bytes (its comment).
        let tailSize = Int(min(fileSize, 22 + 65_535))
        guard let tail = read(tailSize, at: fileSize - UInt64(tailSize)),
              let end = stride(from: tailSize - 22, through: 0, by: -1).first(where: {
                  tail[$0] == 0x50 && tail[$0 + 1] == 0x4B && tail[$0 + 2] == 0x05 && tail[$0 + 3] == 0x06
              })
        else { return spans }
        let entries = u16(tail, end + 10), directorySize = u32(tail, end + 12), directoryOffset = u32(tail, end + 16)
        guard directorySize < 1 << 28, let directory = read(Int(directorySize), at: directoryOffset) else { return spans }
        var i = 0
        for _ in 0..<entries {
            guard i + 46 <= directory.count, u32(directory, i) == 0x0201_4B50 else { return spans }
            let compressed = u32(directory, i + 20), uncompressed = u32(directory, i + 24)
            let nameLength = Int(u16(directory, i + 28)), extra = Int(u16(directory, i + 30)), comment = Int(u16(directory, i + 32))
            let local = u32(directory, i + 42)
            guard i + 46 + nameLength <= directory.count else { return spans }
            let name = String(decoding: directory[(i + 46)..<(i + 46 + nameLength)], as: UTF8.self)
            i += 46 + nameLength + extra + comment
            // ZIP64 sizes or offset (0xFFFFFFFF): not listed.
            guard compressed != 0xFFFF_FFFF, uncompressed != 0xFFFF_FFFF, local != 0xFFFF_FFFF, spans[name] == nil,
                  let header = read(30, at: local), u32(header, 0) == 0x0403_4B50
            else { continue }
            spans[name] = Span(offset: local + 30 + u16(header, 26) + u16(header, 28), size: compressed)
        }
        return spans
    }
}
