import SurveySeries

/// Net favorability, favorable − unfavorable, from the two shares of one sample.
///
/// The categories of one question are multinomial, so the two shares are negatively correlated:
/// cov(p_f, p_u) = −p_f·p_u·deff/n and (DESIGN.md §5)
///
///     var(net) = (p_f + p_u − (p_f − p_u)²)·deff/n.
///
/// n is the favorable row's n (both rows share the base); deff is the rows' design effect when
/// given, else 1 (flagged `srs-assumed`). When both rows carry design-based SEs and n, the design
/// effect is taken as the mean of se²·n/(p(1−p)) over the two rows, so the microdata design
/// carries into the net share.
public enum NetFavorability {
    /// The net observation for one wave (measure `net`, estimate p_f − p_u, se from the formula).
    public static func net(favorable f: Observation, unfavorable u: Observation) throws(TrendError) -> Observation {
        guard let n = f.n ?? u.n, n > 0 else { throw .missingVariance(wave: f.wave) }
        let pf = f.estimate, pu = u.estimate
        guard (0...1).contains(pf) else { throw .shareOutOfRange(wave: f.wave, value: pf) }
        guard (0...1).contains(pu) else { throw .shareOutOfRange(wave: u.wave, value: pu) }
        var flags = Array(Set(f.flags + u.flags)).sorted()
        let deff: Double
        if let d = f.deff ?? u.deff, d > 0 {
            deff = d
        } else if let sf = f.se, let su = u.se, sf > 0, su > 0, pf > 0, pf < 1, pu > 0, pu < 1 {
            deff = (sf * sf * Double(n) / (pf * (1 - pf)) + su * su * Double(n) / (pu * (1 - pu))) / 2
        } else {
            deff = 1
            if !flags.contains("srs-assumed") { flags.append("srs-assumed") }
        }
        var variance = (pf + pu - (pf - pu) * (pf - pu)) * deff / Double(n)
        if variance <= 0 {
            // Both shares 0 (or one of them 1): continuity rule as in `TrendData`, one half
            // respondent added to each of the three categories.
            let m = Double(n) / deff
            let qf = (m * pf + 0.5) / (m + 1.5), qu = (m * pu + 0.5) / (m + 1.5)
            variance = (qf + qu - (qf - qu) * (qf - qu)) / m
        }
        let se = variance.squareRoot()
        return Observation(
            dataset: f.dataset, country: f.country, target: f.target, item: f.item, wave: f.wave, date: f.date,
            measure: "net", estimate: pf - pu, se: se, ciLower: max(-1, pf - pu - 1.959963984540054 * se),
            ciUpper: min(1, pf - pu + 1.959963984540054 * se), n: n, deff: deff, flags: flags.sorted(), sourceID: f.sourceID)
    }

    /// Net series from the favorable and unfavorable observations of a pool: one net observation
    /// per (dataset, country, target, item, wave) that has both.
    public static func netObservations(_ pool: [Observation]) throws(TrendError) -> [Observation] {
        struct Key: Hashable { let d, c, t, i, w: String }
        var fav: [Key: Observation] = [:], unfav: [Key: Observation] = [:]
        for o in pool {
            let k = Key(d: o.dataset, c: o.country, t: o.target, i: o.item, w: o.wave)
            if o.measure == "favorable" { fav[k] = o } else if o.measure == "unfavorable" { unfav[k] = o }
        }
        var out: [Observation] = []
        for (k, f) in fav.sorted(by: { ($0.key.d, $0.key.c, $0.key.t, $0.key.i, $0.key.w) < ($1.key.d, $1.key.c, $1.key.t, $1.key.i, $1.key.w) }) {
            if let u = unfav[k] { out.append(try net(favorable: f, unfavorable: u)) }
        }
        return out
    }
}
