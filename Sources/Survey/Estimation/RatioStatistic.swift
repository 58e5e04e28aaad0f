import SurveyNumerics

/// A vector of design-weighted totals and ratios of totals, each within the whole sample or a
/// domain — the form of every built-in smooth estimator:
///
///     total:  θₜ = Σᵢ wᵢ aᵢ 1[i ∈ Dₜ]
///     ratio:  θₜ = Σᵢ wᵢ aᵢ 1[i ∈ Dₜ] / Σᵢ wᵢ bᵢ 1[i ∈ Dₜ]
///
/// A mean is a ratio with b = 1 (or b = "non-missing" under na-rm), a proportion a ratio with
/// a = 1[level], a ratio of means a ratio with a, b the variables. Linearization uses the influence
/// values wᵢ(aᵢ − θₜbᵢ)/B̂ₜ (ratio) or wᵢaᵢ (total); replicate designs re-evaluate θ with each
/// replicate's weights via one BLAS product (replicate weights × data).
///
/// `columns` hold per-row values with no NaN: a row outside a term's base (missing value) has
/// a = b = 0, which is how R's `na.rm` (zero weight, rows kept) enters.
public struct RatioStatistic: Sendable {
    /// One element: numerator and optional denominator column indices, and the domain (−1 = all rows).
    public struct Term: Sendable, Equatable {
        public var numerator: Int
        public var denominator: Int?
        public var domain: Int32
        public init(numerator: Int, denominator: Int?, domain: Int32) {
            self.numerator = numerator
            self.denominator = denominator
            self.domain = domain
        }
    }

    /// Per-row data columns referenced by the terms (level indicators are kept as codes).
    public let columns: [StatisticColumn]
    /// Domain of each row (−1: none), or nil when no term uses a domain.
    public let domainCodes: [Int32]?
    /// Number of domains.
    public let domainCount: Int
    /// The estimated elements.
    public let terms: [Term]

    public init(columns: [StatisticColumn], domainCodes: [Int32]?, domainCount: Int, terms: [Term]) {
        self.columns = columns
        self.domainCodes = domainCodes
        self.domainCount = domainCount
        self.terms = terms
    }

    /// A statistic over stored columns.
    public init(columns: [[Double]], domainCodes: [Int32]?, domainCount: Int, terms: [Term]) {
        self.init(columns: columns.map(StatisticColumn.init), domainCodes: domainCodes, domainCount: domainCount, terms: terms)
    }

    /// Slots of a column's totals: 0 = all rows, 1 + d = domain d.
    var slotCount: Int { domainCount + 1 }

    /// The (column, slot) pairs the terms need, each once, with the index of each term's parts.
    func pairs() -> (list: [(column: Int, slot: Int)], numerator: [Int], denominator: [Int?]) {
        var index: [Int: Int] = [:], list: [(column: Int, slot: Int)] = []
        func id(_ c: Int, _ slot: Int) -> Int {
            let key = c * slotCount + slot
            if let i = index[key] { return i }
            index[key] = list.count
            list.append((c, slot))
            return list.count - 1
        }
        var num: [Int] = [], den: [Int?] = []
        for t in terms {
            let slot = Int(t.domain) + 1
            num.append(id(t.numerator, slot))
            den.append(t.denominator.map { id($0, slot) })
        }
        return (list, num, den)
    }

