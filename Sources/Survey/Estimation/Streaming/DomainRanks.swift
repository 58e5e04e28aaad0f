import SurveyData
import SurveyNumerics

/// What R's df of each domain of a streamed replicate design needs (`degf(subset(d, …))`, the
/// rank of the domain's replicate weights − 1; `ReplicateDesign.degreesOfFreedom(base:domains:)`
/// in memory): per domain, the Gram matrix of its sampled rows (`RankSample`), which certifies full
/// rank (`FullRankCertificate`) against each replicate's Σ a² over the whole file — at least its
/// Σ a² over the domain, so the test is stricter than R's rule needs and still sound, and no
/// pass over every weight of every domain is made (on 2M × 80 rows by 9 domains that pass took
/// 0.1 s of the estimator's 0.5 s); a domain that cannot be certified so — a jackknife domain
/// missing some PSUs, a small domain — is ranked from its full Gram matrix, accumulated as rows
/// come when there is no file to read again, else from a second pass over the file for just
/// those domains (`GramRank`).
struct DomainRanks: Sendable {
    let replicates: Int
    /// Whether every row's Gram matrix is accumulated (no file to read again).
    let full: Bool
    /// Whether the sampled rows' Gram matrix is accumulated (not in the second pass, which wants
    /// the full ones only).
    let sampled: Bool
    /// Per domain: sampled Gram (upper triangle), full Gram (when `full`).
    var sampleGrams: [Matrix] = []
    var fullGrams: [Matrix] = []
    /// Set when the domains' matrices would pass `memoryLimit`: their df are then not computed
    /// (NaN: the design's df is used, and said).
    private(set) var dropped = false
    /// Buffer of gathered rows (column-major, the rows of each domain together).
    private var panel: [Double] = []

    /// Most doubles the domains' matrices may hold (256 MB).
    static let memoryLimit = 32_000_000

    init(replicates: Int, full: Bool, sampled: Bool = true) {
        self.replicates = replicates
        self.full = full
        self.sampled = sampled
    }

    /// Number of domains tracked.
    var count: Int { sampled ? sampleGrams.count : fullGrams.count }

    /// Makes room for `domains` domains (all matrices dropped past `memoryLimit`).
    mutating func reserve(domains: Int) {
        guard !dropped, domains > count else { return }
        let r = replicates
        guard domains * r * r * ((sampled ? 1 : 0) + (full ? 1 : 0)) <= Self.memoryLimit else {
            (dropped, sampleGrams, fullGrams) = (true, [], [])
            return
        }
        let added = domains - count
        if sampled { sampleGrams += [Matrix](repeating: Matrix(rows: r, columns: r), count: added) }
        if full { fullGrams += [Matrix](repeating: Matrix(rows: r, columns: r), count: added) }
    }

    /// Adds a block of `n` rows to their domains' full Gram matrices (when `full`): `a[j]`
    /// replicate j's weights, `domain[k]` row k's domain id (−1: none), every id one `reserve`
    /// made room for.
    mutating func add(_ a: [UnsafePointer<Double>], domain: UnsafePointer<Int32>, rows n: Int) throws {
        guard !dropped, full else { return }
        try addGrams(a, domain: domain, rows: Array(0..<n), into: \.fullGrams)
    }

    /// Adds `n` sampled rows (`RankSample`, gathered by `SampledRows`: `a[j]` replicate j's
    /// weights, `domain[k]` row k's domain id, −1: none) to their domains' sampled Gram matrices.
    /// Every domain id must be one `add` has already made room for.
    mutating func addSample(_ a: [UnsafePointer<Double>], domain: UnsafePointer<Int32>, rows n: Int) throws {
        guard !dropped, sampled else { return }
        try addGrams(a, domain: domain, rows: Array(0..<n), into: \.sampleGrams)
    }

