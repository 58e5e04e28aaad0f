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
    /// Per level: its length and first 24 bytes as three little-endian words, zero-padded, so
    /// `internPadded` compares a short cell with three word comparisons instead of `memcmp`.
    private var keys: [UInt64] = []
    /// `internPadded`'s cache: 64 entries of the three words, the length + 1 (0: empty) and the
    /// code; allocated on first use (most tables never see `internPadded`).
    private var recent: [UInt64] = []

    /// Number of distinct levels.
    var count: Int { hashes.count }

    /// The first level (code) whose bytes are not valid UTF-8, if any: its text would be decoded
    /// with U+FFFD, and two such levels could become one (a file in Windows-1251 or Latin-1).
    private(set) var firstInvalid: Int32?

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
        return add(bytes, hash: h, slot: s)
    }

    /// Adds `bytes` as a new level at free slot `s`.
    private mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt64, slot s: Int) -> Int32 {
        let code = Int32(hashes.count)
        if firstInvalid == nil && !Self.isValidUTF8(bytes) { firstInvalid = code }
        arena.append(contentsOf: bytes)
        offsets.append(arena.count)
        hashes.append(h)
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &words) { w in
            if let p = bytes.baseAddress { w.copyMemory(from: UnsafeRawBufferPointer(start: p, count: min(bytes.count, 24))) }
        }
        keys.append(UInt64(bytes.count))
        keys.append(UInt64(littleEndian: words.0))
        keys.append(UInt64(littleEndian: words.1))
        keys.append(UInt64(littleEndian: words.2))
        slots[s] = code
        if hashes.count * 2 > slots.count { grow() }
        return code
    }

    /// `intern` for a cell of `count` bytes at `p` whose 24 bytes from `p` may all be read (the
    /// caller guarantees it): a cell of at most 24 bytes is taken as three masked words, looked
    /// up first in a small cache of recent cells, then hashed and compared — the same hash as
    /// `intern`, so both find each other's levels — with no byte loop and no `memcmp`. Longer
    /// cells go through `intern`.
    @inline(__always)
    mutating func internPadded(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
        guard count <= 24 else { return intern(UnsafeBufferPointer(start: p, count: count)) }
        let raw = UnsafeRawPointer(p)
        // Word k keeps the cell's bytes 8k ..< min(8k + 8, count); the rest is zeroed.
        @inline(__always) func word(_ k: Int) -> UInt64 {
            let have = count - 8 * k
            if have <= 0 { return 0 }
            let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self))
            return have >= 8 ? x : x & ((1 &<< UInt64(8 * have)) &- 1)
        }
        let w0 = word(0), w1 = word(1), w2 = word(2)
        // A direct-mapped cache of recent cells: one multiplication picks the entry, one
        // comparison of the words confirms it (with few levels it is nearly always right).
        let e = Int(((w0 &+ w1 &* 3 &+ w2 &* 5 &+ UInt64(count)) &* 0x9E37_79B9_7F4A_7C15) >> 58) &* 5
        if recent.isEmpty { recent = [UInt64](repeating: 0, count: 64 * 5) }
        let cached: Int32 = recent.withUnsafeBufferPointer { r in
            (r[e] ^ w0) | (r[e + 1] ^ w1) | (r[e + 2] ^ w2) | (r[e + 3] ^ UInt64(count + 1)) == 0
                ? Int32(truncatingIfNeeded: r[e + 4]) : -1
        }
        if cached >= 0 { return cached }
        let code = internHashed(p, count, w0, w1, w2)
        recent.withUnsafeMutableBufferPointer { r in
            r[e] = w0
            r[e + 1] = w1
            r[e + 2] = w2
            r[e + 3] = UInt64(count + 1)
            r[e + 4] = UInt64(code)
        }
        return code
    }

    /// `internPadded`'s lookup in the hash table, from the cell's words.
    private mutating func internHashed(_ p: UnsafePointer<UInt8>, _ count: Int, _ w0: UInt64, _ w1: UInt64, _ w2: UInt64) -> Int32 {
        // The hash of `hash(_:)`: full words with one multiplier, a partial last word with the other.
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(count)
        let full = count >> 3
        @inline(__always) func mix(_ w: UInt64, _ k: Int) {
            if k < full {
                h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
                h ^= h >> 32
            } else if k == full && count & 7 != 0 {
                h = (h ^ w) &* 0xC4CE_B9FE_1A85_EC53
                h ^= h >> 32
            }
        }
        mix(w0, 0)
        mix(w1, 1)
        mix(w2, 2)
        // The level's code, or −1 − (the free slot where it belongs).
        let probe: Int = slots.withUnsafeBufferPointer { slot in
            keys.withUnsafeBufferPointer { key in
                hashes.withUnsafeBufferPointer { hash in
                    let mask = slot.count - 1
                    var s = Int(truncatingIfNeeded: h) & mask
                    while true {
                        let c = Int(slot[s])
                        if c < 0 { return -1 - s }
                        if hash[c] == h && key[4 * c] == UInt64(count) && key[4 * c + 1] == w0
                            && key[4 * c + 2] == w1 && key[4 * c + 3] == w2 { return c }
                        s = (s + 1) & mask
                    }
                }
            }
        }
        if probe >= 0 { return Int32(probe) }
        return add(UnsafeBufferPointer(start: p, count: count), hash: h, slot: -1 - probe)
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

    /// Whether `bytes` are valid UTF-8 (ASCII, the usual case, checked eight bytes at a time).
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0, high: UInt8 = 0
        while i < bytes.count { high |= bytes[i]; i += 1 }
        guard high >= 0x80 else { return true }
        return String(validating: bytes, as: UTF8.self) != nil
    }

    /// Level `k` as text (invalid UTF-8 becomes U+FFFD; `firstInvalid` tells).
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
