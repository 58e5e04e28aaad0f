import SurveyData
import SurveyNumerics

/// Design-based means, totals, proportions and ratios (optionally by domain) from a file read in
/// chunks, with memory bounded by one chunk plus the sufficient statistics: per chunk it adds,
/// for every quantity (1, each variable, each level indicator) in every slot (all rows, each
/// domain), the weighted total under each "unit" — the full-sample weight and each replicate
/// weight (replicate designs: Σ w_r·x, plus what R's df needs — each replicate's Σ a² and the
/// Gram matrix Σ a aᵀ of a sample of rows, or of all rows when there is no file to re-read), or each PSU (Taylor: PSU totals of w·x, from which
/// the linearised PSU totals (A_psu − θ·B_psu)/B follow once θ is known). `estimate()` then gives
/// the estimates, covariance, df and intervals the in-memory path gives (`Design.finish`).
///
/// Feed chunks in file order (`add`); levels and domains are numbered as they appear and
/// reported as the whole-file reader orders them (`KeyTable`). Missing values in an analysis
/// variable are an error (the in-memory path's `--na-rm` is not streamed); a missing domain
/// value puts the row in no domain, as in memory.
public struct StreamingEstimator: Sendable {
    public let request: StreamingRequest
    public let design: StreamingDesign
    /// The file line of a data row, for errors (`StreamingCSV.line(ofRow:)`); nil: row + 2.
    public var lineOfRow: (@Sendable (Int) -> Int?)?
    /// The file being streamed, if any. When set (before the first `add`), replicate designs do
    /// not accumulate the full R × R Gram matrix: R's df is certified from a sample of rows
    /// (`certifiedFullRank`) and, only when the sample cannot certify it, computed by a second
    /// pass over this file. When nil, the full Gram matrix is accumulated as rows come.
    public var source: StreamingCSV?
    /// Numeric variables, in the order first needed (means, totals, ratios).
    let variables: [String]
    /// Accumulator layout: `totals[(q · slots + s) · width + u]`, q a quantity, s a slot (0 = all
    /// rows, 1 + d = domain id d), u a unit (replicate design: 0 = full sample, 1 + r = replicate r;
    /// Taylor: the PSU id).
    var totals: [Double] = []
    /// Quantities: 0 = the constant 1, 1 + v = variable v, then a level indicator per (proportion
    /// variable, level id) in the order met (`levelQuantity`).
    var quantityCount: Int
    var levelQuantity: [[Int]]
    var slots = 1
    var width: Int
    var domains = KeyTable()
    var levels: [KeyTable]
    /// Per slot: rows with non-zero weight, Σw, Σw².
    var sizes: [SlotSize] = [SlotSize()]
    /// Rows added so far.
    public private(set) var rows = 0
    /// Replicate designs: Σ a aᵀ over rows, a the replicate weights (R × R; upper triangle until
    /// `finishPending`), accumulated only when there is no `source` to read again.
    var gram: Matrix
    /// Replicate designs: Σ a aᵀ over the sampled rows (`RankSample`: every row of the first
    /// 4,096, the first 32 of each later 1,024; upper triangle), and Σ a² of each replicate over
    /// all rows.
    var sampleGram: Matrix
    var sumSquares: [Double]
    /// Replicate designs: sampled rows not yet in the sampled Gram matrices (`addSample`).
    var sample = SampledRows()
    /// Replicate designs with domains: what R's df of each domain needs (`DomainRanks`), made at
    /// the first block (nil with `--domain-df design`, which does not use it).
    var domainRanks: DomainRanks?
    /// Blocks added so far (block k holds rows k·capacity..<(k + 1)·capacity of the file).
    var blocksAdded = 0
    /// Replicate designs: the rows of the next block met so far, a part a table (`BlockRows`).
    var pending: [BlockRows] = []
    /// Replicate designs of a checkable type (BRR, Fay, JK1, JKn): the in-memory path's pattern
    /// checks (`ReplicateScan.scanPattern`), run on each block while it is in cache, so a wrong
    /// `--rep-type` is the same error streamed as in memory.
    var patternScan: ReplicateScan?
    /// Replicate designs: the block pass's buffers (`addCells`).
    var cellBuffers = CellBuffers()
    /// Taylor: PSU ids (by key, or (stratum, key) when nested), each PSU's stratum, and per (slot, PSU)
    /// whether a row with non-zero weight was met (for the domain df).
    var psus: [PSUKey: Int] = [:]
    var psuStratum: [Int32] = []
    var psuLabels: [String] = []
    var strata = KeyTable()
    var hits: [Bool] = []

