/// A per-row data column of a `RatioStatistic`: stored values, or the 0/1 indicator of one level
/// of a coded variable, kept as the shared codes instead of an n-length array (the proportions of
/// a 10-level variable would otherwise hold ten n-length columns).
public struct StatisticColumn: Sendable {
    private enum Storage: Sendable {
        case values([Double])
        case indicator(codes: [Int32], level: Int32)
        /// All ones, `count` rows (no array: proportions need the column only as a cell of `CellLayout`).
        case ones(count: Int)
    }
    private let storage: Storage
    /// What a stored 0/1 column is in terms of level codes (`ones`, `nonMissing`), for passes
    /// that sum weights by code instead of multiplying by the column (`CellLayout`).
    let unit: UnitColumn?

    /// A column of stored values.
    public init(_ values: [Double]) {
        storage = .values(values)
        unit = nil
    }

    /// The all-ones column of `count` rows, known as such (no n-length array is built unless asked for).
    static func ones(count: Int) -> StatisticColumn {
        StatisticColumn(storage: .ones(count: count), unit: .ones)
    }

    /// Whether every value is 1 by construction (`ones(count:)`).
    var isOnes: Bool {
        if case .ones = storage { return true }
        return false
    }

    /// `values[i] = codes[i] >= 0 ? 1 : 0` (rows with a level), known as such.
    static func nonMissing(_ values: [Double], codes: [Int32]) -> StatisticColumn {
        StatisticColumn(storage: .values(values), unit: .nonMissing(codes))
    }

    /// 1 where `codes[i] == level`, else 0 (codes share one buffer across levels).
    public static func indicator(codes: [Int32], level: Int32) -> StatisticColumn {
        StatisticColumn(storage: .indicator(codes: codes, level: level), unit: nil)
    }

    private init(storage: Storage, unit: UnitColumn?) {
        self.storage = storage
        self.unit = unit
    }

    /// Number of rows.
    public var count: Int {
        switch storage {
        case .values(let v): v.count
        case .indicator(let codes, _): codes.count
        case .ones(let count): count
        }
    }

    /// Value of row `i`.
    @inlinable
    public subscript(i: Int) -> Double { value(at: i) }

    @usableFromInline
    func value(at i: Int) -> Double {
        switch storage {
        case .values(let v): v[i]
        case .indicator(let codes, let level): codes[i] == level ? 1 : 0
        case .ones: 1
        }
    }

    /// The codes and level of an indicator column (nil for stored values), for passes that test
    /// the code instead of multiplying by 0/1.
    public var indicator: (codes: [Int32], level: Int32)? {
        if case .indicator(let codes, let level) = storage { return (codes, level) }
        return nil
    }

    /// The stored values (nil for a column built on demand: an indicator or unstored ones), for
    /// passes that read a column many times in pieces.
    var stored: [Double]? {
        if case .values(let v) = storage { return v }
        return nil
    }

    /// The column as a function of level codes, if it is one: all ones (`codes` nil), one
    /// level's indicator, or the indicator of having any level.
    var codeForm: (codes: [Int32]?, member: CodeMember)? {
        switch (storage, unit) {
        case (.indicator(let codes, let level), _): return (codes, .level(level))
        case (_, .ones): return (nil, .any)
        case (_, .nonMissing(let codes)): return (codes, .nonMissing)
        default: return nil
        }
    }

    /// The values as an array (an indicator column is built for the call).
    public var values: [Double] {
        switch storage {
        case .values(let v): return v
        case .indicator(let codes, let level): return codes.map { $0 == level ? 1 : 0 }
        case .ones(let count): return [Double](repeating: 1, count: count)
        }
    }

    /// Calls `body` with the values in contiguous memory (an indicator or ones column is built for the call).
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        switch storage {
        case .values(let v): return try v.withUnsafeBufferPointer(body)
        case .indicator, .ones: return try values.withUnsafeBufferPointer(body)
        }
    }

    /// Writes rows `start..<start + length` to `out` (no n-length array for an indicator column).
    func copy(start: Int, length: Int, to out: UnsafeMutablePointer<Double>) {
        switch storage {
        case .values(let v):
            v.withUnsafeBufferPointer { x in
                guard let base = x.baseAddress else { return }
                out.update(from: base + start, count: length)
            }
        case .indicator(let codes, let level):
            codes.withUnsafeBufferPointer { c in
                for i in 0..<length { out[i] = c[start + i] == level ? 1 : 0 }
            }
        case .ones:
            out.update(repeating: 1, count: length)
        }
    }

    /// Calls `body(start, chunk)` for consecutive chunks of rows, in order: a stored column's own
    /// memory, an indicator or ones column built a chunk at a time in a small buffer.
    func forEachChunk(_ body: (Int, UnsafeBufferPointer<Double>) -> Void) {
        switch storage {
        case .values(let v):
            v.withUnsafeBufferPointer { body(0, $0) }
        case .indicator, .ones:
            let n = count, size = 4096
            var buffer = [Double](repeating: 0, count: size)
            var start = 0
            while start < n {
                let length = min(size, n - start)
                buffer.withUnsafeMutableBufferPointer { b in
                    guard let base = b.baseAddress else { return }
                    copy(start: start, length: length, to: base)
                    body(start, UnsafeBufferPointer(start: base, count: length))
                }
                start += length
            }
        }
    }
}

/// A stored 0/1 column whose values follow from level codes.
enum UnitColumn: Sendable {
    case ones
    case nonMissing([Int32])
}

/// Which codes a code-determined column is 1 for.
enum CodeMember: Sendable, Equatable {
    case any, nonMissing, level(Int32)
}
