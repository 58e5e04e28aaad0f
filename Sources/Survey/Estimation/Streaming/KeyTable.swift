import SurveyData

/// The values of a grouping column (domains, proportion levels) met so far in a streaming pass,
/// numbered in first-seen order; reported as the in-memory path reports them: numbers in
/// increasing order, text levels in first-seen order (the CSV reader's level order).
struct KeyTable: Sendable {
    enum Key: Hashable, Sendable {
        case number(Double)
        case text(String)
    }

    private(set) var keys: [Key] = []
    private var index: [Key: Int32] = [:]
    /// Ids of the small whole numbers 0..<smallLimit met so far (−1: not yet), so the usual
    /// codes (domains, sexes, levels 1…9) skip hashing.
    private var small: [Int32] = []
    static let smallLimit = 4096

    var count: Int { keys.count }

    /// The id of `key`, adding it if new.
    mutating func id(_ key: Key) -> Int32 {
        if let i = index[key] { return i }
        let i = Int32(keys.count)
        index[key] = i
        keys.append(key)
        return i
    }

    /// The id of the number `v` (through `small` for whole numbers below `smallLimit`).
    private mutating func numberID(_ v: Double) -> Int32 {
        guard v >= 0, v < Double(Self.smallLimit), let k = Int(exactly: v) else { return id(.number(v)) }
        if k < small.count, small[k] >= 0 { return small[k] }
        let i = id(.number(v))
        if k >= small.count { small += [Int32](repeating: -1, count: k + 1 - small.count) }
        small[k] = i
        return i
    }

    /// `small` with at least one entry (−1: none yet), so its slot 0 can always be read.
    private var smallLookup: [Int32] { small.isEmpty ? [-1] : small }

    /// Global ids of a chunk's column (−1 for a missing cell).
    mutating func ids(of column: Column) -> [Int32] {
        switch column.values {
        case .numeric(let values):
            var out = [Int32](repeating: -1, count: values.count)
            // The small numbers' ids, looked up without hashing or a call, and with one branch a
            // cell that goes the same way for every cell met before (codes in random order, as a
            // domain or a sex column holds them, made a branch on "same as the last cell" miss
            // about every other cell); anything else — a new code, a missing cell, another
            // number — takes the slow path.
            var known = smallLookup
            values.withUnsafeBufferPointer { v in
                out.withUnsafeMutableBufferPointer { o in
                    var i = 0
                    while i < v.count {
                        let x = v[i]
                        let k = x >= 0 && x < Double(known.count) ? Int(x) : 0
                        let id = known[k]
                        if id >= 0 && Double(k) == x {
                            o[i] = id
                        } else if !x.isNaN {
                            o[i] = numberID(x)
                            known = smallLookup
                        }
                        i += 1
                    }
                }
            }
            return out
        case .categorical(let codes, let levels):
            let map = levels.map { id(.text($0)) }
            return codes.map { $0 >= 0 ? map[Int($0)] : -1 }
        }
    }

    /// Ids in report order and their labels; an error when the column held numbers in some
    /// chunks and text in others (the whole-file reader would make it text with other labels).
    func reportOrder(variable: String) throws(DesignError) -> (ids: [Int], labels: [String]) {
        var numbers: [(Double, Int)] = [], texts: [(String, Int)] = []
        for (i, k) in keys.enumerated() {
            switch k {
            case .number(let v): numbers.append((v, i))
            case .text(let s): texts.append((s, i))
            }
        }
        if !numbers.isEmpty && !texts.isEmpty {
            throw .wrongType(variable: variable,
                             expected: "one kind of value in every chunk (numbers in some, text in others: run without --stream)")
        }
        if !texts.isEmpty { return (texts.map(\.1), texts.map(\.0)) }
        numbers.sort { $0.0 < $1.0 }
        return (numbers.map(\.1), numbers.map { formatNumber($0.0) })
    }
}
