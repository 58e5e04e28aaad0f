import SurveyData

/// The parts of `SurveyDesign.init` that turn columns into weights, population sizes and the
/// per-stage variance structure.
extension SurveyDesign {
    /// Clusters sampled per stratum at one stage, and the stratum of each cluster.
    static func sampledCounts(path: GroupCodes, strata: GroupCodes) -> (perStratum: [Int], stratumOfCluster: [Int32]) {
        var stratumOf = [Int32](repeating: -1, count: path.count)
        var counts = [Int](repeating: 0, count: strata.count)
        path.codes.withUnsafeBufferPointer { cluster in
            strata.codes.withUnsafeBufferPointer { stratum in
                stratumOf.withUnsafeMutableBufferPointer { of in
                    counts.withUnsafeMutableBufferPointer { count in
                        for i in cluster.indices {
                            let c = Int(cluster[i])
                            if of[c] < 0 {
                                of[c] = stratum[i]
                                count[Int(stratum[i])] += 1
                            }
                        }
                    }
                }
            }
        }
        return (counts, stratumOf)
    }

    /// Per stage with an fpc column: population size of the row's stratum (R's `as.fpc`).
    static func populationSizes(
        fpc: [Column], paths: [GroupCodes], stageStrata: [GroupCodes]
    ) throws(DesignError) -> [[Double]] {
        if fpc.isEmpty { return [] }
        var values: [[Double]] = []
        for c in fpc {
            guard case .numeric(let v) = c.values else {
                if let cell = c.firstNonNumeric { throw .nonNumericCell(variable: c.name, cell: cell) }
                throw .wrongType(variable: c.name, expected: "numeric fpc (population sizes or sampling fractions)")
            }
            if let i = v.firstIndex(where: { $0.isNaN }) { throw .missingDesignValue(variable: c.name, row: i) }
            if let i = v.firstIndex(where: { $0 < 0 || $0.isInfinite }) {
                throw .invalidFPC("'\(c.name)' row \(i + 1) is \(v[i]); expected a population size or a fraction in [0, 1]")
            }
            values.append(v)
        }
        let isPopulation = values.contains { $0.contains { $0 > 1 } }
        if isPopulation, let s = values.firstIndex(where: { $0.contains { $0 < 1 } }) {
            throw .invalidFPC("'\(fpc[s].name)' mixes population sizes (> 1) and sampling fractions (< 1); "
                + "all fpc values must be population sizes or all sampling fractions")
        }
        var result: [[Double]] = []
        for (s, v) in values.enumerated() {
            let (counts, _) = sampledCounts(path: paths[s], strata: stageStrata[s])
            var first = [Double](repeating: .nan, count: stageStrata[s].count)
            var population = [Double](repeating: 0, count: v.count)
            for i in 0..<v.count {
                let h = Int(stageStrata[s].codes[i])
                let n = Double(counts[h])
                let size = isPopulation ? v[i] : (v[i] == 0 ? .infinity : n / v[i])
                if first[h].isNaN {
                    first[h] = size
                } else if first[h] != size {
                    throw .invalidFPC("'\(fpc[s].name)' varies within stratum '\(stageStrata[s].labels[h])' at stage \(s + 1)")
                }
                if size < n {
                    throw .invalidFPC("'\(fpc[s].name)' implies more than 100% sampling in stratum "
                        + "'\(stageStrata[s].labels[h])' at stage \(s + 1): population \(size), sampled \(Int(n))")
                }
                population[i] = size
            }
            result.append(population)
        }
        return result
    }

