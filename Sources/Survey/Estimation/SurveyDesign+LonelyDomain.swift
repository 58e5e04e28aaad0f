/// R's `onestage` under `survey.lonely.psu = "average"` scales the strata's summed variance by
/// #strata / #strata with a variance, counting the strata of the subset the estimate is on. A
/// domain whose rows all lie in one-PSU strata has no stratum with a variance: 0 × ∞, NaN — while
/// its linearized influence, summing to 0 in its only PSU, would give SE 0 and a zero-width
/// interval (found by a parity sweep: a mean of 4.7 "± 0" from one PSU).
extension SurveyDesign {
    /// Per slot (0 the rows in `base`, 1 + d domain d): whether the slot's rows (non-zero weight)
    /// all lie in strata whose single PSU `average` leaves without a variance (a fully sampled
    /// stratum, fpc = 1 PSU, has variance 0 and counts, as R's `onestrat`). False unless `average`.
    func averagesOverNoStratum(base: [Double]?, domains: Domains?) -> [Bool] {
        let slots = (domains?.count ?? 0) + 1
        guard lonelyPSU == .average else { return [Bool](repeating: false, count: slots) }
        var psusOf = [Set<Int32>](repeating: [], count: strata.count)
        for i in 0..<rowCount { psusOf[Int(strata.codes[i])].insert(psus.codes[i]) }
        var hasRow = [Bool](repeating: false, count: slots), hasVariance = hasRow
        for i in 0..<rowCount where weights[i] != 0 && (base?[i] ?? 1) != 0 {
            let h = Int(strata.codes[i]), population = stageOnePopulation[i]
            let counted = psusOf[h].count > 1 || (population - 1) / population < 1e-7
            var slot = 0
            while true {
                hasRow[slot] = true
                if counted { hasVariance[slot] = true }
                guard slot == 0, let d = domains?.codes[i], d >= 0 else { break }
                slot = Int(d) + 1
            }
        }
        return (0..<slots).map { hasRow[$0] && !hasVariance[$0] }
    }
}
