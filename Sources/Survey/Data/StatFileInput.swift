#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import CReadStat

/// ReadStat's file input through one buffer filled by `pread`, in place of its own input, which
/// makes one `read` system call per request — a request per row of a `.sav` or `.dta`: a
/// 1M-row SPSS file took a million system calls, a third of its read time.
///
/// The parser's requests are served from the buffer; a request past it refills the buffer from
/// the requested position (or, when larger than the buffer, is read straight into the caller's
/// memory). Seeks only move the position. Errors and a short read at the file's end are given to
/// ReadStat as its own input gives them (-1, or fewer bytes), so its messages do not change.
struct StatFileInput {
    /// Bytes the buffer holds: requests are rows of a few hundred bytes, so 1 MiB keeps system
    /// calls to one per MiB of the file.
    static let capacity = 1 << 20

    private var fd: Int32 = -1
    private var buffer: UnsafeMutableRawPointer
    /// File offset of `buffer`'s first byte, and the valid bytes from there.
    private var bufferStart = 0
    private var bufferLength = 0
    /// Where the next read starts, and the file's size (for seeks from its end).
    private var position = 0
    private var size = 0

    init() {
        buffer = UnsafeMutableRawPointer.allocate(byteCount: Self.capacity, alignment: 16)
    }

    /// Frees the buffer (and closes the file if ReadStat did not).
    mutating func release() {
        if fd >= 0 { _ = Glibc.close(fd) }
        fd = -1
        buffer.deallocate()
    }

    /// Opens `path` for reading: its descriptor, or -1 (errno set), as `open` gives it.
    mutating func open(_ path: UnsafePointer<CChar>) -> Int32 {
        let opened = Glibc.open(path, O_RDONLY)
        guard opened >= 0 else { return -1 }
        var info = stat()
        guard fstat(opened, &info) == 0 else {
            _ = Glibc.close(opened)
            return -1
        }
        (fd, size, position, bufferStart, bufferLength) = (opened, Int(info.st_size), 0, 0, 0)
        return opened
    }

    mutating func close() -> Int32 {
        defer { fd = -1 }
        return fd >= 0 ? Glibc.close(fd) : 0
    }

    /// Moves the position (`whence` as `lseek`'s): the new position, or -1 before the file's start.
    mutating func seek(_ offset: Int, whence: readstat_io_flags_t) -> Int {
        let base: Int
        switch whence {
        case READSTAT_SEEK_SET: base = 0
        case READSTAT_SEEK_CUR: base = position
        case READSTAT_SEEK_END: base = size
        default: return -1
        }
        let (target, overflow) = base.addingReportingOverflow(offset)
        guard !overflow, target >= 0 else {
            errno = EINVAL
            return -1
        }
        position = target
        return target
    }

    /// Copies up to `count` bytes from the position into `destination` and moves past them: the
    /// bytes copied (fewer only at the file's end), or -1 when the file cannot be read.
    mutating func read(into destination: UnsafeMutableRawPointer, count: Int) -> Int {
        var done = 0
        while done < count {
            let offset = position - bufferStart
            if offset >= 0 && offset < bufferLength {
                let n = min(count - done, bufferLength - offset)
                (destination + done).copyMemory(from: buffer + offset, byteCount: n)
                done += n
                position += n
                continue
            }
            let wanted = count - done
            if wanted >= Self.capacity {
                // A request as large as the buffer goes straight to the caller's memory.
                let got = fill(destination + done, count: wanted, at: position)
                if got < 0 { return done > 0 ? done : -1 }
                done += got
                position += got
                if got < wanted { break }
                continue
            }
            let got = fill(buffer, count: Self.capacity, at: position)
            if got < 0 { return done > 0 ? done : -1 }
            (bufferStart, bufferLength) = (position, got)
            if got == 0 { break }
        }
        return done
    }

    /// Reads up to `count` bytes at `offset` (`pread`, again after a signal or a short read):
    /// the bytes read, fewer at the file's end, or -1 on an error.
    private func fill(_ target: UnsafeMutableRawPointer, count: Int, at offset: Int) -> Int {
        var done = 0
        while done < count {
            let got = pread(fd, target + done, count - done, off_t(offset + done))
            if got < 0 && errno == EINTR { continue }
            if got < 0 { return -1 }
            if got == 0 { break }
            done += got
        }
        return done
    }

    /// Installs handlers on `parser` that serve its input from the `StatFileInput` at `input`
    /// (which must outlive the parse).
    static func install(on parser: UnsafeMutablePointer<readstat_parser_t>, input: UnsafeMutablePointer<StatFileInput>) {
        func at(_ ctx: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<StatFileInput> {
            ctx.unsafelyUnwrapped.assumingMemoryBound(to: StatFileInput.self)
        }
        readstat_set_open_handler(parser) { path, ctx in
            guard let path else { return -1 }
            return at(ctx).pointee.open(path)
        }
        readstat_set_close_handler(parser) { ctx in at(ctx).pointee.close() }
        readstat_set_seek_handler(parser) { offset, whence, ctx in
            readstat_off_t(at(ctx).pointee.seek(Int(offset), whence: whence))
        }
        readstat_set_read_handler(parser) { destination, count, ctx in
            guard let destination else { return -1 }
            return at(ctx).pointee.read(into: destination, count: count)
        }
        // Progress is not reported, so there is nothing to update.
        readstat_set_update_handler(parser) { _, _, _, _ in READSTAT_OK }
        readstat_set_io_ctx(parser, UnsafeMutableRawPointer(input))
    }
}
