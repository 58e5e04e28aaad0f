import SurveyData
import SurveyNumerics

/// Contrasts of estimates within one design (R `svycontrast`), differences between two
/// independent samples (two waves), and the two-group mean test (R `svyttest`).
extension Estimate {
    /// `contrast` applied within every group of elements that holds all its names: first across
    /// domains (same statistic, variable, level and p; names are domain values), else across levels
    /// (same statistic, variable, domain and p; names are levels). SE² = cᵀVc from the full
    /// covariance; df = `df` (the design's, as R's `degf(design)`), dfRule `design`.
    public func contrast(_ contrast: LinearContrast, df: Double, level: Double) throws(DesignError) -> [ContrastResult] {
        for byDomain in [true, false] {
            var groups: [String: [Int]] = [:], order: [String] = []
            for (i, e) in elements.enumerated() {
                guard byDomain ? e.domain != nil : e.level != nil else { continue }
                let key = [e.statistic.rawValue, e.variable, byDomain ? e.level ?? "" : e.domain?.value ?? "",
                           e.probability.map { "\($0)" } ?? ""].joined(separator: "\u{1}")
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append(i)
            }
            var results: [ContrastResult] = []
            for key in order {
                let members = groups[key] ?? []
                func name(_ i: Int) -> String? { byDomain ? elements[i].domain?.value : elements[i].level }
                var c = [Double](repeating: 0, count: elements.count)
                var complete = true
                for term in contrast.terms {
                    guard let i = members.first(where: { name($0) == term.name }) else { complete = false; break }
                    c[i] += term.coefficient
                }
                guard complete, let first = members.first else { continue }
                let e = elements[first]
                let within = byDomain ? e.level : e.domain.map { "\($0.variable)=\($0.value)" }
                let value = zip(c, values).reduce(0) { $0 + $1.0 * $1.1 }
                results.append(ContrastResult(
                    name: contrast.name, statistic: e.statistic, variable: e.variable,
                    within: within ?? e.probability.map { "p=\($0)" }, estimate: value,
                    standardError: max(quadraticForm(c), 0).squareRoot(), degreesOfFreedom: df, dfRule: "design",
                    confidenceLevel: level))
            }
            if !results.isEmpty { return results }
        }
        let names = Set(elements.compactMap { $0.domain?.value } + elements.compactMap(\.level)).sorted()
        throw .impossible("--contrast '\(contrast.name)': names \(contrast.terms.map(\.name).joined(separator: ", ")) are not all "
            + "domains (--by) or levels (--proportion) of one estimate; available: \(names.prefix(20).joined(separator: ", "))")
    }

    /// cᵀ·V·c.
    func quadraticForm(_ c: [Double]) -> Double {
        var s = 0.0
        for i in c.indices where c[i] != 0 { for j in c.indices where c[j] != 0 { s += c[i] * covariance[i, j] * c[j] } }
        return s
    }

    /// This estimate minus `other`'s, element by element (matched on statistic, variable, level,
    /// domain and p), as independent samples: SE = √(SE₁² + SE₂²), df by Welch–Satterthwaite on
    /// the two elements' df, (v₁ + v₂)² / (v₁²/df₁ + v₂²/df₂). Also returns the unmatched elements.
    public func difference(minus other: Estimate, name: String, level: Double) -> (results: [ContrastResult], unmatched: Int) {
        func key(_ e: EstimateElement) -> String {
            [e.statistic.rawValue, e.variable, e.level ?? "", e.domain.map { "\($0.variable)=\($0.value)" } ?? "",
             e.probability.map { "\($0)" } ?? ""].joined(separator: "\u{1}")
        }
        var index: [String: EstimateElement] = [:]
        for e in other.elements { index[key(e)] = e }
        var results: [ContrastResult] = []
        for a in elements {
            guard let b = index[key(a)] else { continue }
            let v1 = a.standardError * a.standardError, v2 = b.standardError * b.standardError
            let df = welchSatterthwaite(v1, a.degreesOfFreedom, v2, b.degreesOfFreedom)
            let within = [a.level, a.domain.map { "\($0.variable)=\($0.value)" }, a.probability.map { "p=\($0)" }]
                .compactMap { $0 }.joined(separator: ", ")
            results.append(ContrastResult(
                name: name, statistic: a.statistic, variable: a.variable, within: within.isEmpty ? nil : within,
                estimate: a.value - b.value, standardError: (v1 + v2).squareRoot(), degreesOfFreedom: df,
                dfRule: "welch-satterthwaite", confidenceLevel: level))
        }
        return (results, elements.count + other.elements.count - 2 * results.count)
    }
}

