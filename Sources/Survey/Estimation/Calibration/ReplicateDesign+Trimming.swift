extension ReplicateDesign {
    /// The design with its weights trimmed by `trimming` (R `trimWeights`) in every replicate as
    /// well as the full sample, as calibration is repeated in every replicate: the full-sample
    /// weights are trimmed as a linearization design's, and each replicate's weights over the rows
    /// that replicate keeps (weight > 0; the rows it drops stay at 0, neither raised to the lower
    /// bound nor given a share). Type, scale, rscales and mse are kept; df from the rank, as R's
    /// `svrepdesign`. R survey 4.1.1's `trimWeights.svyrep.design` is not followed: it leaves the
    /// full-sample weights as they were and recycles a vector into the replicate matrix
    /// (docs/design-estimation.md). Holds the n × R trimmed weights, so n × R is capped.
    public func trimmed(by trimming: WeightTrimming) throws -> (design: ReplicateDesign, trimmed: Int) {
        let (r, n) = (replicateCount, rowCount)
        guard n * r <= Self.trimmedEntryLimit else {
            throw DesignError.impossible("--trim on a replicate design holds every replicate's weights: \(n) rows × \(r) "
                + "replicates is above \(Self.trimmedEntryLimit) entries; trim the weights before building the replicates")
        }
        let (full, trimmed) = try trimming.apply(weights)
        var columns: [[Double]] = []
        columns.reserveCapacity(r)
        for rep in 0..<r {
            var w = try replicateWeights(rep)
            let kept = w.indices.filter { w[$0] > 0 }
            do {
                let t = try trimming.apply(kept.map { w[$0] }).weights
                for (k, i) in kept.enumerated() { w[i] = t[k] }
            } catch {
                throw DesignError.impossible("--trim in replicate \(rep + 1): \(error)")
            }
            columns.append(w)
        }
        let fixedScale = type == .brr || type == .fay
        let design = try ReplicateDesign(
            weights: full, replicates: try ReplicateWeights(rows: n, columns: columns), type: type,
            scale: fixedScale ? nil : scale, rscales: rscales, fayRho: fayRho, mse: mse, checkPattern: false)
        return (design, trimmed)
    }

    /// Most n × R trimmed weights held at once (400 MB of doubles).
    static let trimmedEntryLimit = 50_000_000
}