    /// Weighted totals of every (column, slot) pair, indexed `column * slotCount + slot`. When
    /// every column is a function of shared level codes (proportions), from one pass of per-cell
    /// sums over the codes (`CellWeightSums`); otherwise a pass per column.
    func slotTotals(weights: [Double]) -> [Double] {
        let slots = slotCount
        var out = [Double](repeating: 0, count: columns.count * slots)
        let list = pairs().list
        if let layout = CellLayout(self, pairs: list) {
            let sums = CellWeightSums(layout, weights: weights, sizes: false)
            for (q, pair) in list.enumerated() { out[pair.column * slots + pair.slot] = sums.total(layout.members[q]).sumW }
            return out
        }
        let needed = Set(list.map(\.column))
        out.withUnsafeMutableBufferPointer { acc in
            for c in needed.sorted() where columns[c].indicator == nil {
                let base = c * slots
                var all = 0.0
                columns[c].forEachChunk { start, x in
                    weights.withUnsafeBufferPointer { w in
                        if let codes = domainCodes {
                            codes.withUnsafeBufferPointer { d in
                                for k in 0..<x.count {
                                    let i = start + k, v = w[i] * x[k]
                                    all += v
                                    let dom = Int(d[i])
                                    if dom >= 0 { acc[base + dom + 1] += v }
                                }
                            }
                        } else {
                            for k in 0..<x.count { all += w[start + k] * x[k] }
                        }
                    }
                }
                acc[base] = all
            }
        }
        indicatorTotals(needed.filter { columns[$0].indicator != nil }, weights: weights, into: &out)
        return out
    }

    /// `slotTotals` of the indicator columns among `needed`: one pass over the rows per shared
    /// code array, adding wᵢ to the row's level (and its domain) — the same sums, in the same row
    /// order, as multiplying by the 0/1 columns, without building them.
    private func indicatorTotals(_ needed: Set<Int>, weights: [Double], into out: inout [Double]) {
        let slots = slotCount
        var remaining = needed.sorted()
        while let c = remaining.first, let (codes, _) = columns[c].indicator {
            // The columns coding levels of the same array as c (shared storage), by level.
            let same = remaining.filter { k in
                columns[k].indicator.map { $0.codes.withUnsafeBufferPointer { a in codes.withUnsafeBufferPointer { a.baseAddress == $0.baseAddress } } } ?? false
            }
            remaining.removeAll { same.contains($0) }
            let levels = same.compactMap { columns[$0].indicator?.level }
            let width = Int(levels.max() ?? 0) + 1
            var sums = [Double](repeating: 0, count: width * slots)
            codes.withUnsafeBufferPointer { code in
                weights.withUnsafeBufferPointer { w in
                    sums.withUnsafeMutableBufferPointer { acc in
                        if let domainCodes {
                            domainCodes.withUnsafeBufferPointer { d in
                                for i in 0..<code.count where code[i] >= 0 && Int(code[i]) < width {
                                    let base = Int(code[i]) * slots
                                    acc[base] += w[i]
                                    if d[i] >= 0 { acc[base + Int(d[i]) + 1] += w[i] }
                                }
                            }
                        } else {
                            for i in 0..<code.count where code[i] >= 0 && Int(code[i]) < width { acc[Int(code[i]) * slots] += w[i] }
                        }
                    }
                }
            }
            for k in same {
                guard let level = columns[k].indicator?.level else { continue }
                for s in 0..<slots { out[k * slots + s] = sums[Int(level) * slots + s] }
            }
        }
    }

    /// The point estimates under `weights`.
    public func values(weights: [Double]) -> [Double] {
        evaluate(slotTotals(weights: weights)).values
    }

    /// Values and denominator totals B̂ₜ (1 for totals) from slot totals.
    func evaluate(_ totals: [Double]) -> (values: [Double], denominators: [Double]) {
        var values: [Double] = [], den: [Double] = []
        for t in terms {
            let slot = Int(t.domain) + 1
            let a = totals[t.numerator * slotCount + slot]
            if let d = t.denominator {
                let b = totals[d * slotCount + slot]
                values.append(a / b)
                den.append(b)
            } else {
                values.append(a)
                den.append(1)
            }
        }
        return (values, den)
    }

    /// Denominator totals B̂ₜ (1 for totals), needed to scale influence values.
    func denominators(weights: [Double]) -> [Double] {
        evaluate(slotTotals(weights: weights)).denominators
    }

