/// The degrees of freedom of a domain's interval. R's convention (`svyciprop`, `svyquantile`,
/// `confint(…, df = degf(subset(d, …)))`) is the subset's own df, #PSUs − #strata among the
/// domain's rows: a domain whose strata each hold one of its PSUs gets 0 and no interval. Stata's
/// `subpop` uses the full design's df. `auto` (the default) is R's rule except where it leaves
/// fewer than 1 df; there the design's df is used and the element says so (`dfRule = .design`),
/// so an interval is never silently dropped (docs/design-estimation.md, "Domain df").
public enum DomainDegreesOfFreedom: String, Sendable, CaseIterable {
    case auto, subset, design
}

extension DomainDegreesOfFreedom {
    /// The df per slot under this rule from each slot's subset df (`subset[0]` the whole base's,
    /// 1 + d domain d's; NaN a domain not ranked), and the rule each slot used — shared by the
    /// in-memory estimators and the streamed pass.
    func apply(to subset: [Double]) -> (df: [Double], rules: [DomainDegreesOfFreedom?]) {
        var df = subset
        var rules: [DomainDegreesOfFreedom?] = subset.indices.map { $0 == 0 ? nil : .subset }
        for s in subset.indices.dropFirst() where self == .design || subset[s].isNaN || (self == .auto && !(subset[s] >= 1)) {
            df[s] = subset[0]
            rules[s] = .design
        }
        return (df, rules)
    }
}

extension Design {
    /// df per slot (0 the whole base, 1 + d domain d) under `rule`, and the rule each slot used.
    func domainDegreesOfFreedom(base: [Double]?, domains: Domains?, rule: DomainDegreesOfFreedom)
        -> (df: [Double], rules: [DomainDegreesOfFreedom?]) {
        rule.apply(to: degreesOfFreedom(base: base, domains: domains))
    }
}
