import SurveyNumerics

/// How p-values of a family of comparisons are adjusted (R `p.adjust`).
public enum PValueAdjustment: String, Sendable, CaseIterable {
    /// Holm (1979) step-down: the i-th smallest of m p-values times (m − i + 1), made monotone.
    case holm
    /// Bonferroni: every p-value times m.
    case bonferroni
    /// No adjustment.
    case none

    /// The adjusted p-values, in the order given (capped at 1). An undefined p (NaN: a pair with
    /// SE 0) stays undefined and is not counted in the family, as R's `p.adjust` leaves NAs out of n.
    public func adjust(_ p: [Double]) -> [Double] {
        let m = Double(p.filter { !$0.isNaN }.count)
        switch self {
        case .none: return p
        case .bonferroni: return p.map { $0.isNaN ? .nan : min(1, $0 * m) }
        case .holm:
            let order = p.indices.filter { !p[$0].isNaN }.sorted { p[$0] < p[$1] }
            var out = p, running = 0.0
            for (rank, i) in order.enumerated() {
                running = max(running, min(1, (m - Double(rank)) * p[i]))
                out[i] = running
            }
            return out
        }
    }
}

/// The banner layout's significance letters: for each row level, every pair of columns is compared
/// (the difference of the two column percentages, its design SE from the covariance of the domain
/// estimates — R `svycontrast` on `svyby(~row, ~col, svymean, covmat = TRUE)` — and a two-sided t
/// test on the design df), the p-values of the row level's pairs are adjusted together, and the
/// cell of column a gets the letter of column b when a's percentage is higher and the adjusted p is
/// below alpha (the pollsters' convention: the letter names the column this one beats).
public struct BannerComparison: Sendable {
    /// One comparison: row level, the two columns (indices, a < b), a − b, SE, t, p and adjusted p.
    public struct Pair: Sendable, Equatable {
        public let row: Int
        public let a: Int
        public let b: Int
        public let difference: Double
        public let standardError: Double
        public let t: Double
        public let p: Double
        public let adjustedP: Double
    }

    /// Column letters: A, B, …, Z, AA, AB, …
    public let letters: [String]
    public let pairs: [Pair]
    /// `marks[r][c]`: the letters of the columns that column c is significantly above in row r.
    public let marks: [[String]]
    public let adjustment: PValueAdjustment
    public let alpha: Double
    public let degreesOfFreedom: Double

    public init(_ x: CrosstabPercentages, degreesOfFreedom df: Double, adjustment: PValueAdjustment, alpha: Double) {
        let nr = x.rowLevels.count, nc = x.columnLevels.count
        letters = (0..<nc).map(Self.letter)
        var pairs: [Pair] = []
        var marks = [[String]](repeating: [String](repeating: "", count: nc), count: nr)
        let v = x.column.covariance, value = x.column.values
        let t = StudentT(df: df)
        for r in 0..<nr {
            var family: [(a: Int, b: Int, d: Double, se: Double, t: Double, p: Double)] = []
            for a in 0..<nc {
                for b in (a + 1)..<max(a + 1, nc) {
                    let i = r + a * nr, j = r + b * nr
                    let d = value[i] - value[j]
                    let se = max(v[i, i] + v[j, j] - 2 * v[i, j], 0).squareRoot()
                    let stat = d / se
                    family.append((a, b, d, se, stat, se > 0 ? 2 * t.survival(abs(stat)) : .nan))
                }
            }
            let adjusted = adjustment.adjust(family.map(\.p))
            for (k, f) in family.enumerated() {
                pairs.append(Pair(row: r, a: f.a, b: f.b, difference: f.d, standardError: f.se, t: f.t, p: f.p,
                                  adjustedP: adjusted[k]))
                guard adjusted[k] < alpha else { continue }
                if f.d > 0 { marks[r][f.a] += letters[f.b] } else if f.d < 0 { marks[r][f.b] += letters[f.a] }
            }
        }
        self.pairs = pairs
        self.marks = marks
        self.adjustment = adjustment
        self.alpha = alpha
        self.degreesOfFreedom = df
    }

    /// A, B, …, Z, AA, AB, … for column index k.
    static func letter(_ k: Int) -> String {
        var k = k, s = ""
        repeat {
            s = String(UnicodeScalar(UInt8(65 + k % 26))) + s
            k = k / 26 - 1
        } while k >= 0
        return s
    }
}