    struct SlotSize: Sendable {
        var n = 0
        var sumW = 0.0
        var sumW2 = 0.0
    }

    struct PSUKey: Hashable, Sendable {
        var stratum: Int32
        var key: KeyTable.Key
    }

    /// Most replicate weights a streamed pass takes. R's df needs R × R Gram matrices of the
    /// replicate weights (two, 8R² bytes each: 134 MB at 4,096) and an O(R³) factorization of one
    /// (seconds at 4,096; 20,000 replicates would hold 6.4 GB and run for hours). A design with more is read in memory,
    /// where R's df comes from the distinct rows instead.
    public static let maxReplicates = 4096

    /// An estimator for `request` under `design` (column names are checked against the first
    /// chunk); more than `maxReplicates` replicate weights are an error.
    public init(request: StreamingRequest, design: StreamingDesign) throws(DesignError) {
        if case .replicate(let spec) = design, spec.replicates.count > Self.maxReplicates {
            throw .invalidReplicates("the streaming path takes at most \(Self.maxReplicates) replicate weights "
                + "(R's df needs their R × R Gram matrix); this design has \(spec.replicates.count): read the file in memory")
        }
        self.request = request
        self.design = design
        var seen = Set<String>(), vars: [String] = []
        for v in request.means + request.totals + request.ratios.flatMap({ [$0.numerator, $0.denominator] })
        where seen.insert(v).inserted { vars.append(v) }
        variables = vars
        quantityCount = 1 + vars.count
        levelQuantity = request.proportions.map { _ in [] }
        levels = request.proportions.map { _ in KeyTable() }
        switch design {
        case .replicate(let spec):
            width = 1 + spec.replicates.count
            gram = Matrix(rows: spec.replicates.count, columns: spec.replicates.count)
            sampleGram = gram
            sumSquares = [Double](repeating: 0, count: spec.replicates.count)
            if spec.checkPattern, [.brr, .fay, .jk1, .jkn].contains(spec.type) {
                patternScan = ReplicateScan(replicates: spec.replicates.count, pattern: spec.type, rho: spec.fayRho ?? 0, rank: false)
            }
        case .taylor:
            width = 0
            gram = Matrix(rows: 0, columns: 0)
            sampleGram = gram
            sumSquares = []
        }
        totals = [Double](repeating: 0, count: quantityCount * slots * width)
    }

    /// Adds one chunk of rows (a table with the file's columns, or at least those used).
    public mutating func add(_ chunk: Table, rowsBefore: Int = 0) throws {
        let n = chunk.rowCount
        guard n > 0 else { return }
        let w = try chunk.numeric(weightName)
        for (i, x) in w.enumerated() where !(x >= 0) || x.isInfinite {
            throw DesignError.invalidWeight(variable: weightName, row: rowsBefore + i, value: x,
                                            reason: x.isNaN ? "missing" : "negative or infinite")
        }
        let values = try variables.map { name in
            let x = try chunk.numeric(name)
            if let i = x.firstIndex(where: \.isNaN) { throw missing(name, row: rowsBefore + i, in: chunk) }
            return x
        }
        let domain = try request.by.map { try domains.ids(of: chunk.column(named: $0)) }
        var levelIDs: [[Int32]] = []
        for (p, name) in request.proportions.enumerated() {
            let ids = levels[p].ids(of: try chunk.column(named: name))
            if let i = ids.firstIndex(of: -1) { throw missing(name, row: rowsBefore + i, in: chunk) }
            levelIDs.append(ids)
        }
        let units = try unitIDs(chunk, rowsBefore: rowsBefore)
        growLayout()
        countSizes(weights: w, domain: domain)
        if let units {
            let width = self.width
            for i in 0..<n where w[i] != 0 {
                hits[Int(units[i])] = true
                if let d = domain?[i], d >= 0 { hits[(Int(d) + 1) * width + Int(units[i])] = true }
            }
        }
        switch design {
        case .replicate(let spec):
            try accumulateReplicates(chunk, weights: w, spec: spec, values: values, levelIDs: levelIDs, domain: domain)
        case .taylor:
            var quantities: [(q: Int, x: [Double]?)] = [(0, nil)]
            for (v, x) in values.enumerated() { quantities.append((1 + v, x)) }
            let levelQ = levelIDs.enumerated().map { p, ids in ids.map { Int32(levelQuantity[p][Int($0)]) } }
            accumulatePSUs(weights: w, units: units ?? [], quantities: quantities, levelQ: levelQ, domain: domain)
        }
        rows += n
    }

