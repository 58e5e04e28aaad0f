/// The replicate weights of the rows a streamed replicate design samples for R's df (`RankSample`),
/// gathered across blocks and added to the Gram matrices `capacity` rows at a time: one BLAS
/// `dsyrk` over 2,048 rows instead of one over the 128 sampled rows of each 4,096-row block (and,
/// per domain, one over each domain's share of those 2,048 instead of about 14 a block). The
/// panel fills at the same file rows whatever the chunking, so the sums are the same bit for bit.
struct SampledRows: Sendable {
    /// Rows the panel holds before it is added.
    static let capacity = 2048
    let replicates: Int
    /// Column-major, leading dimension `capacity`: replicate j of panel row k at `j · capacity + k`.
    private(set) var values: [Double]
    /// Each panel row's domain id (−1: none), when the design has domains.
    private(set) var domains: [Int32]
    /// Rows gathered so far.
    private(set) var count = 0

    init(replicates: Int) {
        self.replicates = replicates
        values = [Double](repeating: 0, count: Self.capacity * replicates)
        domains = [Int32](repeating: -1, count: Self.capacity)
    }

    /// An empty panel that holds nothing (no buffers): what `StreamingEstimator` leaves in place
    /// while it adds the one it took out.
    init() {
        replicates = 0
        values = []
        domains = []
    }

    /// Whether another `rows` rows fit.
    func fits(_ rows: Int) -> Bool { count + rows <= Self.capacity }

    /// Appends rows `range` (offsets into the columns) of `a` (replicate j's weights at `a[j]`) and,
    /// when given, their domain ids; the rows must fit (`fits`).
    mutating func append(_ a: [UnsafePointer<Double>], rows range: Range<Int>, domain: UnsafePointer<Int32>?) {
        let cap = Self.capacity, at = count
        values.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for j in 0..<replicates { (base + j * cap + at).update(from: a[j] + range.lowerBound, count: range.count) }
        }
        if let domain {
            for (k, i) in range.enumerated() { domains[at + k] = domain[i] }
        }
        count += range.count
    }

    /// Runs `body` with the panel's columns (replicate j's gathered rows at `columns[j]`, leading
    /// dimension `capacity`), its domain ids and its row count.
    func withRows(_ body: ([UnsafePointer<Double>], UnsafePointer<Int32>, Int) throws -> Void) rethrows {
        guard count > 0 else { return }
        let n = count, cap = Self.capacity, r = replicates
        try values.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            try domains.withUnsafeBufferPointer { d in
                guard let dp = d.baseAddress else { return }
                try body((0..<r).map { base + $0 * cap }, dp, n)
            }
        }
    }

    /// Empties the panel (its buffers are kept).
    mutating func clear() { count = 0 }
}
