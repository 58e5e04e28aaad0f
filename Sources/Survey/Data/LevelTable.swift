/// Interns category texts given as raw bytes, assigning codes 0, 1, 2, … in first-seen order.
///
/// An open-addressing hash table (FNV-1a, linear probing, load ≤ ½) over a byte arena, so the
/// hot loop of the CSV reader never creates a `String` per cell; level strings are made once, at
/// the end.
struct LevelTable {
    private var arena: [UInt8] = []
    private var offsets: [Int] = [0]
    private var hashes: [UInt64] = []
    private var slots = [Int32](repeating: -1, count: 64)

    /// Number of distinct levels.
    var count: Int { hashes.count }

    /// The code of `bytes`, adding it as a new level if unseen.
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
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
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
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
        for j in 0..<length where arena[start + j] != bytes[j] { return false }
        return true
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