    /// Row-level influence values (n × k), weighted: wᵢ(aᵢ − θbᵢ)/B̂ or wᵢaᵢ, zero outside the domain.
    /// Feed to `SurveyDesign.variance(influence:)`, or transform first (e.g. calibration residuals).
    public func influence(weights: [Double], at values: [Double]) -> Matrix {
        let n = weights.count, k = terms.count
        let den = denominators(weights: weights)
        var u = Matrix(rows: n, columns: k)
        u.storage.withUnsafeMutableBufferPointer { out in
            for (t, term) in terms.enumerated() {
                let a = columns[term.numerator], b = term.denominator.map { columns[$0] }
                let theta = values[t], scale = 1 / den[t], base = t * n
                for i in 0..<n {
                    if term.domain >= 0, domainCodes?[i] != term.domain { continue }
                    let e = b.map { a[i] - theta * $0[i] } ?? a[i]
                    out[base + i] = weights[i] * e * scale
                }
            }
        }
        return u
    }

    /// Influence totals per leaf unit of `design` (leafCount × k), without forming the n × k matrix.
    func leafInfluence(design: SurveyDesign, at values: [Double]) -> Matrix {
        leafInfluence(leafSums: leafSums(weights: design.weights, leafOfRow: design.leafOfRow, leafCount: design.leafCount),
                      leaves: design.leafCount, at: values)
    }

    /// Weighted sums Σ wᵢxᵢ per leaf unit of every (column, slot) pair of `pairs()`, in pair order
    /// (`leafCount` each): one pass over the rows, in blocks so the weights and leaf codes are read
    /// once for all columns (an indicator column is built a block at a time).
    func leafSums(weights: [Double], leafOfRow: [Int32], leafCount leaves: Int) -> [[Double]] {
        let n = weights.count, slots = slotCount, list = pairs().list
        let byColumn = Dictionary(grouping: list.indices, by: { list[$0].column }).sorted { $0.key < $1.key }
        let needsAll = byColumn.map { entry in entry.value.contains { list[$0].slot == 0 } }
        var cells = byColumn.map { _ in [Double](repeating: 0, count: leaves * slots) }
        let codes = domainCodes ?? [], hasDomains = domainCodes != nil, block = 4096
        let stored = byColumn.allSatisfy { columns[$0.key].stored != nil }
        if !hasDomains && stored, let runs = Self.leafRuns(leafOfRow) {
            // Rows sorted by leaf (the usual file order): one dot product per run, summed in
            // registers — a scatter `acc[leaf] += …` would stall on its own previous store.
            weights.withUnsafeBufferPointer { w in
                for r in 0..<(runs.starts.count - 1) {
                    let range = runs.starts[r]..<runs.starts[r + 1], l = Int(runs.leaves[r])
                    for k in byColumn.indices {
                        cells[k][l] += columns[byColumn[k].key].withUnsafeBufferPointer { Self.dot(w, $0, range) }
                    }
                }
            }
            return Self.split(cells, byColumn: byColumn, list: list, leaves: leaves)
        }
        var scratch = [Double](repeating: 0, count: block)
        weights.withUnsafeBufferPointer { w in
            leafOfRow.withUnsafeBufferPointer { leaf in
                codes.withUnsafeBufferPointer { d in
                    var start = 0
                    while start < n {
                        let end = min(start + block, n)
                        for k in byColumn.indices {
                            let all = needsAll[k], column = columns[byColumn[k].key]
                            // x[j] is row start + j.
                            let add = { (x: UnsafeBufferPointer<Double>) in
                                cells[k].withUnsafeMutableBufferPointer { acc in
                                    if hasDomains {
                                        for i in start..<end {
                                            let v = w[i] * x[i - start], l = Int(leaf[i])
                                            if all { acc[l] += v }
                                            if d[i] >= 0 { acc[(Int(d[i]) + 1) * leaves + l] += v }
                                        }
                                    } else {
                                        for i in start..<end { acc[Int(leaf[i])] += w[i] * x[i - start] }
                                    }
                                }
                            }
                            if let values = column.stored {
                                values.withUnsafeBufferPointer { add(UnsafeBufferPointer(rebasing: $0[start..<end])) }
                            } else {
                                scratch.withUnsafeMutableBufferPointer { buffer in
                                    guard let base = buffer.baseAddress else { return }
                                    column.copy(start: start, length: end - start, to: base)
                                    add(UnsafeBufferPointer(start: base, count: end - start))
                                }
                            }
                        }
                        start = end
                    }
                }
            }
        }
        return Self.split(cells, byColumn: byColumn, list: list, leaves: leaves)
    }