    /// Weights from the weight column, from probabilities, from fpc population sizes, or 1.
    static func samplingWeights(
        rows: Int, weights: Column?, probabilities: Column?, populations: [[Double]],
        paths: [GroupCodes], stageStrata: [GroupCodes]
    ) throws(DesignError) -> [Double] {
        if let column = weights ?? probabilities {
            guard case .numeric(let v) = column.values else {
                // The first text cell, with its file, line and a decimal-comma hint, as for a --mean column.
                if let cell = column.firstNonNumeric { throw .nonNumericCell(variable: column.name, cell: cell) }
                throw .wrongType(variable: column.name, expected: "numeric weights")
            }
            // The usual case, valid weights: the column's own array, checked in one tight pass.
            if probabilities == nil && v.withUnsafeBufferPointer(VectorScan.allNonNegativeFinite) {
                return v
            }
            var w = v
            for i in 0..<rows {
                let x = v[i]
                if x.isNaN { throw .invalidWeight(variable: column.name, row: i, value: x, reason: "missing") }
                if x.isInfinite { throw .invalidWeight(variable: column.name, row: i, value: x, reason: "infinite") }
                if x < 0 { throw .invalidWeight(variable: column.name, row: i, value: x, reason: "negative") }
                if probabilities != nil {
                    guard x > 0, x <= 1 else {
                        throw .invalidWeight(variable: column.name, row: i, value: x,
                                             reason: "a selection probability must be in (0, 1]")
                    }
                    w[i] = 1 / x
                }
            }
            return w
        }
        var w = [Double](repeating: 1, count: rows)
        for (s, population) in populations.enumerated() {
            let (counts, _) = sampledCounts(path: paths[s], strata: stageStrata[s])
            for i in 0..<rows {
                w[i] *= population[i] / Double(counts[Int(stageStrata[s].codes[i])])
            }
        }
        return w
    }

    /// The variance stages over leaf units; validates lonely PSUs under `.fail`.
    static func buildStages(
        leaf: GroupCodes, paths: [GroupCodes], stageStrata: [GroupCodes], populations: [[Double]],
        anyFPC: Bool, lonelyPSU: LonelyPSU
    ) throws(DesignError) -> [VarianceStage] {
        var stages: [VarianceStage] = []
        var previous: (stage: VarianceStage, fraction: [Double])?
        for s in 0..<paths.count {
            if s > 0 && !anyFPC { break }
            let strata = stageStrata[s]
            let (counts, stratumOfCluster) = sampledCounts(path: paths[s], strata: strata)
            var clusterOfLeaf = [Int32](repeating: 0, count: leaf.count)
            for i in 0..<leaf.codes.count { clusterOfLeaf[Int(leaf.codes[i])] = paths[s].codes[i] }
            var population = [Double](repeating: .infinity, count: strata.count)
            if s < populations.count {
                for i in 0..<populations[s].count { population[Int(strata.codes[i])] = populations[s][i] }
            }
            var factor = [Double](repeating: 1, count: strata.count)
            var multiplier = [Double](repeating: 1, count: strata.count)
            var group = [Int32](repeating: 0, count: strata.count)
            for h in 0..<strata.count where population[h].isFinite {
                factor[h] = (population[h] - Double(counts[h])) / population[h]
            }
            if let previous {
                // Stage s strata are the stage s−1 clusters: inherit m · n/N of their stratum.
                for h in 0..<strata.count {
                    let parent = Int(previous.stage.stratumOfCluster[h])
                    multiplier[h] = previous.stage.multiplier[parent] * previous.fraction[parent]
                    group[h] = Int32(h)
                }
                if multiplier.allSatisfy({ $0 == 0 }) { break }
            }
            if lonelyPSU == .fail {
                for h in 0..<strata.count where counts[h] == 1 && factor[h] >= 1e-7 && multiplier[h] > 0 {
                    throw .lonelyPSU(stratum: strata.labels[h], stage: s + 1)
                }
            }
            let stage = VarianceStage(
                clusterOfLeaf: clusterOfLeaf, stratumOfCluster: stratumOfCluster, sampled: counts,
                factor: factor, multiplier: multiplier, group: group, labels: strata.labels)
            stages.append(stage)
            let fraction = (0..<strata.count).map { h in population[h].isFinite ? Double(counts[h]) / population[h] : 0 }
            previous = (stage, fraction)
        }
        return stages
    }
}
