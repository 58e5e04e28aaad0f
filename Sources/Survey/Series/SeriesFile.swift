#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyData
import SurveyText

/// The series CSV format: one `Observation` per row, with the row's citation, so a file is
/// self-contained (every figure carries where it came from). `import` writes it; `--series FILE`
/// and the built-in datasets read it.
///
/// Columns, in order: `dataset, country, target, item, wave, date, measure, estimate, se,
/// ci_lower, ci_upper, n, deff, flags, source_id, citation, url`.
/// - Shares are proportions (0-1); `net` lies in -1..1. Empty `se`, `ci_lower`, `ci_upper`, `n`,
///   `deff` mean unknown (e.g. a published figure without a published n: flag `n-unknown`).
/// - `flags` is `;`-joined. A row flagged `not-asked` has an empty `estimate` (NaN in memory):
///   the item was not asked, which is not a share of 0.
/// - Rows with the same `source_id` must carry the same `citation` and `url`.
/// - Optional trailing columns `mode` (interview mode) and `weight` (weight variable) carry what
///   decides comparability; they are written only when some observation has them.
/// - Optional trailing columns `group` and `group_level` hold the subgroup (`all`, `all` for the
///   whole sample; absent = whole sample); written only when some observation is a subgroup's.
///   A subgroup row flagged `suppressed` (fewer than 30 respondents) has an empty `estimate`.
///   A row flagged `group-difference` is the difference of two levels of one group within one
///   design (`LEVEL−REFERENCE`): shares lie in [-1, 1], net in [-2, 2].
/// Numbers are written rounded to 6 decimals (deff: 4) with trailing zeros dropped, so files
/// are byte-stable across platforms whose last-bit floating-point results differ.
public struct SeriesFile: Sendable, Equatable {
    public var observations: [Observation]
    /// One reference per distinct `source_id`, in first-appearance order.
    public var sources: [SourceReference]

    public init(observations: [Observation], sources: [SourceReference]) {
        self.observations = observations
        self.sources = sources
    }

    /// The header row, in order.
    public static let columns = [
        "dataset", "country", "target", "item", "wave", "date", "measure", "estimate", "se",
        "ci_lower", "ci_upper", "n", "deff", "flags", "source_id", "citation", "url",
    ]
    /// Columns read when present: interview mode and weight variable.
    public static let optionalColumns = ["mode", "weight"]
    /// Columns of the subgroup dimension, read when present.
    public static let groupColumns = ["group", "group_level"]
    /// Columns a file must have (citation and url may be absent in hand-made files).
    static let required = Array(columns.prefix(15))

    // MARK: - Writing

    /// The file's text. Throws when an observation cites a source id with no reference.
    /// `citations: false` leaves out the `citation` and `url` columns (a companion file whose
    /// source ids are cited by another file, such as the built-in `cab/groups.csv`).
    public func csvText(citations: Bool = true) throws(DataError) -> String {
        let byID = Dictionary(sources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let comparability = observations.contains { $0.mode != nil || $0.weight != nil }
        let grouped = observations.contains(where: \.isGroup)
        let head = citations ? Self.columns : Self.required
        var out = CSVRecords.line(head + (comparability ? Self.optionalColumns : []) + (grouped ? Self.groupColumns : []))
        for o in observations {
            guard let source = byID[o.sourceID] else {
                throw DataError("observation \(o.key.label) \(o.wave) cites unknown source '\(o.sourceID)'")
            }
            var fields: [String] = [
                o.dataset, o.country, o.target, o.item, o.wave, o.date, o.measure,
                o.estimate.isNaN ? "" : Self.format(o.estimate), o.se.map { Self.format($0) } ?? "",
                o.ciLower.map { Self.format($0) } ?? "", o.ciUpper.map { Self.format($0) } ?? "",
                o.n.map(String.init) ?? "", o.deff.map { Self.format($0, decimals: 4) } ?? "",
                o.flags.joined(separator: ";"), o.sourceID,
            ]
            if citations { fields += [source.citation, source.url ?? ""] }
            let extra: [String] = comparability ? [o.mode ?? "", o.weight ?? ""] : []
            let group: [String] = grouped ? [o.group, o.groupLevel] : []
            out += CSVRecords.line(fields + extra + group)
        }
        return out
    }

    /// Writes the file atomically (`citations: false`: see `csvText`).
    public func write(to path: String, citations: Bool = true) throws(DataError) {
        try AtomicFile.write(try csvText(citations: citations), to: path)
    }

    /// `x` rounded to `decimals` places, trailing zeros removed (`0.516`, `-0.1`, `1`).
    public static func format(_ x: Double, decimals: Int = 6) -> String {
        var s = FixedDecimal.format(x, digits: decimals) ?? Printf.string("%.\(decimals)f", x)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    // MARK: - Reading

    /// Reads a series file from disk.
    public static func read(path: String) throws(DataError) -> SeriesFile {
        let bytes = try readWholeFile(path)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            // The line of the first byte that is not UTF-8, so the user can find it.
            var line = 1
            for piece in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                if String(validating: piece, as: UTF8.self) == nil { break }
                line += 1
            }
            throw DataError("not UTF-8 text (save the series file as UTF-8)", file: path, line: line)
        }
        return try parse(text, file: path)
    }