    /// Per-column (slot-major) leaf cells → one array per (column, slot) pair.
    private static func split(_ cells: [[Double]], byColumn: [(key: Int, value: [Int])],
                              list: [(column: Int, slot: Int)], leaves: Int) -> [[Double]] {
        var sums = [[Double]](repeating: [], count: list.count)
        for k in byColumn.indices {
            for id in byColumn[k].value {
                let s = list[id].slot
                sums[id] = Array(cells[k][(s * leaves)..<((s + 1) * leaves)])
            }
        }
        return sums
    }

    /// Runs of equal leaf codes (start of each run, then n; the leaf of each run), or nil when
    /// runs average under 16 rows (rows not sorted by leaf: the scatter pass is as fast).
    static func leafRuns(_ leafOfRow: [Int32]) -> (starts: [Int], leaves: [Int32])? {
        let n = leafOfRow.count, limit = n / 16
        var starts: [Int] = [], leaves: [Int32] = []
        let complete = leafOfRow.withUnsafeBufferPointer { leaf -> Bool in
            var i = 0
            while i < n {
                if starts.count > limit { return false }
                starts.append(i)
                leaves.append(leaf[i])
                let l = leaf[i]
                i += 1
                while i < n && leaf[i] == l { i += 1 }
            }
            return true
        }
        guard complete else { return nil }
        starts.append(n)
        return (starts, leaves)
    }

    /// Σ wᵢxᵢ over `range`, with four partial sums (independent add chains).
    @inline(__always)
    static func dot(_ w: UnsafeBufferPointer<Double>, _ x: UnsafeBufferPointer<Double>, _ range: Range<Int>) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var i = range.lowerBound
        while i + 4 <= range.upperBound {
            s0 += w[i] * x[i]; s1 += w[i + 1] * x[i + 1]; s2 += w[i + 2] * x[i + 2]; s3 += w[i + 3] * x[i + 3]
            i += 4
        }
        while i < range.upperBound { s0 += w[i] * x[i]; i += 1 }
        return (s0 + s1) + (s2 + s3)
    }

    /// The point estimates from `leafSums` (each total the sum over leaf units).
    func values(leafSums sums: [[Double]]) -> [Double] {
        let (_, numerator, denominator) = pairs()
        return terms.indices.map { t in
            let a = sums[numerator[t]].reduce(0, +)
            return denominator[t].map { a / sums[$0].reduce(0, +) } ?? a
        }
    }

    /// Influence totals per leaf unit (leaves × k) from `leafSums`: (aₗ − θbₗ)/B̂ for a ratio, aₗ for a total.
    func leafInfluence(leafSums sums: [[Double]], leaves: Int, at values: [Double]) -> Matrix {
        let (_, numerator, denominator) = pairs()
        var u = Matrix(rows: leaves, columns: terms.count)
        for t in terms.indices {
            let a = sums[numerator[t]], base = t * leaves
            if let b = denominator[t].map({ sums[$0] }) {
                // B̂ from the leaf sums themselves (saves a pass over the rows).
                let theta = values[t], scale = 1 / b.reduce(0, +)
                for l in 0..<leaves { u.storage[base + l] = (a[l] - theta * b[l]) * scale }
            } else {
                for l in 0..<leaves { u.storage[base + l] = a[l] }
            }
        }
        return u
    }
}
