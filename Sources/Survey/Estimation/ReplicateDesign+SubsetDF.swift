import SurveyNumerics

/// R's df of a subset of a replicate design: `[.svyrep.design` (what `subset` and `na.rm` call)
/// recomputes `degf` as the rank of the subset's replicate weights − 1. A jackknife domain that
/// misses some PSUs has fewer df than the design (api `apiclus1`, 15 JK1 replicates: high
/// schools 7, middle 11, the design 14), so its t quantiles widen, as R's `svyciprop`,
/// `svyquantile` and `confint(…, df = degf(subset(…)))` do.
extension ReplicateDesign {
    /// Per slot (0 the rows in `base`, 1 + d domain d's): the subset's rank − 1 (never below 0),
    /// or NaN for a domain too large to rank here (then the caller uses the design's df, as for
    /// the whole, slot 0).
    /// A df the caller gave keeps for every slot; the whole design's is the design's.
    public func degreesOfFreedom(base: [Double]?, domains: Domains?) -> [Double] {
        let slots = RowSlots(base: base, domains: domains, whole: base != nil)
        let design = Double(degreesOfFreedom)
        if (base == nil && domains == nil) || dfGiven { return [Double](repeating: design, count: slots.count) }
        var df = (try? subsetDF(slots)) ?? [Int?](repeating: nil, count: slots.count)
        if base == nil || df[0] == nil { df[0] = degreesOfFreedom }
        return df.map { $0.map { Double(max($0, 0)) } ?? .nan }
    }

    /// Each slot's rank − 1 (nil: not computed): from the distinct rows of the replicate weights,
    /// the PSU factor rows of a converted design, or the recalibrated replicates one at a time.
    func subsetDF(_ slots: RowSlots) throws -> [Int?] {
        if let recalibrated {
            return try ReplicateScan.streamedRankDF(rows: rowCount, replicates: replicateCount, slots: slots) {
                try recalibrated.weights(replicate: $0, checked: false)
            }
        }
        if let described { return try described.subsetDF(weights: weights, slots: slots) }
        let scan = ReplicateScan.run(replicates, weights: weights, pattern: nil, rho: 0, rank: true, slots: slots)
        guard let distinct = scan.slotRows else { return [Int?](repeating: nil, count: slots.count) }
        // Slots past the distinct-row limit are ranked by `GramRank`, whose certificate wants
        // each column's norm over the slot: all of them from one pass.
        let large = (0..<slots.count).map { distinct.rows[$0].count > GramRank.distinctRowLimit && ($0 > 0 || slots.whole) }
        let norms = large.contains(true) ? GramRank.slotNorms(replicates, slots: slots, wanted: large) : []
        return try (0..<slots.count).map { s -> Int? in
            guard s > 0 || slots.whole else { return nil }
            guard !distinct.rows[s].isEmpty else { return 0 }
            if large[s] {
                let multiplicity = zip(distinct.mass[s], distinct.inverse[s]).map { $0 * $1 * $1 }
                return try GramRank.rankDF(of: replicates, rows: distinct.rows[s], norms: norms[s], multiplicity: multiplicity)
            }
            return try ReplicateScan.rankDF(replicates, rows: distinct.rows[s], inverse: distinct.inverse[s], mass: distinct.mass[s])
        }
    }
}

extension PSUReplicates {
    /// Per slot, the rank − 1 of the factor rows of the PSUs with a positive weight among the
    /// slot's rows (every row of a PSU is that row times its weight, so each factor row counts
    /// with the PSU's Σ w², `factorRows`); nil for a slot whose
    /// PSUs × replicates exceed `cap` entries (the QR would take too long).
    func subsetDF(weights: [Double], slots: RowSlots, cap: Int = 4_000_000) throws(DesignError) -> [Int?] {
        let mass = psuMass(weights: weights, slots: slots)
        return try (0..<slots.count).map { s throws(DesignError) -> Int? in
            let slotMass = mass[(s * psuCount)..<((s + 1) * psuCount)]
            let rows = (0..<psuCount).filter { slotMass[s * psuCount + $0] > 0 }
            guard rows.count * count <= cap else { return nil }
            guard !rows.isEmpty else { return 0 }
            return try ReplicateScan.rankDF(factorRows(rows, mass: slotMass))
        }
    }
}
