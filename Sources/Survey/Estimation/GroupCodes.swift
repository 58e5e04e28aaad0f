import SurveyData

/// A grouping of rows by the values of one or more variables: dense codes `0..<count`, numbered
/// in order of first appearance (as R's `unique()`, which fixes replicate order in jackknife
/// conversions), with a printable label per group for error messages.
struct GroupCodes: Sendable, Equatable {
    /// Group of each row, `0..<count`.
    let codes: [Int32]
    /// The labels as given, or — for `eachRow` — only their number: the labels "1"…"n" are made
    /// when asked for, not n strings up front (9.2M rows: 147 MB and about a tenth of a second).
    private let storedLabels: StoredLabels

    private enum StoredLabels: Sendable, Equatable {
        case list([String])
        case rowNumbers(Int)
    }

    /// Label of each group (the value, or values joined by "."), in code order.
    var labels: [String] {
        switch storedLabels {
        case .list(let labels): labels
        case .rowNumbers(let n): (0..<n).map { String($0 + 1) }
        }
    }

    /// The label of group `group` (without building the others).
    func label(_ group: Int) -> String {
        switch storedLabels {
        case .list(let labels): labels[group]
        case .rowNumbers: String(group + 1)
        }
    }

    /// Number of groups.
    var count: Int {
        switch storedLabels {
        case .list(let labels): labels.count
        case .rowNumbers(let n): n
        }
    }

    /// Same codes and same labels (however they are stored).
    static func == (a: GroupCodes, b: GroupCodes) -> Bool {
        guard a.codes == b.codes, a.count == b.count else { return false }
        if case .rowNumbers = a.storedLabels, case .rowNumbers = b.storedLabels { return true }
        return a.labels == b.labels
    }

    /// Groups every row into one group labelled `label`.
    static func single(rows: Int, label: String = "1") -> GroupCodes {
        GroupCodes(codes: [Int32](repeating: 0, count: rows), labels: rows == 0 ? [] : [label])
    }

    /// Each row its own group (R's `id = ~1`).
    static func eachRow(_ rows: Int) -> GroupCodes {
        GroupCodes(codes: [Int32](unsafeUninitializedCapacity: rows) { codes, count in
            for i in 0..<rows { codes[i] = Int32(truncatingIfNeeded: i) }
            count = rows
        }, storedLabels: .rowNumbers(rows))
    }

    init(codes: [Int32], labels: [String]) {
        self.init(codes: codes, storedLabels: .list(labels))
    }

    private init(codes: [Int32], storedLabels: StoredLabels) {
        self.codes = codes
        self.storedLabels = storedLabels
    }

    /// Codes for a column; a missing value throws `missingDesignValue` naming the variable and row.
    init(column: Column) throws(DesignError) {
        if case .numeric(let values) = column.values, let dense = Self.integerCodes(values, name: column.name, column: column) {
            self.init(codes: dense.codes, labels: dense.labels)
            return
        }
        var codes = [Int32](repeating: 0, count: column.count)
        var labels: [String] = []
        switch column.values {
        case .numeric(let values):
            var map: [Double: Int32] = [:]
            for (i, v) in values.enumerated() {
                guard !v.isNaN else { throw .missingDesignValue(variable: column.name, row: i) }
                if let c = map[v] {
                    codes[i] = c
                } else {
                    let c = Int32(labels.count)
                    map[v] = c
                    labels.append(column.text(at: i) ?? formatNumber(v))
                    codes[i] = c
                }
            }
        case .categorical(let raw, let levels):
            var map = [Int32](repeating: -1, count: levels.count)
            for (i, r) in raw.enumerated() {
                guard r >= 0 else { throw .missingDesignValue(variable: column.name, row: i) }
                if map[Int(r)] < 0 {
                    map[Int(r)] = Int32(labels.count)
                    labels.append(levels[Int(r)])
                }
                codes[i] = map[Int(r)]
            }
        }
        self.init(codes: codes, labels: labels)
    }

    /// Fast path for integer ids in a compact range (the usual strata and PSU numbers): an array
    /// lookup instead of hashing. Returns nil (use the general path) for other data or missing values.
    static func integerCodes(_ values: [Double], name: String, column: Column) -> (codes: [Int32], labels: [String])? {
        guard let first = values.first else { return nil }
        var lo = first, hi = first, integral = true
        values.withUnsafeBufferPointer { x in
            for v in x {
                // |v| < 1e9 first (also rejects NaN), so the conversion to Int cannot trap.
                guard abs(v) < 1e9, Double(Int(v)) == v else { integral = false; return }
                lo = min(lo, v); hi = max(hi, v)
            }
        }
        guard integral else { return nil }
        let span = Int(hi - lo) + 1
        guard span <= 4 * values.count + 1024 else { return nil }
        var map = [Int32](repeating: -1, count: span)
        var codes = [Int32](repeating: 0, count: values.count)
        var labels: [String] = []
        values.withUnsafeBufferPointer { x in
            codes.withUnsafeMutableBufferPointer { out in
                for i in 0..<x.count {
                    let k = Int(x[i] - lo)
                    if map[k] < 0 {
                        map[k] = Int32(labels.count)
                        labels.append(column.text(at: i) ?? formatNumber(x[i]))
                    }
                    out[i] = map[k]
                }
            }
        }
        return (codes, labels)
    }

    /// The groups of the pairs (self, other): rows share a group when both codes agree.
    func crossed(with other: GroupCodes) -> GroupCodes {
        var map: [Int64: Int32] = [:]
        var codes = [Int32](repeating: 0, count: self.codes.count)
        var labels: [String] = []
        let width = Int64(max(other.count, 1))
        for i in 0..<codes.count {
            let key = Int64(self.codes[i]) * width + Int64(other.codes[i])
            if let c = map[key] {
                codes[i] = c
            } else {
                let c = Int32(labels.count)
                map[key] = c
                labels.append(label(Int(self.codes[i])) + "." + other.label(Int(other.codes[i])))
                codes[i] = c
            }
        }
        return GroupCodes(codes: codes, labels: labels)
    }
}
