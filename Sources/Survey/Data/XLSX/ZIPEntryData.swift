#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The central directory of a ZIP file: each entry's compression method, CRC-32, sizes and
/// where its compressed bytes lie (from its local header), so a part is read from exactly those
/// bytes. Why our own: a deflate stream that never ends (a fuzzed 799-byte workbook) made the
/// archive library we used ask for bytes past the end of the file for ever, and that library
/// brought Foundation proper into the program (several milliseconds of every start, issue 17).
/// ZIP64 sizes, offsets and end records are read; split archives are not.
struct ZIPEntryData {
    /// First byte of the entry's data and its compressed size.
    struct Span: Equatable {
        let offset: UInt64
        let size: UInt64
    }

    /// One entry of the central directory.
    struct Entry {
        /// Where its data lie; nil when its local header cannot be read.
        let span: Span?
        /// 0 stored, 8 deflated (others are not read).
        let method: UInt16
        let crc32: UInt32
        let compressedSize: UInt64
        let uncompressedSize: UInt64
    }

    /// Entries by name (the first of a repeated name).
    let entries: [String: Entry]
    /// Whether an end record and a central directory were found: the file is a ZIP archive.
    let isArchive: Bool

    /// The spans of the entries whose local header was read.
    var spans: [String: Span] { entries.compactMapValues(\.span) }

    /// The directory of the archive at `path`; `isArchive` false when its end record or central
    /// directory cannot be read.
    init(path: String) { (entries, isArchive) = Self.read(path: path) }

    private static func read(path: String) -> ([String: Entry], Bool) {
        var entries: [String: Entry] = [:]
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return (entries, false) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_size >= 22 else { return (entries, false) }
        let fileSize = UInt64(status.st_size)
        func read(_ count: Int, at offset: UInt64) -> [UInt8]? {
            guard offset <= fileSize, UInt64(count) <= fileSize - offset else { return nil }
            var bytes = [UInt8](repeating: 0, count: count)
            let complete = bytes.withUnsafeMutableBytes { buffer in
                buffer.baseAddress.map { readFully(fd, into: $0, count: count, at: offset) } ?? (count == 0)
            }
            return complete ? bytes : nil
        }
        // The end-of-central-directory record: within the last 22 + 65,535 bytes (its comment).
        let tailSize = Int(min(fileSize, 22 + 65_535))
        let tailStart = fileSize - UInt64(tailSize)
        guard let tail = read(tailSize, at: tailStart),
              let end = stride(from: tailSize - 22, through: 0, by: -1).first(where: {
                  tail[$0] == 0x50 && tail[$0 + 1] == 0x4B && tail[$0 + 2] == 0x05 && tail[$0 + 3] == 0x06
              })
        else { return (entries, false) }
        var count = u16(tail, end + 10), directorySize = u32(tail, end + 12), directoryOffset = u32(tail, end + 16)
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: the locator just before the end record points at the ZIP64 end record.
            guard end >= 20, u32(tail, end - 20) == 0x0706_4B50,
                  let record = read(56, at: u64(tail, end - 12)), u32(record, 0) == 0x0606_4B50
            else { return (entries, false) }
            (count, directorySize, directoryOffset) = (u64(record, 32), u64(record, 40), u64(record, 48))
        }
        guard directorySize < 1 << 28, let directory = read(Int(directorySize), at: directoryOffset) else { return (entries, false) }
        var i = 0
        var listed: UInt64 = 0
        while listed < count {
            listed += 1
            guard i + 46 <= directory.count, u32(directory, i) == 0x0201_4B50 else { break }
            let method = UInt16(u16(directory, i + 10)), crc = UInt32(u32(directory, i + 16))
            var compressed = u32(directory, i + 20), uncompressed = u32(directory, i + 24), local = u32(directory, i + 42)
            let nameLength = Int(u16(directory, i + 28)), extraLength = Int(u16(directory, i + 30))
            let commentLength = Int(u16(directory, i + 32))
            guard i + 46 + nameLength + extraLength <= directory.count else { break }
            let name = String(decoding: directory[(i + 46)..<(i + 46 + nameLength)], as: UTF8.self)
            // The ZIP64 extra field holds, in this order, the values the fixed fields mark 0xFFFFFFFF.
            var e = i + 46 + nameLength
            let extraEnd = e + extraLength
            while e + 4 <= extraEnd {
                let id = u16(directory, e), size = Int(u16(directory, e + 2))
                if id == 1 {
                    var f = e + 4
                    let fieldEnd = min(e + 4 + size, extraEnd)
                    for k in 0..<3 {
                        let value = k == 0 ? uncompressed : k == 1 ? compressed : local
                        guard value == 0xFFFF_FFFF, f + 8 <= fieldEnd else { continue }
                        let wide = u64(directory, f)
                        f += 8
                        if k == 0 { uncompressed = wide } else if k == 1 { compressed = wide } else { local = wide }
                    }
                }
                e += 4 + size
            }
            i = extraEnd + commentLength
            guard entries[name] == nil else { continue }
            var span: Span?
            if let header = read(30, at: local), u32(header, 0) == 0x0403_4B50 {
                let start = local + 30 + u16(header, 26) + u16(header, 28)
                span = Span(offset: start, size: compressed)
            }
            entries[name] = Entry(span: span, method: method, crc32: crc, compressedSize: compressed, uncompressedSize: uncompressed)
        }
        return (entries, true)
    }

    private static func u16(_ b: [UInt8], _ i: Int) -> UInt64 { UInt64(b[i]) | UInt64(b[i + 1]) << 8 }
    private static func u32(_ b: [UInt8], _ i: Int) -> UInt64 { u16(b, i) | u16(b, i + 2) << 16 }
    private static func u64(_ b: [UInt8], _ i: Int) -> UInt64 { u32(b, i) | u32(b, i + 4) << 32 }
}