    /// Adds each row to `sizes`: of all rows (slot 0) and of its domain's slot, if any.
    private mutating func countSizes(weights w: [Double], domain: [Int32]?) {
        w.withUnsafeBufferPointer { wp in
            sizes.withUnsafeMutableBufferPointer { sizes in
                @inline(__always) func add(_ slot: Int, _ wi: Double) {
                    if wi != 0 { sizes[slot].n += 1 }
                    sizes[slot].sumW += wi
                    sizes[slot].sumW2 += wi * wi
                }
                guard let domain else {
                    for wi in wp { add(0, wi) }
                    return
                }
                domain.withUnsafeBufferPointer { dp in
                    for i in wp.indices {
                        add(0, wp[i])
                        if dp[i] >= 0 { add(Int(dp[i]) + 1, wp[i]) }
                    }
                }
            }
        }
    }

    /// The error for a missing analysis value at data row `row` (0-based), on its file line
    /// (`lineOfRow`; row + 2 when unknown).
    func missing(_ name: String, row: Int, in chunk: Table) -> DataError {
        DataError("'\(name)' is missing at data row \(row + 1): missing values are not streamed (run without --stream, "
                    + "with --na-rm to leave such rows out)", file: chunk.source, line: lineOfRow?(row) ?? row + 2, column: name)
    }

    var weightName: String {
        switch design {
        case .replicate(let spec): spec.weights
        case .taylor(let weights, _, _, _): weights
        }
    }

    /// Re-lays `totals` (and `hits`) out for the quantities, slots and units met so far.
    mutating func growLayout() {
        for p in levels.indices {
            while levelQuantity[p].count < levels[p].count {
                levelQuantity[p].append(quantityCount)
                quantityCount += 1
            }
        }
        let newSlots = 1 + domains.count
        let newWidth = width(after: psus.count)
        let oldQ = totals.count / max(slots * width, 1)
        guard newSlots != slots || newWidth != width || oldQ != quantityCount else { return }
        var grown = [Double](repeating: 0, count: quantityCount * newSlots * newWidth)
        for q in 0..<oldQ {
            for s in 0..<slots {
                for u in 0..<width { grown[(q * newSlots + s) * newWidth + u] = totals[(q * slots + s) * width + u] }
            }
        }
        var grownHits = [Bool](repeating: false, count: newSlots * newWidth)
        if !hits.isEmpty {
            for s in 0..<slots { for u in 0..<width { grownHits[s * newWidth + u] = hits[s * width + u] } }
        }
        totals = grown
        hits = grownHits
        sizes += [SlotSize](repeating: SlotSize(), count: newSlots - slots)
        slots = newSlots
        width = newWidth
    }

    /// Units per slot: 1 + R for replicate designs, the PSUs met so far for Taylor.
    private func width(after psuCount: Int) -> Int {
        if case .taylor = design { return psuCount }
        return width
    }

    /// Σ over units-of-row of `totals` for quantity q, slot s (the full-sample total).
    func fullTotal(_ q: Int, _ s: Int) -> Double {
        let base = (q * slots + s) * width
        if case .replicate = design { return totals[base] }
        var t = 0.0
        for u in 0..<width { t += totals[base + u] }
        return t
    }
}
