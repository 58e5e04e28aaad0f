#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file mapped read-only into memory (`mmap`), so a reader scans the page cache in
/// place instead of copying the file into buffers; `release` drops scanned pages from the
/// process (they stay in the page cache), so resident memory does not grow with the file. The
/// file stays open for `read`, which copies a range into a buffer instead (for a long forward
/// pass, cheaper than faulting the mapping's pages in and dropping them again).
final class MappedFile: @unchecked Sendable {
    /// First byte; valid while the object lives.
    let base: UnsafePointer<UInt8>
    /// Size in bytes (> 0).
    let count: Int
    private let mapping: UnsafeMutableRawPointer
    private let descriptor: Int32

    /// Maps `path`; nil when it is not a non-empty regular file or cannot be mapped (the caller
    /// then reads it as a stream, which also produces the proper error for a missing file).
    init?(path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0,
              let p = mmap(nil, Int(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            close(fd)
            return nil
        }
        let size = Int(info.st_size)
        madvise(p, size, MADV_SEQUENTIAL)
        mapping = p
        descriptor = fd
        count = size
        base = UnsafePointer(p.assumingMemoryBound(to: UInt8.self))
    }

    deinit {
        munmap(mapping, count)
        close(descriptor)
    }

    /// Copies the `count` bytes at `offset` into `buffer` (`pread`, safe from any thread); false
    /// if the file could not be read that far.
    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int, at offset: Int) -> Bool {
        readFully(descriptor, into: buffer, count: count, at: UInt64(offset))
    }

    /// Visits `range` in blocks of `blockBytes` read into one reused buffer (`read`): for a single
    /// forward pass, such as counting lines, a copy from the page cache instead of a page fault
    /// every few pages of the mapping. False if the file could not be read.
    func forEachBlock(in range: Range<Int>, blockBytes: Int = 1 << 20, _ body: (UnsafePointer<UInt8>, Int) -> Void) -> Bool {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: blockBytes)
        defer { buffer.deallocate() }
        var offset = range.lowerBound
        while offset < range.upperBound {
            let length = min(blockBytes, range.upperBound - offset)
            guard read(into: buffer, count: length, at: offset) else { return false }
            body(buffer, length)
            offset += length
        }
        return true
    }

    /// Drops the pages wholly inside `range` from this process's resident set.
    func release(_ range: Range<Int>) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (range.lowerBound + page - 1) / page * page, end = range.upperBound / page * page
        guard end > start else { return }
        madvise(mapping + start, end - start, MADV_DONTNEED)
    }
}
