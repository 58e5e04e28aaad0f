#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file mapped read-only into memory (`mmap`), so a reader scans the page cache in
/// place instead of copying the file into buffers; `release` drops scanned pages from the
/// process (they stay in the page cache), so resident memory does not grow with the file.
final class MappedFile: @unchecked Sendable {
    /// First byte; valid while the object lives.
    let base: UnsafePointer<UInt8>
    /// Size in bytes (> 0).
    let count: Int
    private let mapping: UnsafeMutableRawPointer

    /// Maps `path`; nil when it is not a non-empty regular file or cannot be mapped (the caller
    /// then reads it as a stream, which also produces the proper error for a missing file).
    init?(path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 else { return nil }
        let size = Int(info.st_size)
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else { return nil }
        madvise(p, size, MADV_SEQUENTIAL)
        mapping = p
        count = size
        base = UnsafePointer(p.assumingMemoryBound(to: UInt8.self))
    }

    deinit { munmap(mapping, count) }

    /// Drops the pages wholly inside `range` from this process's resident set.
    func release(_ range: Range<Int>) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (range.lowerBound + page - 1) / page * page, end = range.upperBound / page * page
        guard end > start else { return }
        madvise(mapping + start, end - start, MADV_DONTNEED)
    }
}
