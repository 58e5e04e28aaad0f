/// Level codes of a numeric column, for proportions and for domains: the sorted distinct
/// non-missing values and each row's index among them (−1 missing). A computation on the values
/// alone, so it stands apart from any design. Coded answers (small integers) take one pass over the
/// rows, split into `ReplicateWeights.parts` fixed row ranges run on their own threads (so the
/// codes are the same whatever the cores); other values take a hashed pass.
enum LevelCodes {
    /// Codes, sorted distinct values and the number of missing (NaN) rows of `values`.
    static func of(_ values: [Double], parts: Int = ReplicateWeights.parts)
        -> (codes: [Int32], distinct: [Double], missing: Int) {
        if let coded = smallIntegers(values, parts: parts) { return coded }
        let levels = Array(Set(values.filter { !$0.isNaN })).sorted()
        var map: [Double: Int32] = [:]
        for (k, v) in levels.enumerated() { map[v] = Int32(k) }
        var missing = 0
        let codes = values.map { v -> Int32 in
            if v.isNaN { missing += 1; return -1 }
            return map[v] ?? -1
        }
        return (codes, levels, missing)
    }

    /// Half-width of the window of offsets from the first value that `smallIntegers` tracks:
    /// values spanning less than 65,536 all lie within it.
    static var window: Int { 65_535 }

    /// `of` when the non-missing values are integers (below 1e9 in magnitude; −0 is 0)
    /// spanning less than 65,536, else nil. One pass writes each row's offset from an origin v₀ —
    /// the smallest of the first non-missing values, most often the smallest of all — and marks
    /// it in a per-part table of offsets (the range is not known before the pass, but must lie
    /// within ±65,535 of v₀). The offsets are the level indices when no value is below v₀ and none
    /// is skipped; otherwise a second pass recodes the rows from the values.
    static func smallIntegers(_ values: [Double], parts: Int) -> (codes: [Int32], distinct: [Double], missing: Int)? {
        let n = values.count, window = Self.window, width = 2 * window + 1
        guard let v0 = values.prefix(4096).lazy.filter({ !$0.isNaN }).min() ?? values.first(where: { !$0.isNaN }) else {
            return n == 0 ? nil : ([Int32](repeating: -1, count: n), [], n)
        }
        guard abs(v0) < 1e9, v0 == Double(Int(v0)) else { return nil }
        let origin = Int(v0), parts = max(1, parts)
        // Per part: which offsets occur (window + offset), missing rows, and whether all rows fit.
        var found = [(seen: [Bool], missing: Int, fits: Bool)](repeating: ([], 0, true), count: parts)
        var codes = [Int32](unsafeUninitializedCapacity: n) { out, count in
            values.withUnsafeBufferPointer { x in
                found.withUnsafeMutableBufferPointer { results in
                    forEachRowPart(rows: n, parts: parts) { k, range in
                        var seen = [Bool](repeating: false, count: width), missing = 0, fits = true
                        seen.withUnsafeMutableBufferPointer { m in
                            for i in range {
                                let v = x[i]
                                guard abs(v) < 1e9 else {
                                    if v.isNaN { out[i] = -1; missing += 1; continue }
                                    fits = false; return
                                }
                                // Integer test by conversion (exact below 1e9), not `rounded()`.
                                let t = Int(v), d = t &- origin
                                guard Double(t) == v, UInt(bitPattern: d &+ window) < UInt(width) else { fits = false; return }
                                out[i] = Int32(truncatingIfNeeded: d)
                                m[d &+ window] = true
                            }
                        }
                        results[k] = (seen, missing, fits)
                    }
                }
            }
            count = n
        }
        guard found.allSatisfy(\.fits) else { return nil }
        var any = [Bool](repeating: false, count: width)
        for part in found { for j in part.seen.indices where part.seen[j] { any[j] = true } }
        guard let lo = any.firstIndex(of: true), let hi = any.lastIndex(of: true), hi - lo < 65_536 else { return nil }
        var level = [Int32](repeating: -1, count: width), levels: [Double] = []
        for j in lo...hi where any[j] {
            level[j] = Int32(levels.count)
            levels.append(Double(origin + j - window))
        }
        let missing = found.reduce(0) { $0 + $1.missing }
        // Offsets are the level indices when v₀ is the smallest value and no value is skipped.
        if lo == window && levels.count == hi - lo + 1 { return (codes, levels, missing) }
        codes.withUnsafeMutableBufferPointer { out in
            values.withUnsafeBufferPointer { x in
                level.withUnsafeBufferPointer { table in
                    forEachRowPart(rows: n, parts: parts) { _, range in
                        for i in range {
                            let v = x[i]
                            out[i] = v.isNaN ? -1 : table[Int(v) &- origin &+ window]
                        }
                    }
                }
            }
        }
        return (codes, levels, missing)
    }
}
