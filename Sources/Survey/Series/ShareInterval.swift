#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyEstimation
import SurveyNumerics

/// The one default interval for a share, the same in `overview`, `table`, `trend` and `chart`
/// (docs/intervals.md):
/// 1. the figure's own interval at 95% (CAB: R `svyciprop(method = "logit")` from microdata);
/// 2. a share of exactly 0 (or 1) with n known: the Korn–Graubard (beta) interval of R
///    `svyciprop(method = "beta")` with effective size m = n/deff — at x = 0 it is one-sided,
///    [0, qbeta(1 − α/2, 1, m)] = [0, 1 − (α/2)^(1/m)] (and [(α/2)^(1/m), 1] at x = m), since an
///    SE of 0 says nothing about how small the share may be;
/// 3. otherwise the logit interval expit(logit p ± z·SE/(p(1−p))), SE the figure's, or from a
///    topline √(p(1−p)·deff/n). It lies in (0, 1) by construction.
/// Net shares (in [−1, 1]) are differences and keep the Wald interval.
public enum ShareInterval {
    /// The interval of `o` at `level`, or nil when neither an SE nor n is known (or `o` is net).
    public static func interval(for o: Observation, level: Double = 0.95) -> (lower: Double, upper: Double)? {
        let p = o.estimate
        guard p.isFinite, o.measure != "net", (0...1).contains(p) else { return nil }
        if abs(level - 0.95) < 1e-12, let lo = o.ciLower, let hi = o.ciUpper { return (lo, hi) }
        let alpha = 1 - level
        let deff = (o.deff ?? 1) > 0 ? (o.deff ?? 1) : 1
        if p == 0 || p == 1 {
            guard let n = o.n, n > 0 else { return nil }
            let bound = pow(alpha / 2, deff / Double(n))
            return p == 0 ? (0, 1 - bound) : (bound, 1)
        }
        let se: Double
        if let s = o.se, s > 0, s.isFinite {
            se = s
        } else if let n = o.n, n > 0 {
            se = (p * (1 - p) * deff / Double(n)).squareRoot()
        } else {
            return nil
        }
        let z = Normal.standard.quantile(1 - alpha / 2)
        let centre = log(p / (1 - p)), half = z * se / (p * (1 - p))
        return (expit(centre - half), expit(centre + half))
    }

    /// `o` with its 95% interval filled in where it has none (a zero count gets [0, upper]), so
    /// every command prints the same interval for it.
    public static func filled(_ o: Observation) -> Observation {
        var o = o
        fill(&o)
        return o
    }

    /// `filled`, in place.
    public static func fill(_ o: inout Observation) {
        guard o.ciLower == nil || o.ciUpper == nil, let i = interval(for: o) else { return }
        o.ciLower = i.lower
        o.ciUpper = i.upper
    }
}
