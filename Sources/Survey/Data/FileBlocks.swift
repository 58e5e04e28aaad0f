#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Visits a byte range of a file in blocks read (`pread`) into one reused buffer: for a single
/// forward pass, such as counting lines, this costs a copy from the page cache instead of a page
/// fault every few pages of a mapping, and leaves no file pages in the resident set. False if the
/// file cannot be opened or read (the caller then scans its mapping instead).
func forEachFileBlock(path: String, range: Range<Int>, blockBytes: Int = 1 << 20,
                      _ body: (UnsafePointer<UInt8>, Int) -> Void) -> Bool {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: blockBytes)
    defer { buffer.deallocate() }
    var offset = range.lowerBound
    while offset < range.upperBound {
        let want = min(blockBytes, range.upperBound - offset)
        let got = pread(fd, buffer, want, off_t(offset))
        guard got > 0 else { return false }
        body(buffer, got)
        offset += got
    }
    return true
}
