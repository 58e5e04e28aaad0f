import SurveyData

extension Design {
    /// R `svyttest(y ~ 0, design)` / `svyttest(I(y - mu) ~ 0, design)`: the design-based mean of
    /// `y` minus `hypothesized`, its SE, and t on R's df = the design's df − 1 (a domain's df − 1
    /// within a domain — R's `degf(subset(d, …)) − 1`, under the `--domain-df` rule). `domain`
    /// (one slot, e.g. `--where`) restricts the test to its rows, the whole design kept.
    public func meanTest(_ y: Column, hypothesized: Double = 0, domain: Domains? = nil,
                         options: EstimationOptions = .init()) throws -> ContrastResult {
        if let domain, domain.count != 1 {
            throw DesignError.impossible("one-sample --ttest: the rows must form one domain; \(domain.count) given")
        }
        let mean = try self.means([y], by: domain, options: options)
        guard let e = mean.elements.first else { throw DesignError.allMissing(variable: y.name) }
        let df = (domain == nil ? degreesOfFreedom(base: nil, domains: nil)[0] : e.degreesOfFreedom) - 1
        let name = hypothesized == 0 ? "mean(\(y.name))" : "mean(\(y.name)) − \(formatHypothesis(hypothesized))"
        return ContrastResult(
            name: name, statistic: .mean, variable: y.name, within: e.domain.map { "\($0.variable)=\($0.value)" },
            estimate: e.value - hypothesized, standardError: e.standardError, degreesOfFreedom: df,
            dfRule: "design-1", confidenceLevel: options.level)
    }
}

/// The hypothesized mean as written in a contrast's name (600, not 600.0).
private func formatHypothesis(_ mu: Double) -> String {
    mu == mu.rounded() && abs(mu) < 1e15 ? String(Int(mu)) : "\(mu)"
}
