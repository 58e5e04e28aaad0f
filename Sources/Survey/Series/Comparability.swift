/// A point in a series where the way figures were collected changes (today: the interview mode),
/// so the waves on either side are not comparable without a caveat. Derived from the
/// observations actually used — never from a flag on one wave — so Turkmenistan 2018
/// (face-to-face) → 2022 (telephone), with no 2020 wave, is a break too.
public struct SeriesBreak: Sendable, Equatable, Hashable {
    /// The last wave before and the first wave after the change.
    public let beforeWave: String
    public let afterWave: String
    /// ISO date of the first wave after the change; the break sits there (a wave at or after
    /// this date is on the new side, as `LevelShiftTrend`'s indicator [t ≥ τ]).
    public let date: String
    /// The mode before and after, e.g. `face-to-face`, `telephone`.
    public let fromMode: String
    public let toMode: String

    /// `face-to-face → telephone`: the label charts and tables print (`mode break` when the
    /// modes are not known and only a `mode-break` flag marks it).
    public var label: String { fromMode.isEmpty || toMode.isEmpty ? "mode break" : "\(fromMode) → \(toMode)" }

    /// Decimal year of the break (`date`'s), or nil when the date is invalid.
    public var time: Double? { WaveDate.decimalYear(date) }

    /// `face-to-face → telephone between 2018-autumn and 2022-autumn`.
    public var description: String { "\(label) between \(beforeWave) and \(afterWave)" }
}

/// Which observations may be compared or pooled: the comparability rule, in one place.
public enum Comparability {
    /// The caveat every output crossing a break prints.
    public static let caveat = "the change mixes opinion change with the effect of the interview mode"

    /// Breaks between consecutive observations (in date order, values present) whose modes are
    /// both known and differ. With two observations this is the endpoints' rule `compare` uses.
    /// Where a mode is unknown (a series file without a `mode` column), a `mode-break` flag on
    /// the later observation still marks a break.
    public static func breaks(in observations: [Observation]) -> [SeriesBreak] {
        let used = observations.filter { $0.estimate.isFinite }.sorted { $0.date < $1.date }
        return zip(used, used.dropFirst()).compactMap { a, b in
            if let ma = a.mode, let mb = b.mode {
                guard ma != mb else { return nil }
                return SeriesBreak(beforeWave: a.wave, afterWave: b.wave, date: b.date, fromMode: ma, toMode: mb)
            }
            guard b.flags.contains("mode-break") else { return nil }
            return SeriesBreak(beforeWave: a.wave, afterWave: b.wave, date: b.date, fromMode: a.mode ?? "", toMode: b.mode ?? "")
        }
    }
}

extension Series {
    /// Mode breaks between this series' consecutive waves (see `Comparability.breaks`).
    public var breaks: [SeriesBreak] { Comparability.breaks(in: observations) }
}
