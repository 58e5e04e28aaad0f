import SurveyData

/// Domains (subpopulations) for `by` estimates: each row's domain `0..<count`, or −1 for rows in
/// no domain (a missing `by` value). Domain estimates keep every row of the design — rows outside
/// the domain carry zero influence — so strata and PSUs survive (the df of a domain's interval is
/// `DomainDegreesOfFreedom`'s rule) (R's `svyby`,
/// which sets weights to zero outside the subset rather than dropping rows).
public struct Domains: Sendable, Equatable {
    /// The `by` variable's name.
    public let variable: String
    /// Domain of each row, or −1.
    public let codes: [Int32]
    /// Domain labels, in the order estimates are reported (sorted as R's factor levels).
    public let labels: [String]

    public var count: Int { labels.count }

    /// Domains from a column: categorical levels in level order; numbers in increasing order.
    /// Missing values fall outside every domain.
    public init(column: Column) {
        self.variable = column.name
        switch column.values {
        case .categorical(let raw, let levels):
            // Keep only levels that occur, in level order (R's svyby drops empty groups).
            var used = [Bool](repeating: false, count: levels.count)
            for r in raw where r >= 0 { used[Int(r)] = true }
            var map = [Int32](repeating: -1, count: levels.count)
            var labels: [String] = []
            for (i, u) in used.enumerated() where u {
                map[i] = Int32(labels.count)
                labels.append(levels[i])
            }
            self.codes = raw.map { $0 >= 0 ? map[Int($0)] : -1 }
            self.labels = labels
        case .numeric(let values):
            // Sorted distinct values and each row's index among them: coded answers (small
            // integers) by one pass without hashing, as proportions code them.
            let coded = LevelCodes.of(values)
            (self.codes, self.labels) = column.levelLabels(codes: coded.codes, distinct: coded.distinct)
        }
    }

    /// Explicit domains (codes −1..<labels.count).
    public init(variable: String, codes: [Int32], labels: [String]) {
        self.variable = variable
        self.codes = codes
        self.labels = labels
    }

    /// The label of domain `d` as reported.
    public func label(_ d: Int) -> DomainLabel { DomainLabel(variable: variable, value: labels[d]) }
}
