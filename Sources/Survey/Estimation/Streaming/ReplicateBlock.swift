/// Rows of a replicate-design streaming pass waiting to be added as one block: `capacity` rows of
/// the file, whatever the chunks they came in, so the sums (and their rounding) do not depend on
/// the chunk size or the parser's threads. Column-major with leading dimension `capacity`:
/// columns 0..<width are the unit weights (w, a₁…a_R); column width + q is quantity q (0: the
/// constant 1, 1 + v: variable v, then level indicators, filled when the block is added). A
/// block is added (`StreamingEstimator.addBlock`) by sorting its rows by domain (counting sort
/// into `sorted`) and, per domain, one BLAS `dgemm` of the weights against the quantities, plus
/// one `dsyrk` of the replicate weights for the Gram matrix.
struct ReplicateBlock: Sendable {
    /// Rows per block: the block and its sorted copy (2 × 1024 × (1 + R + quantities) doubles,
    /// about 1.4 MB for R = 80) stay in cache.
    static let capacity = 1024
    let width: Int
    let variables: Int
    /// Quantities the buffers have columns for.
    var quantities: Int
    var rows = 0
    var staged: [Double]
    var sorted: [Double]
    /// Level ids (of each proportion variable) and domain id of each staged row.
    var levels: [[Int32]]
    var domain: [Int32]
    var sortedLevels: [[Int32]]
    /// The product of one domain's rows: width × quantities.
    var product: [Double] = []

    init(width: Int, variables: Int, proportions: Int) {
        self.width = width
        self.variables = variables
        quantities = 1 + variables
        let cap = Self.capacity
        staged = [Double](repeating: 0, count: cap * (width + quantities))
        for i in 0..<cap { staged[width * cap + i] = 1 }
        sorted = staged
        levels = [[Int32]](repeating: [Int32](repeating: 0, count: cap), count: proportions)
        sortedLevels = levels
        domain = [Int32](repeating: -1, count: cap)
    }

    /// Gives the buffers columns for `count` quantities (new levels met; staged rows are kept).
    mutating func grow(quantities count: Int) {
        guard count > quantities else { return }
        let extra = (count - quantities) * Self.capacity
        staged += [Double](repeating: 0, count: extra)
        sorted += [Double](repeating: 0, count: extra)
        quantities = count
    }

    /// Copies rows `range` of a chunk (weights, replicate columns, variables, level and domain
    /// ids) after the staged rows; the range must fit (`rows + range.count ≤ capacity`).
    mutating func stage(_ range: Range<Int>, weights: [Double], replicates: [[Double]], values: [[Double]],
                        levelIDs: [[Int32]], domainIDs: [Int32]?) {
        let cap = Self.capacity, at = rows, count = range.count
        staged.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            func copy(_ source: [Double], column: Int) {
                source.withUnsafeBufferPointer { s in
                    guard let sp = s.baseAddress else { return }
                    (base + column * cap + at).update(from: sp + range.lowerBound, count: count)
                }
            }
            copy(weights, column: 0)
            for (r, a) in replicates.enumerated() { copy(a, column: 1 + r) }
            for (v, x) in values.enumerated() { copy(x, column: width + 1 + v) }
        }
        for (p, ids) in levelIDs.enumerated() {
            for i in 0..<count { levels[p][at + i] = ids[range.lowerBound + i] }
        }
        if let domainIDs { for i in 0..<count { domain[at + i] = domainIDs[range.lowerBound + i] } }
        rows += count
    }

    /// Whether the replicate weights (columns 1..<width) of staged rows `range` are all finite
    /// (x − x is 0 for every finite x, NaN otherwise; eight lanes at a time).
    func replicatesFinite(rows range: Range<Int>) -> Bool {
        let cap = Self.capacity
        return staged.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return true }
            var bad = SIMD8<Double>(repeating: 0)
            var tail = 0.0
            for c in 1..<width {
                let column = base + c * cap
                var i = range.lowerBound
                while i + 8 <= range.upperBound {
                    let v = UnsafeRawPointer(column + i).loadUnaligned(as: SIMD8<Double>.self)
                    bad += v - v
                    i += 8
                }
                while i < range.upperBound {
                    tail += column[i] - column[i]
                    i += 1
                }
            }
            return bad.sum() == 0 && tail == 0
        }
    }

    /// Sorts the staged rows by slot (0: in no domain, 1 + d: domain d) into `sorted` (weights and
    /// variables; level ids into `sortedLevels`) and returns each slot's row range there.
    mutating func sortBySlot(slots: Int) -> [Range<Int>] {
        let cap = Self.capacity, n = rows
        var starts = [Int](repeating: 0, count: slots + 1)
        for i in 0..<n { starts[Int(domain[i]) + 2] += 1 }
        for s in 0..<slots { starts[s + 1] += starts[s] }
        let ranges = (0..<slots).map { starts[$0]..<starts[$0 + 1] }
        var order = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let s = Int(domain[i]) + 1
            order[starts[s]] = i
            starts[s] += 1
        }
        let copied = width + 1 + variables
        staged.withUnsafeBufferPointer { source in
            sorted.withUnsafeMutableBufferPointer { target in
                order.withUnsafeBufferPointer { o in
                    guard let sp = source.baseAddress, let tp = target.baseAddress, let op = o.baseAddress else { return }
                    for c in 0..<copied where c != width {
                        let from = sp + c * cap, to = tp + c * cap
                        for p in 0..<n { to[p] = from[op[p]] }
                    }
                }
            }
        }
        for p in levels.indices {
            for k in 0..<n { sortedLevels[p][k] = levels[p][order[k]] }
        }
        return ranges
    }

    /// Writes the level indicators of rows 0..<rows into `buffer`'s quantity columns.
    static func fillIndicators(_ buffer: inout [Double], levels: [[Int32]], rows: Int, width: Int,
                               firstLevelQuantity: Int, quantities: Int, levelQuantity: [[Int]]) {
        let cap = capacity
        buffer.withUnsafeMutableBufferPointer { b in
            guard let base = b.baseAddress else { return }
            for q in firstLevelQuantity..<quantities { (base + (width + q) * cap).update(repeating: 0, count: rows) }
            for (p, ids) in levels.enumerated() {
                for i in 0..<rows { base[(width + levelQuantity[p][Int(ids[i])]) * cap + i] = 1 }
            }
        }
    }
}
