import SurveyData

/// A time series of observations sharing one `SeriesKey`, ordered by date.
public struct Series: Sendable, Equatable {
    public let key: SeriesKey
    /// Observations in increasing date order.
    public let observations: [Observation]

    /// Builds a series; observations are sorted by date. Throws on a duplicate wave date, since a
    /// series cannot hold two values for one time point.
    public init(key: SeriesKey, observations: [Observation]) throws(DataError) {
        let sorted = observations.sorted { $0.date < $1.date }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.date == b.date {
            throw DataError("series \(key.label) has two observations dated \(a.date) (waves \(a.wave), \(b.wave))")
        }
        self.key = key
        self.observations = sorted
    }

    /// Groups observations into series, in key order.
    public static func group(_ observations: [Observation]) throws(DataError) -> [Series] {
        // A series' rows usually come together: a row of the previous row's series joins its
        // group without building and hashing its key (seven strings; that was a twentieth of an
        // `overview`), and a key is looked up only where a run begins.
        var keys: [SeriesKey] = []
        var groups: [[Observation]] = []
        var index: [SeriesKey: Int] = [:]
        var current = -1
        for (i, o) in observations.enumerated() {
            if i > 0, o.inSameSeries(as: observations[i - 1]) {
                groups[current].append(o)
                continue
            }
            let key = o.key
            if let k = index[key] {
                current = k
            } else {
                current = groups.count
                index[key] = current
                keys.append(key)
                groups.append([])
            }
            groups[current].append(o)
        }
        var result: [Series] = []
        result.reserveCapacity(keys.count)
        for k in keys.indices.sorted(by: { keys[$0] < keys[$1] }) {
            result.append(try Series(key: keys[k], observations: Self.flaggingBreaks(groups[k])))
        }
        return result
    }

    /// The series' observations with `mode-break` on the first wave after each break that
    /// `Comparability` derives from the modes, where the data did not flag it: the import flags
    /// CAB's first telephone wave (2020), but Turkmenistan's is 2022 (no 2020 wave), and
    /// `table`, `overview` and `report` said nothing of that break.
    static func flaggingBreaks(_ observations: [Observation]) -> [Observation] {
        let breaks = Comparability.breaks(in: observations)
        guard !breaks.isEmpty else { return observations }
        let after = Set(breaks.map(\.afterWave))
        return observations.map { o in
            guard after.contains(o.wave), !o.flags.contains("mode-break") else { return o }
            var flagged = o
            flagged.flags.append("mode-break")
            return flagged
        }
    }
}

/// Where a figure comes from: the citation every table and chart prints as a footnote.
public struct SourceReference: Sendable, Equatable, Hashable, Codable {
    public var id: String
    public var citation: String
    public var url: String?
    /// For a published figure, the source's sentence or table row it was read from, verbatim
    /// (`datasets/published/sources.csv`); nil for figures computed from microdata.
    public var quote: String?

    public init(id: String, citation: String, url: String? = nil, quote: String? = nil) {
        self.id = id
        self.citation = citation
        self.url = url
        self.quote = quote
    }
}