    /// Parses series CSV text; errors name the file, line and column.
    public static func parse(_ text: String, file: String?) throws(DataError) -> SeriesFile {
        let records = try CSVRecords.parse(text, file: file)
        guard let headerRecord = records.first else { throw DataError("series file is empty", file: file) }
        let header = try CSVHeader(headerRecord.fields, required: required, file: file)
        var observations: [Observation] = []
        var sources: [SourceReference] = []
        var sourceIndex: [String: Int] = [:]
        observations.reserveCapacity(records.count)
        // Column positions looked up once per file, not per field (the built-in data are parsed
        // on every interactive command, issue 17 item 4).
        let column = { (name: String) in (name: name, position: header.position(name)) }
        let cDataset = column("dataset"), cCountry = column("country"), cTarget = column("target"), cItem = column("item")
        let cWave = column("wave"), cDate = column("date"), cMeasure = column("measure"), cEstimate = column("estimate")
        let cSe = column("se"), cCiLower = column("ci_lower"), cCiUpper = column("ci_upper"), cN = column("n")
        let cDeff = column("deff"), cFlags = column("flags"), cSourceId = column("source_id"), cCitation = column("citation")
        let cUrl = column("url"), cMode = column("mode"), cWeight = column("weight"), cGroup = column("group")
        let cGroupLevel = column("group_level")
        // Per series, each wave's date and each date's wave with the line that gave it: a wave
        // label with two dates (or a date with two waves) made `table` drop a row in one format and
        // keep it in another, and `compare` take the first silently.
        var waveSeen: [WaveKey: (date: String, line: Int)] = [:], dateSeen: [WaveKey: (wave: String, line: Int)] = [:]
        waveSeen.reserveCapacity(records.count)
        dateSeen.reserveCapacity(records.count)
        var validDates = Set<String>()
        for record in records.dropFirst() {
            func text(_ c: (name: String, position: Int?)) -> String {
                guard let p = c.position, p < record.fields.count else { return "" }
                return record.fields[p]
            }
            func number(_ c: (name: String, position: Int?), required: Bool = false) throws(DataError) -> Double? {
                let s = text(c)
                if s.isEmpty {
                    if required { throw DataError("empty value; expected a number", file: file, line: record.line, column: c.name) }
                    return nil
                }
                guard let x = decimalNumber(s) else {
                    throw DataError("'\(s)' is not a number", file: file, line: record.line, column: c.name)
                }
                return x
            }
            guard record.fields.count == header.names.count else {
                throw DataError("\(record.fields.count) fields, expected \(header.names.count)", file: file, line: record.line)
            }
            for c in [cDataset, cCountry, cTarget, cItem, cWave, cMeasure, cSourceId] where text(c).isEmpty {
                throw DataError("empty value", file: file, line: record.line, column: c.name)
            }
            var n: Int?
            if !text(cN).isEmpty {
                guard let v = Int(text(cN)) else {
                    throw DataError("'\(text(cN))' is not a count", file: file, line: record.line, column: "n")
                }
                n = v
            }
            let flags = ByteSplit.ascii(text(cFlags), on: ";").map(String.init)
            // A not-asked or suppressed row has no estimate (NaN in memory), never 0.
            let notAsked = (flags.contains("not-asked") || flags.contains("suppressed")) && text(cEstimate).isEmpty
            let observation = Observation(
                dataset: text(cDataset), country: text(cCountry), target: text(cTarget), item: text(cItem),
                wave: text(cWave), date: text(cDate), measure: text(cMeasure),
                estimate: notAsked ? .nan : try number(cEstimate, required: true) ?? .nan, se: try number(cSe),
                ciLower: try number(cCiLower), ciUpper: try number(cCiUpper), n: n, deff: try number(cDeff),
                flags: flags, sourceID: text(cSourceId),
                mode: text(cMode).isEmpty ? nil : text(cMode), weight: text(cWeight).isEmpty ? nil : text(cWeight),
                group: text(cGroup).isEmpty ? "all" : text(cGroup),
                groupLevel: text(cGroupLevel).isEmpty ? "all" : text(cGroupLevel))
            try validate(observation, file: file, line: record.line)
            if !validDates.contains(observation.date) {
                try validateDate(observation.date, file: file, line: record.line)
                validDates.insert(observation.date)
            }
            // One hash of each key: inserted, and the row it replaced (if any) is the error.
            let key = observation.key
            if let seen = waveSeen.updateValue((observation.date, record.line), forKey: WaveKey(key, observation.wave)) {
                throw DataError(seen.date == observation.date
                    ? "wave '\(observation.wave)' of \(key.label) appears twice (also on line \(seen.line)); a series has one row per wave"
                    : "wave '\(observation.wave)' of \(key.label) is dated \(observation.date) here but \(seen.date) on line \(seen.line); a wave has one date",
                    file: file, line: record.line, column: "wave")
            }
            if let seen = dateSeen.updateValue((observation.wave, record.line), forKey: WaveKey(key, observation.date)) {
                throw DataError("\(key.label) has two waves dated \(observation.date) ('\(seen.wave)' on line \(seen.line) and "
                    + "'\(observation.wave)' here); a series has one value per time point", file: file, line: record.line, column: "date")
            }
            observations.append(observation)
            let reference = SourceReference(
                id: observation.sourceID, citation: text(cCitation), url: text(cUrl).isEmpty ? nil : text(cUrl))
            if let i = sourceIndex[reference.id] {
                guard sources[i] == reference else {
                    throw DataError(
                        "source '\(reference.id)' has a different citation or url than on an earlier row",
                        file: file, line: record.line, column: "citation")
                }
            } else {
                sourceIndex[reference.id] = sources.count
                sources.append(reference)
            }
        }
        return SeriesFile(observations: observations, sources: sources)
    }
}

/// A series and a wave label or date, for `SeriesFile.parse`'s one-row-per-wave checks.
private struct WaveKey: Hashable {
    let key: SeriesKey
    let value: String
    init(_ key: SeriesKey, _ value: String) {
        self.key = key
        self.value = value
    }
}
