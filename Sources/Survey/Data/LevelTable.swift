#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Interns category texts given as raw bytes, assigning codes 0, 1, 2, … in first-seen order.
///
/// An open-addressing hash table (a multiply–xor hash taken eight bytes at a time, linear
/// probing, load ≤ ½) over a byte arena, so the hot loop of the CSV reader never creates a
/// `String` per cell; level strings are made once, at the end.
struct LevelTable {
    private var arena: [UInt8] = []
    private var offsets: [Int] = [0]
    private var hashes: [UInt64] = []
    private var slots = [Int32](repeating: -1, count: 64)

    /// Number of distinct levels.
    var count: Int { hashes.count }

    /// The code of `bytes`, adding it as a new level if unseen.
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let h = Self.hash(bytes)
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let code = slots[s]
            if code < 0 { break }
            if hashes[Int(code)] == h && equals(Int(code), bytes) { return code }
            s = (s + 1) & mask
        }
        let code = Int32(hashes.count)
        arena.append(contentsOf: bytes)
        offsets.append(arena.count)
        hashes.append(h)
        slots[s] = code
        if hashes.count * 2 > slots.count { grow() }
        return code
    }

    /// The code of `bytes` if it is a level.
    func code(of bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        let h = Self.hash(bytes)
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        while slots[s] >= 0 {
            let code = slots[s]
            if hashes[Int(code)] == h && equals(Int(code), bytes) { return code }
            s = (s + 1) & mask
        }
        return nil
    }

    /// Level `k` as text (invalid UTF-8 becomes U+FFFD).
    func level(_ k: Int) -> String {
        String(decoding: arena[offsets[k]..<offsets[k + 1]], as: UTF8.self)
    }

    /// Level `k`'s bytes, passed to `body`.
    func withLevelBytes<R>(_ k: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        arena.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[offsets[k]..<offsets[k + 1]]))
        }
    }

    /// All levels as text, in code order.
    var levels: [String] { (0..<count).map(level) }

    private func equals(_ k: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = offsets[k], length = offsets[k + 1] - start
        guard length == bytes.count else { return false }
        guard length > 0, let other = bytes.baseAddress else { return true }
        return arena.withUnsafeBufferPointer { all in
            all.baseAddress.map { memcmp($0 + start, other, length) == 0 } ?? false
        }
    }

    /// A hash of `bytes` taken eight bytes at a time (the last word zero-padded) and mixed with
    /// the length: a few multiplications per level text instead of one per byte.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        guard let p = bytes.baseAddress else { return h }
        let raw = UnsafeRawPointer(p)
        var i = 0
        while i + 8 <= bytes.count {
            h = (h ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        if i < bytes.count {
            var tail: UInt64 = 0
            for k in i..<bytes.count { tail |= UInt64(p[k]) << UInt64(8 * (k - i)) }
            h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
            h ^= h >> 32
        }
        return h
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (k, h) in hashes.enumerated() {
            var s = Int(truncatingIfNeeded: h) & mask
            while slots[s] >= 0 { s = (s + 1) & mask }
            slots[s] = Int32(k)
        }
    }
}
