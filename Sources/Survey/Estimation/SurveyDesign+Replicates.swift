import SurveyNumerics

/// Conversion of a linearization design into a replicate design, as R `survey`'s
/// `as.svrepdesign(design, type=)`: the replicate weights are built per stage-1 PSU, in R's
/// replicate order, and multiplied by the design's weights (R: `combined.weights = FALSE`).
///
/// - `jk1` (unstratified only): replicate r drops PSU r (PSUs in order of first appearance) and
///   multiplies the others by n/(n−1); scale = (n−1)/n · (N−n)/N with a stage-1 fpc.
/// - `jkn` (stratified only): one replicate per PSU, strata and PSUs in order of first
///   appearance; rscales (n_h−1)/n_h · (N_h−n_h)/N_h, scale 1. Single-PSU strata follow the
///   design's lonely-PSU policy as R's `jknweights` does (`adjust` adds a replicate dropping the
///   stratum and scaling the rest by H/(H−1); `average` scales by #PSUs/#replicates); fully
///   enumerated strata contribute no replicate (R's `survey.drop.replicates`).
/// - `brr`, `fay` (stratified, two PSUs per stratum; larger even strata are split into pairs in
///   order): strata sorted by label, PSUs by first appearance; replicate i gives the first PSU of
///   stratum s the factor 2−ρ when `hadamard(S)[s+1, i]` is 1, else ρ (the second PSU the other);
///   scale 1/(R(1−ρ)²). The fpc is dropped, as in R.
/// - `bootstrap`: Rao–Wu-type resampling of n_h PSUs with replacement in each stratum (without
///   replacement from N_h/n_h copies under an fpc), as R's `bootweights`, but with barometer's
///   seeded generator — replicates are reproducible for a seed, not equal to R's.
extension SurveyDesign {
    /// Most replicate weights (rows × replicates) `--to-replicates` makes: 500 million, 4 GB.
    package static let maxReplicateCells = 500_000_000

    /// The replicate weights are rows × R doubles: 100,000 bootstrap replicates of 30,000 rows
    /// would hold 24 GB (the machine swapped for minutes); refused beyond `maxReplicateCells`.
    static func checkReplicateCells(rows n: Int, replicates r: Int) throws(DesignError) {
        let (cells, overflow) = n.multipliedReportingOverflow(by: r)
        guard overflow || cells > maxReplicateCells else { return }
        throw DesignError.impossible("\(r) replicates of \(n) rows are \(n) × \(r) weights (about "
            + "\(Int((Double(n) * Double(r) * 8 / 1e9).rounded(.up))) GB); at most \(maxReplicateCells / 1_000_000) million "
            + "are made — use fewer replicates")
    }
}

extension SurveyDesign {
    public func replicateDesign(
        _ type: ReplicateType, fayRho: Double = 0.5, replicates: Int = 50, seed: UInt64 = 20_261_201, mse: Bool = false
    ) throws -> ReplicateDesign {
        let factors: PSUReplicateFactors
        switch type {
        case .jk1, .jkn:
            let (jackknife, scale, rscales) = try type == .jk1 ? jk1Replicates() : jknReplicates()
            return try ReplicateDesign(
                weights: weights, described: jackknife, type: type, scale: scale, rscales: rscales, mse: mse,
                degreesOfFreedom: try jackknife.degreesOfFreedom(weights: weights))
        case .brr, .fay:
            let rho = type == .brr ? 0 : fayRho
            guard type == .brr || (fayRho > 0 && fayRho < 1) else {
                throw DesignError.invalidReplicates("Fay's rho must be in (0, 1)")
            }
            let paired = try pairedReplicates(rho: rho)
            // R: BRR scale 1/R, Fay 1/(R(1−ρ)²); df = rank − 1 = #pairs (Hadamard rows are independent).
            return try ReplicateDesign(
                weights: weights, described: paired, type: type, scale: 1 / (Double(paired.count) * (1 - rho) * (1 - rho)),
                rscales: nil, fayRho: type == .fay ? rho : nil, mse: mse,
                degreesOfFreedom: try paired.degreesOfFreedom(weights: weights, exactLimit: 1_500, pattern: paired.first.count))
        case .bootstrap:
            // Refused before the factors (PSUs × R) are drawn, which alone took minutes at 30,000 × 100,000.
            try Self.checkReplicateCells(rows: rowCount, replicates: replicates)
            factors = try bootstrapFactors(replicates: replicates, seed: seed)
        case .other: throw DesignError.invalidReplicates("a design converts to jk1, jkn, brr, fay or bootstrap replicates")
        }
        let n = rowCount, r = factors.count
        try Self.checkReplicateCells(rows: n, replicates: r)
        var a = Matrix(rows: n, columns: r)
        a.storage.withUnsafeMutableBufferPointer { out in
            for j in 0..<r {
                let f = factors.values[j]
                for i in 0..<n { out[i + j * n] = weights[i] * f[Int(psus.codes[i])] }
            }
        }
        return try ReplicateDesign(
            weights: weights, replicates: a, type: type, combined: true, scale: factors.scale,
            rscales: factors.rscales, mse: mse)
    }

