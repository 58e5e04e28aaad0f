/// Jackknife conversion (`as.svrepdesign(type = "JK1" | "JKn")`) as a `JackknifeReplicates`
/// description: one replicate per dropped PSU, never a PSU × PSU factor matrix.
extension SurveyDesign {
    /// jk1 (unstratified): replicate r drops PSU r, the others × n/(n−1); scale (n−1)/n · (N−n)/N.
    func jk1Replicates() throws -> (JackknifeReplicates, scale: Double, rscales: [Double]?) {
        guard !isStratified else { throw DesignError.badRequest("--to-replicates jk1 needs an unstratified design; use jkn for a stratified one") }
        let n = psus.count
        guard n >= 2 else { throw DesignError.invalidReplicates("jk1 needs at least 2 PSUs, the design has \(n)") }
        let jackknife = JackknifeReplicates(
            psuOfRow: psus.codes, stratumOfPSU: [Int32](repeating: 0, count: n), stratumCount: 1,
            dropped: Array(0..<n), group: [Int32](repeating: -1, count: n),
            factor: [Double](repeating: Double(n) / Double(n - 1), count: n))
        let fpc = stageOneFactor(stratum: 0, sampled: n)
        return (jackknife, fpc * Double(n - 1) / Double(n), nil)
    }

    /// jkn (stratified): one replicate per PSU, the rest of its stratum × n_h/(n_h−1), rscales
    /// (n_h−1)/n_h · (N_h−n_h)/N_h; lonely PSUs and enumerated strata as R's `jknweights`.
    func jknReplicates() throws -> (JackknifeReplicates, scale: Double, rscales: [Double]?) {
        guard isStratified else { throw DesignError.invalidReplicates("jkn needs a stratified design; use jk1") }
        let lists = psusByStratum(), strataCount = lists.count, p = psus.count
        var stratumOfPSU = [Int32](repeating: 0, count: p)
        for (h, list) in lists.enumerated() { for q in list { stratumOfPSU[q] = Int32(h) } }
        var dropped: [Int] = [], group: [Int32] = [], factor: [Double] = [], rscales: [Double] = []
        for (h, list) in lists.enumerated() {
            let n = list.count, fpc = stageOneFactor(stratum: h, sampled: n)
            if n == 1 {
                let enumerated = stageOnePopulation[strata.codes.firstIndex(of: Int32(h)) ?? 0] == 1
                if enumerated { continue }
                switch lonelyPSU {
                case .fail: throw DesignError.lonelyPSU(stratum: strata.labels[h], stage: 1)
                case .remove, .certainty, .average: continue
                case .adjust:
                    // Drop the stratum, scale every other PSU by H/(H−1).
                    dropped.append(list[0]); group.append(-1)
                    factor.append(Double(strataCount) / Double(strataCount - 1))
                    rscales.append(Double(strataCount - 1) / Double(strataCount))
                    continue
                }
            }
            if fpc == 0 { continue }
            for drop in list {
                dropped.append(drop); group.append(Int32(h))
                factor.append(Double(n) / Double(n - 1))
                rscales.append(fpc * Double(n - 1) / Double(n))
            }
        }
        guard !dropped.isEmpty else { throw DesignError.invalidReplicates("all strata were exhaustively sampled") }
        let jackknife = JackknifeReplicates(
            psuOfRow: psus.codes, stratumOfPSU: stratumOfPSU, stratumCount: strataCount,
            dropped: dropped, group: group, factor: factor)
        let scale = lonelyPSU == .average && dropped.count < p ? Double(p) / Double(dropped.count) : 1
        return (jackknife, scale, rscales)
    }
}