    /// Adds rows `rows` (block offsets) of each domain to that domain's matrix in `grams`: the rows
    /// gathered domain by domain into `panel`, then BLAS `dsyrk` per domain (upper triangles).
    private mutating func addGrams(_ a: [UnsafePointer<Double>], domain: UnsafePointer<Int32>, rows: [Int],
                                   into grams: WritableKeyPath<DomainRanks, [Matrix]>) throws {
        let r = replicates
        var counts = [Int](repeating: 0, count: count + 1)
        for k in rows where domain[k] >= 0 { counts[Int(domain[k]) + 1] += 1 }
        for d in 0..<count { counts[d + 1] += counts[d] }
        let m = counts[count]
        guard m > 0 else { return }
        var order = [Int](repeating: 0, count: m), next = counts
        for k in rows where domain[k] >= 0 {
            let d = Int(domain[k])
            order[next[d]] = k
            next[d] += 1
        }
        if panel.count < m * r { panel = [Double](repeating: 0, count: m * r) }
        panel.withUnsafeMutableBufferPointer { p in
            for j in 0..<r {
                let x = a[j]
                for (q, k) in order.enumerated() { p[j * m + q] = x[k] }
            }
        }
        for d in 0..<count where counts[d + 1] > counts[d] {
            try panel.withUnsafeBufferPointer { p in
                guard let base = p.baseAddress else { return }
                try self[keyPath: grams][d].storage.withUnsafeMutableBufferPointer { g in
                    guard let gp = g.baseAddress else { return }
                    try StridedProducts.addUpperCrossproduct(a: base + counts[d], lda: m, k: counts[d + 1] - counts[d], n: r, into: gp)
                }
            }
        }
    }

    /// Each domain's df (rank − 1, never below 0; NaN when `dropped`): R − 1 where the sample
    /// certifies full rank against `sumSquares` (each replicate's Σ a² over the file), else from
    /// the domain's full Gram matrix — accumulated, or from a pass over `source` (`names` the
    /// replicate columns, `by` the domain column, `table` its ids).
    func degreesOfFreedom(domains: Int, sumSquares: [Double], source: StreamingCSV?, names: [String], by: String,
                          table: KeyTable) throws -> [Double] {
        guard !dropped else { return [Double](repeating: .nan, count: domains) }
        let r = replicates
        var df = [Double](repeating: .nan, count: domains)
        var uncertified: [Int] = []
        for d in 0..<min(domains, count) {
            if FullRankCertificate.certifies(gram: sampleGrams[d], sumsOfSquares: sumSquares) { df[d] = Double(r - 1) } else { uncertified.append(d) }
        }
        guard !uncertified.isEmpty else { return df }
        var grams: [Int: Matrix] = [:]
        if full {
            for d in uncertified { grams[d] = fullGrams[d] }
        } else if let source {
            grams = try Self.grams(of: source, replicates: names, by: by, table: table, domains: uncertified)
        } else {
            return df
        }
        for d in uncertified {
            guard var g = grams[d] else { continue }
            for j in 0..<r { for i in 0..<j { g.storage[j + i * r] = g.storage[i + j * r] } }
            df[d] = Double(max(try GramRank.rankDF(gram: g), 0))
        }
        return df
    }

    /// The full Gram matrices (upper triangles) of domains `wanted` from a pass over `source`.
    static func grams(of source: StreamingCSV, replicates names: [String], by: String, table: KeyTable,
                      domains wanted: [Int]) throws -> [Int: Matrix] {
        let r = names.count
        // Only the wanted domains' matrices, numbered 0..<wanted.count: all of them twice over
        // (sampled and full) passed the memory limit at 600 domains × 200 replicates.
        var ranks = DomainRanks(replicates: r, full: true, sampled: false)
        var table = table
        var compact: [Int32: Int32] = [:]
        for (k, d) in wanted.enumerated() { compact[Int32(d)] = Int32(k) }
        try source.forEachChunk { chunk, _ in
            let columns = try names.map { try chunk.numeric($0) }
            let ids = table.ids(of: try chunk.column(named: by)).map { compact[$0] ?? -1 }
            try withBasePointers(columns) { a in
                try ids.withUnsafeBufferPointer { d in
                    guard let dp = d.baseAddress else { return }
                    var start = 0
                    while start < chunk.rowCount {
                        let n = min(BlockRows.capacity, chunk.rowCount - start)
                        ranks.reserve(domains: wanted.count)
                        try ranks.add(a.map { $0 + start }, domain: dp + start, rows: n)
                        start += n
                    }
                }
            }
        }
        var out: [Int: Matrix] = [:]
        for (k, d) in wanted.enumerated() where k < ranks.count { out[d] = ranks.fullGrams[k] }
        return out
    }
}
