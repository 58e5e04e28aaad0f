import SurveyNumerics

/// The estimates of a streaming pass: the same elements, in the same order, as the in-memory
/// `estimate` (means, totals, proportions, ratios; each variable × domain), from the accumulated
/// totals.
extension StreamingEstimator {
    /// One element: numerator and optional denominator quantity, slot, and labels.
    struct Term {
        var numerator: Int
        var denominator: Int?
        var slot: Int
        var kind: StatisticKind
        var variable: String
        var level: String?
        var domain: DomainLabel?
        /// Which estimator call of the in-memory path the term belongs to (means, totals, each
        /// proportion variable, each ratio): covariances between parts are left at zero, as
        /// `Estimate.concatenating` leaves them.
        var part = 0
    }

    /// Estimates, covariance, df and Wald intervals; `summary` describes the design.
    public func estimate() throws -> (estimate: Estimate, summary: DesignSummary) {
        guard rows > 0 else { throw DesignError.noRows }
        var finished = self
        try finished.finishPending()
        // All-zero weights first, as in memory, before a jackknife replicate is said to drop no row.
        if finished.sizes[0].sumW == 0 { throw DesignError.allWeightsZero }
        try finished.patternScan?.check()
        return try finished.estimateFinished()
    }

    /// `estimate()` once every row has been added.
    private func estimateFinished() throws -> (estimate: Estimate, summary: DesignSummary) {
        let terms = try self.terms()
        var values: [Double] = [], denominators: [Double] = []
        for t in terms {
            let a = fullTotal(t.numerator, t.slot), b = t.denominator.map { fullTotal($0, t.slot) }
            values.append(b.map { a / $0 } ?? a)
            denominators.append(b ?? 1)
        }
        for (t, v) in values.enumerated() where !v.isFinite {
            if sizes[0].sumW == 0 { throw DesignError.allWeightsZero }
            // Rows but no value (a ratio whose denominator totals 0 in a domain): undefined, as R
            // and the in-memory path give it, with the report's note; the others as usual.
            if sizes[terms[t].slot].n > 0 { continue }
            throw DesignError.allMissing(variable: terms[t].variable + (terms[t].domain.map { " in domain \($0.variable)=\($0.value)" } ?? ""))
        }
        var covariance: Matrix, df: Int, subsetDF: [Double], summary: DesignSummary
        var undefined: [[Int]] = []
        switch design {
        case .replicate(let spec):
            (covariance, undefined) = try replicateCovariance(terms, values: values, spec: spec)
            df = try replicateDF()
            subsetDF = [Double(df)]
            if let by = request.by, let ranks = domainRanks {
                subsetDF += try ranks.degreesOfFreedom(domains: slots - 1, sumSquares: sumSquares, source: source,
                                                       names: spec.replicates, by: by, table: domains)
            } else {
                subsetDF += [Double](repeating: Double(df), count: slots - 1)
            }
            summary = DesignSummary(kind: "replicate", n: rows, degreesOfFreedom: df, strata: nil, psus: nil,
                                    replicateType: spec.type.rawValue, replicates: spec.replicates.count,
                                    sumOfWeights: sizes[0].sumW)
        case .taylor:
            covariance = try taylorCovariance(terms, values: values, denominators: denominators)
            subsetDF = taylorSubsetDF()
            df = Int(subsetDF[0])
            summary = DesignSummary(kind: "linearization", n: rows, degreesOfFreedom: df, strata: strata.count,
                                    psus: psus.count, replicateType: nil, replicates: nil, sumOfWeights: sizes[0].sumW)
        }
        for i in terms.indices {
            for j in terms.indices where terms[i].part != terms[j].part { covariance[i, j] = 0 }
        }
        var elements: [EstimateElement] = []
        let (slotDF, slotRules) = request.domainDF.apply(to: subsetDF)
        for (t, term) in terms.enumerated() {
            let elementDF = slotDF[term.slot], rule = slotRules[term.slot]
            let se = max(covariance[t, t], 0).squareRoot()
            let q = tQuantile(1 - (1 - request.level) / 2, df: elementDF)
            let size = sizes[term.slot]
            var element = EstimateElement(
                statistic: term.kind, variable: term.variable, level: term.level, domain: term.domain,
                probability: nil, quantileRule: nil, value: values[t], standardError: se,
                ciLower: values[t] - q * se, ciUpper: values[t] + q * se, ciMethod: "wald",
                confidenceLevel: request.level, degreesOfFreedom: elementDF, deff: nil, deffReplace: nil,
                n: size.n, effectiveSampleSize: size.sumW * size.sumW / size.sumW2)
            element.dfRule = rule
            if t < undefined.count { element.undefinedReplicates = undefined[t] }
            elements.append(element)
        }
        return (Estimate(elements: elements, covariance: covariance), summary)
    }

    /// The elements in the in-memory order: means (variable × slot), totals, proportions (slot ×
    /// level), ratios (slot).
    func terms() throws -> [Term] {
        var slotList: [(slot: Int, label: DomainLabel?)] = [(0, nil)]
        if let by = request.by {
            let order = try domains.reportOrder(variable: by)
            slotList = zip(order.ids, order.labels).map { (1 + $0, DomainLabel(variable: by, value: $1)) }
        }
        func variable(_ name: String) -> Int { 1 + (variables.firstIndex(of: name) ?? 0) }
        var out: [Term] = []
        for name in request.means {
            for s in slotList {
                out.append(Term(numerator: variable(name), denominator: 0, slot: s.slot, kind: .mean, variable: name, domain: s.label, part: 0))
            }
        }
        for name in request.totals {
            for s in slotList {
                out.append(Term(numerator: variable(name), denominator: nil, slot: s.slot, kind: .total, variable: name, domain: s.label, part: 1))
            }
        }
        for (p, name) in request.proportions.enumerated() {
            let order = try levels[p].reportOrder(variable: name)
            for s in slotList {
                for (id, label) in zip(order.ids, order.labels) {
                    out.append(Term(numerator: levelQuantity[p][id], denominator: 0, slot: s.slot, kind: .proportion,
                                    variable: name, level: label, domain: s.label, part: 2 + p))
                }
            }
        }
        for (k, ratio) in request.ratios.enumerated() {
            for s in slotList {
                out.append(Term(numerator: variable(ratio.numerator), denominator: variable(ratio.denominator), slot: s.slot,
                                kind: .ratio, variable: "\(ratio.numerator)/\(ratio.denominator)", domain: s.label,
                                part: 2 + request.proportions.count + k))
            }
        }
        return out
    }
}
