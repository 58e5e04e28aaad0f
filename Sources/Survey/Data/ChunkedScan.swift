#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Drives a `DelimitedTokenizer` over a `ByteSource` chunk by chunk.
///
/// Memory is one chunk buffer (grown only if a single record is longer than it) plus whatever the
/// sink keeps. A UTF-8 byte-order mark at the start is skipped. `shouldStop` is polled after each
/// chunk so a sink that has what it needs can end the pass early.
struct ChunkedScan {
    var chunkSize: Int
    var separator: FieldSeparator
    var file: String
    /// The line the source's first byte is on (1 for a whole file; later for a piece of one).
    var firstLine = 1

    /// Scans the whole source; `afterFirstChunk(bytesConsumed)` runs once, after the first chunk,
    /// so the caller can estimate the row count from the file size.
    func run<S: RecordSink>(
        _ source: inout some ByteSource, sink: inout S,
        shouldStop: (S) -> Bool = { _ in false },
        afterFirstChunk: (inout S, Int) -> Void = { _, _ in }
    ) throws(DataError) {
        var capacity = max(chunkSize, 8)
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 8)
        defer { buffer.deallocate() }
        var tokenizer = DelimitedTokenizer(separator: separator, file: file, line: firstLine)
        var filled = 0, eof = false, first = true
        while true {
            if !eof {
                let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
                filled += n
                eof = filled < capacity
            }
            var start = 0
            if first, filled >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
            let bytes = UnsafeBufferPointer(start: buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), count: filled)
            let consumed = try tokenizer.scan(bytes, from: start, final: eof, sink: &sink)
            if first { afterFirstChunk(&sink, consumed); first = false }
            if eof || shouldStop(sink) { return }
            let tail = filled - consumed
            if consumed == 0 && tail == capacity {
                // One record longer than the buffer: double it.
                let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity * 2, alignment: 8)
                bigger.copyMemory(from: UnsafeRawBufferPointer(buffer))
                buffer.deallocate()
                buffer = bigger
                capacity *= 2
            } else if tail > 0, let base = buffer.baseAddress {
                memmove(base, base + consumed, tail)   // regions may overlap
            }
            filled = tail
        }
    }
}
