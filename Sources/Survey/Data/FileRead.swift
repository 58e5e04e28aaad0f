#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads exactly `count` bytes at `offset` of the open file `fd` into `buffer` (`pread`, again
/// after a signal or a short read); false when the file ends first or cannot be read. The one
/// positioned read of the readers (mapped CSV, ZIP directory and entries, SPSS header).
func readFully(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int, at offset: UInt64) -> Bool {
    var done = 0
    while done < count {
        let got = pread(fd, buffer + done, count - done, off_t(offset) + off_t(done))
        if got < 0 && errno == EINTR { continue }
        guard got > 0 else { return false }
        done += got
    }
    return true
}