    /// PSUs of each stratum in order of first appearance, strata in order of first appearance.
    func psusByStratum() -> [[Int]] {
        var stratumOf = [Int](repeating: -1, count: psus.count)
        var lists = [[Int]](repeating: [], count: strata.count)
        for i in 0..<rowCount where stratumOf[Int(psus.codes[i])] < 0 {
            let p = Int(psus.codes[i]), h = Int(strata.codes[i])
            stratumOf[p] = h
            lists[h].append(p)
        }
        return lists
    }

    /// Stage-1 fpc factor (N−n)/N of stratum h (1 without fpc).
    func stageOneFactor(stratum h: Int, sampled n: Int) -> Double {
        guard let i = strata.codes.firstIndex(of: Int32(h)) else { return 1 }
        let size = stageOnePopulation[i]
        return size.isFinite ? (size - Double(n)) / size : 1
    }

    func pairedReplicates(rho: Double) throws -> PairedReplicates {
        guard isStratified else { throw DesignError.invalidReplicates("brr and fay need a stratified design") }
        let lists = psusByStratum()
        let order = lists.indices.sorted { strata.labels[$0] < strata.labels[$1] }
        // R numbers split (large) strata first, then the two-PSU strata, each in label order.
        var pairs: [(first: Int, second: Int)] = []
        for h in order where lists[h].count > 2 {
            guard lists[h].count % 2 == 0 else {
                throw DesignError.invalidReplicates("stratum '\(strata.labels[h])' has an odd number (\(lists[h].count)) of PSUs; BRR needs pairs")
            }
            for k in stride(from: 0, to: lists[h].count, by: 2) { pairs.append((lists[h][k], lists[h][k + 1])) }
        }
        for h in order where lists[h].count < 2 {
            throw DesignError.invalidReplicates("stratum '\(strata.labels[h])' has fewer than 2 PSUs; BRR needs pairs")
        }
        for h in order where lists[h].count == 2 { pairs.append((lists[h][0], lists[h][1])) }
        return PairedReplicates(
            psuOfRow: psus.codes, psus: psus.count, pairs: pairs, hadamard: try Hadamard.matrix(pairs.count), rho: rho)
    }

    func bootstrapFactors(replicates: Int, seed: UInt64) throws -> PSUReplicateFactors {
        guard replicates >= 2 else { throw DesignError.invalidReplicates("need at least 2 bootstrap replicates") }
        var rng = SplitMix64(seed: seed)
        let lists = psusByStratum()
        var values = [[Double]](repeating: [Double](repeating: 0, count: psus.count), count: replicates)
        for (h, list) in lists.enumerated() {
            let n = list.count
            let size = stageOnePopulation[strata.codes.firstIndex(of: Int32(h)) ?? 0]
            if size.isFinite, size.rounded() > Self.largestPoolSize {
                throw DesignError.invalidReplicates(
                    "stratum '\(strata.labels[h])' has a population size of \(size); bootstrap accepts at most 2^53 (9007199254740992)")
            }
            for r in 0..<replicates {
                if size.isFinite {
                    // n draws without replacement from ⌈N⌉ slots cycling through the PSUs.
                    let slots = Int(size.rounded())
                    for psu in Self.partialShuffle(draws: n, slots: slots, cycle: list, rng: &rng) { values[r][psu] += 1 }
                } else {
                    for _ in 0..<n { values[r][list[Int(rng.next() % UInt64(n))]] += 1 }
                }
            }
        }
        let harmonic = Double(lists.count) / lists.reduce(0) { $0 + 1 / Double($1.count) }
        let scale = harmonic / ((harmonic - 1) * Double(replicates - 1))
        return PSUReplicateFactors(values: values, scale: scale, rscales: nil)
    }
}

extension SurveyDesign {
    /// Largest population size a bootstrap stratum may declare (2^53: every integer below is a Double).
    static let largestPoolSize = 9_007_199_254_740_992.0

    /// The first `draws` items of a Fisher–Yates shuffle of `slots` virtual slots, slot i holding
    /// `cycle[i % cycle.count]`; only swapped slots are stored, so the cost is O(draws), not O(slots).
    static func partialShuffle(draws: Int, slots: Int, cycle: [Int], rng: inout SplitMix64) -> [Int] {
        var moved: [Int: Int] = [:]
        var drawn: [Int] = []
        drawn.reserveCapacity(draws)
        for k in 0..<min(draws, slots) {
            let j = k + Int(rng.next() % UInt64(slots - k))
            let atJ = moved[j] ?? j, atK = moved[k] ?? k
            moved[j] = atK
            moved[k] = atJ
            drawn.append(cycle[atJ % cycle.count])
        }
        return drawn
    }
}

/// Per-PSU weight factors of each replicate, with the variance constants.
struct PSUReplicateFactors {
    /// values[r][psu]
    let values: [[Double]]
    let scale: Double
    let rscales: [Double]?
    var count: Int { values.count }
}

