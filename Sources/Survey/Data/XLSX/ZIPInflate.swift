#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SystemZlib

/// Reads one ZIP entry's bytes — stored, or deflated and inflated by zlib — from exactly its
/// span of the file, 64 KB at a time, handing each piece of output to a consumer and computing
/// the CRC-32 as it goes. A deflate stream that has not ended when the span's bytes run out is
/// `truncated`: nothing is read past the entry.
enum ZIPInflate {
    enum Outcome: Equatable {
        /// All bytes delivered; the CRC-32 of the output.
        case done(crc32: UInt32)
        /// The span ended before the stream did.
        case truncated
        /// The consumer asked to stop (a size limit).
        case stopped
        /// The file could not be read or the stream is not valid deflate data.
        case failed(String)
    }

    /// Bytes read from the file, and given to the consumer, at a time.
    static let chunk = 1 << 16

    /// Delivers the entry's bytes at `span` of the file at `path` to `consume`, which returns
    /// false to stop.
    static func read(_ span: ZIPEntryData.Span, deflated: Bool, path: String,
                     consume: (UnsafeBufferPointer<UInt8>) -> Bool) -> Outcome {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .failed("cannot open the file") }
        defer { close(fd) }
        let input = UnsafeMutablePointer<UInt8>.allocate(capacity: chunk)
        let output = UnsafeMutablePointer<UInt8>.allocate(capacity: chunk)
        defer { input.deallocate(); output.deallocate() }
        var position: UInt64 = 0
        var crc = SystemZlib.crc32(0, nil, 0)
        /// The next piece of the span into `input`: its length, 0 at the span's end, nil on a read error.
        func refill() -> Int? {
            let count = Int(min(UInt64(chunk), span.size - position))
            guard count > 0 else { return 0 }
            guard readFully(fd, into: input, count: count, at: span.offset + position) else { return nil }
            position += UInt64(count)
            return count
        }
        func deliver(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool {
            guard count > 0 else { return true }
            crc = SystemZlib.crc32(crc, bytes, uInt(count))
            return consume(UnsafeBufferPointer(start: bytes, count: count))
        }
        guard deflated else {
            while true {
                guard let count = refill() else { return .failed("read error") }
                if count == 0 { return .done(crc32: UInt32(truncatingIfNeeded: crc)) }
                if !deliver(input, count) { return .stopped }
            }
        }
        var stream = z_stream()
        // Raw deflate (negative window bits): ZIP entries carry no zlib header.
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return .failed("zlib could not start")
        }
        defer { inflateEnd(&stream) }
        while true {
            if stream.avail_in == 0 {
                guard let count = refill() else { return .failed("read error") }
                if count == 0 { return .truncated }
                stream.next_in = input
                stream.avail_in = uInt(count)
            }
            stream.next_out = output
            stream.avail_out = uInt(chunk)
            let status = inflate(&stream, Z_NO_FLUSH)
            if !deliver(output, chunk - Int(stream.avail_out)) { return .stopped }
            switch status {
            case Z_STREAM_END: return .done(crc32: UInt32(truncatingIfNeeded: crc))
            case Z_OK, Z_BUF_ERROR: continue
            default:
                let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                return .failed(reason)
            }
        }
    }
}