/// (v₁ + v₂)² / (v₁²/df₁ + v₂²/df₂); an infinite df contributes nothing to the denominator.
func welchSatterthwaite(_ v1: Double, _ df1: Double, _ v2: Double, _ df2: Double) -> Double {
    let d = (df1.isInfinite ? 0 : v1 * v1 / df1) + (df2.isInfinite ? 0 : v2 * v2 / df2)
    return d == 0 ? .infinity : (v1 + v2) * (v1 + v2) / d
}

extension Design {
    /// R `svyttest(y ~ g, design)`: the difference of the means of `y` between `groups`' second
    /// and first domain (design-based, both domains in one covariance), t on R's df = `svyglm`'s
    /// residual df with two coefficients: the df of the rows it fits − 1 — the subset the two
    /// groups make (a `--where`, rows missing y or the group left out), R's
    /// `svyttest(y ~ g, subset(d, …))`, under the `--domain-df` rule.
    public func meanDifferenceTest(_ y: Column, groups: Domains, name: String,
                                   options: EstimationOptions = .init()) throws -> ContrastResult {
        guard groups.count == 2 else {
            throw DesignError.impossible("--ttest: '\(groups.variable)' must split the rows into two groups; it has \(groups.count)")
        }
        let means = try self.means([y], by: groups, options: options)
        // The rows the test uses: in either group, with y present.
        let both = Domains(variable: groups.variable, codes: groups.codes.map { $0 >= 0 ? 0 : -1 }, labels: ["both"])
        var present: [Double]? = nil
        if case .numeric(let values) = y.values, values.contains(where: \.isNaN) { present = values.map { $0.isNaN ? 0 : 1 } }
        let df = domainDegreesOfFreedom(base: present, domains: both, rule: options.domainDF).df[1] - 1
        var se = max(means.quadraticForm([-1, 1]), 0).squareRoot()
        // A replicate in which one group's mean is undefined: R's replicate svyglm drops it for the
        // difference (both coefficients), so the SE is the spread of the replicate differences
        // where both exist, not the covariance that keeps each mean's own replicates.
        if let replicate = self as? ReplicateDesign, means.elements.contains(where: { !$0.undefinedReplicates.isEmpty }) {
            se = try replicate.differenceStandardError(y, groups: groups, difference: means.values[1] - means.values[0])
        }
        return ContrastResult(
            name: name, statistic: .mean, variable: y.name, within: nil, estimate: means.values[1] - means.values[0],
            standardError: se, degreesOfFreedom: df, dfRule: "design-1", confidenceLevel: options.level)
    }
}

extension ReplicateDesign {
    /// The SE of mean(y | group 1) − mean(y | group 0) from its value in each replicate, the
    /// replicates where it is undefined left out (R's `svrVar` on a replicate `svyglm`'s coefficient).
    func differenceStandardError(_ y: Column, groups: Domains, difference: Double) throws -> Double {
        guard case .numeric(let values) = y.values else { throw DesignError.allMissing(variable: y.name) }
        var thetas = Matrix(rows: replicateCount, columns: 1)
        for r in 0..<replicateCount {
            let w = try replicateWeights(r)
            var sum = [0.0, 0.0], weight = [0.0, 0.0]
            for i in w.indices where groups.codes[i] >= 0 && !values[i].isNaN {
                let g = Int(groups.codes[i])
                sum[g] += w[i] * values[i]
                weight[g] += w[i]
            }
            thetas[r, 0] = sum[1] / weight[1] - sum[0] / weight[0]
        }
        return max(try replicateVariance(thetas, full: [difference])[0, 0], 0).squareRoot()
    }
}
