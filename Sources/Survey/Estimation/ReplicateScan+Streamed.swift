import SurveyNumerics

/// R's rank-based df for replicates produced one column at a time (calibrated replicates of a
/// converted design, never stored together): the same row fingerprints and pivoted QR of the
/// distinct rows as `ReplicateScan.rankDF`, in two passes over the replicates, memory O(n + distinct rows × R).
/// When the distinct rows × R exceed `cap` entries (the QR itself would be quadratic in the PSUs),
/// `fallback` is returned instead: the df of the replicates before calibration.
extension ReplicateScan {
    /// Fixed pseudo-random projection coefficients in [1, 2), one pair per replicate (the scan's).
    static func projections(_ r: Int) -> (first: [Double], second: [Double]) {
        var generator = SplitMix64(seed: 0x5EED_0F_DF)
        let c1 = (0..<r).map { _ in 1 + Double(generator.next() >> 11) * 0x1p-53 }
        let c2 = (0..<r).map { _ in 1 + Double(generator.next() >> 11) * 0x1p-53 }
        return (c1, c2)
    }

    /// rank − 1 of the n × R matrix whose column r is `column(r)`; each column is asked for twice.
    static func streamedRankDF(
        rows n: Int, replicates r: Int, cap: Int = 4_000_000, fallback: Int, column: (Int) throws -> [Double]
    ) throws -> Int {
        let slots = RowSlots(base: nil, domains: nil)
        return try streamedRankDF(rows: n, replicates: r, cap: cap, slots: slots, column: column)[0] ?? fallback
    }

    /// Per slot of `slots`, rank − 1 of the rows of that slot (nil where its distinct rows × R
    /// exceed `cap`); each column is asked for twice.
    static func streamedRankDF(
        rows n: Int, replicates r: Int, cap: Int = 4_000_000, slots: RowSlots, column: (Int) throws -> [Double]
    ) throws -> [Int?] {
        let (c1, c2) = projections(r)
        var inverse = [Double](repeating: 0, count: n), h1 = inverse, h2 = inverse
        for j in 0..<r {
            let x = try column(j)
            for i in 0..<n {
                if inverse[i] == 0, x[i] != 0 { inverse[i] = 1 / x[i] }
                let v = x[i] * inverse[i]
                h1[i] += v * c1[j]
                h2[i] += v * c2[j]
            }
        }
        // The whole column as one block of the scan's per-slot distinct rows.
        var scanned = SlotDistinctRows(slots)
        scanned.add(start: 0, length: n, inverse: inverse, first: h1, second: h2)
        let rows = scanned.rows
        let scale = scanned.mass.map { $0.map { $0.squareRoot() } }
        let ranked = rows.map { $0.count <= cap / max(r, 1) }
        var distinct = rows.map { Matrix(rows: $0.count, columns: r) }
        for j in 0..<r where ranked.contains(true) {
            let x = try column(j)
            for s in rows.indices where ranked[s] {
                for (k, i) in rows[s].enumerated() { distinct[s][k, j] = x[i] * inverse[i] * scale[s][k] }
            }
        }
        return try rows.indices.map { s -> Int? in
            guard ranked[s] else { return nil }
            guard !rows[s].isEmpty else { return 0 }
            do {
                return try LimitedPivotingRank.rank(of: distinct[s], tolerance: 1e-5) - 1
            } catch {
                throw DesignError.invalidReplicates("rank of the replicate weights could not be computed: \(error)")
            }
        }
    }
}
