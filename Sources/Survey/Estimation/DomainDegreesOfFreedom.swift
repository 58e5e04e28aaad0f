/// The degrees of freedom of a domain's interval. R's convention (`svyciprop`, `svyquantile`,
/// `confint(…, df = degf(subset(d, …)))`) is the subset's own df, #PSUs − #strata among the
/// domain's rows: a domain whose strata each hold one of its PSUs gets 0 and no interval. Stata's
/// `subpop` uses the full design's df. `auto` (the default) is R's rule except where it leaves
/// fewer than 1 df; there the design's df is used and the element says so (`dfRule = .design`),
/// so an interval is never silently dropped (docs/design-estimation.md, "Domain df").
public enum DomainDegreesOfFreedom: String, Sendable, CaseIterable {
    case auto, subset, design
}

extension Design {
    /// df per slot (0 the whole base, 1 + d domain d) under `rule`, and the rule each slot used.
    func domainDegreesOfFreedom(base: [Double]?, domains: Domains?, rule: DomainDegreesOfFreedom)
        -> (df: [Double], rules: [DomainDegreesOfFreedom?]) {
        let subset = degreesOfFreedom(base: base, domains: domains)
        var df = subset
        var rules: [DomainDegreesOfFreedom?] = subset.indices.map { $0 == 0 ? nil : .subset }
        for s in subset.indices.dropFirst() where rule == .design || subset[s].isNaN || (rule == .auto && !(subset[s] >= 1)) {
            df[s] = subset[0]
            rules[s] = .design
        }
        return (df, rules)
    }
}
