/// `--assume-n N [--deff D]` for published toplines without n: such a figure has no SE, so no
/// interval, trend weight or comparison. With an assumed n it gets one, flagged `n-assumed`
/// (every output prints the flag). One rule for `trend`, `compare` and `chart`.
public enum AssumedSize {
    /// `o` with n = `n` where it has neither a positive SE nor an n (flag `n-assumed`), and
    /// deff = `deff` where it has no SE and its source gives none; other figures unchanged.
    public static func applied(_ o: Observation, n: Int?, deff: Double?) -> Observation {
        guard !(o.se ?? 0 > 0) else { return o }
        var o = o
        if o.n == nil, let n {
            o.n = n
            o.flags.append("n-assumed")
        }
        if o.deff == nil, let deff { o.deff = deff }
        return o
    }
}
