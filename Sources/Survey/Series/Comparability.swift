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
    /// both known and differ. Where a mode is unknown (a series file without a `mode` column), a
    /// `mode-break` flag marks a break: on the later observation, or on a wave between the two
    /// that has no value (the flag says where the mode changed even when the figure is missing).
    public static func breaks(in observations: [Observation]) -> [SeriesBreak] {
        breaks(along: observations.sorted { $0.date < $1.date }) { $0.estimate.isFinite }
    }

    /// Breaks a change from `a` to the later `b` of one series crosses, `observations` being the
    /// series' waves. Where both modes are known only they count (two face-to-face waves compare,
    /// whatever came between); otherwise a `mode-break` flag on `b` or on any wave between the
    /// two does: a file flagging its break on wave 2 made 1 → 3 pass without a word.
    public static func breaks(from a: Observation, to b: Observation, in observations: [Observation]) -> [SeriesBreak] {
        let (early, late) = a.date <= b.date ? (a, b) : (b, a)
        let between = observations.filter { $0.date > early.date && $0.date < late.date }
        return breaks(along: [early] + between.sorted { $0.date < $1.date } + [late]) {
            $0.wave == early.wave && $0.date == early.date || $0.wave == late.wave && $0.date == late.date
        }
    }

    /// Breaks between consecutive points of `sorted` (those `isPoint` accepts); a `mode-break`
    /// flag on an observation that is not a point counts for the pair it lies between.
    private static func breaks(along sorted: [Observation], isPoint: (Observation) -> Bool) -> [SeriesBreak] {
        var result: [SeriesBreak] = [], previous: Observation?, flagged = false
        for o in sorted {
            flagged = flagged || o.flags.contains("mode-break")
            guard isPoint(o) else { continue }
            if let a = previous, let found = pair(a, o, flagged: flagged) { result.append(found) }
            previous = o
            flagged = false
        }
        return result
    }

    /// The break between points `a` and `b`: their modes when both are known, else a flag.
    private static func pair(_ a: Observation, _ b: Observation, flagged: Bool) -> SeriesBreak? {
        if let ma = a.mode, let mb = b.mode {
            guard ma != mb else { return nil }
            return SeriesBreak(beforeWave: a.wave, afterWave: b.wave, date: b.date, fromMode: ma, toMode: mb)
        }
        guard flagged else { return nil }
        return SeriesBreak(beforeWave: a.wave, afterWave: b.wave, date: b.date, fromMode: a.mode ?? "", toMode: b.mode ?? "")
    }
}

extension Series {
    /// Mode breaks between this series' consecutive waves (see `Comparability.breaks`).
    public var breaks: [SeriesBreak] { Comparability.breaks(in: observations) }
}
