#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyData

/// The CAB harmonization codebook (`datasets/cab/codebook.csv`) as typed values: per wave, how
/// to recognise a file, where country, dates, weight and design variables are, which variable
/// measures which target, which answer text is which category, and the caveats to carry.
///
/// The CSV is long (`section, wave, key, value, note`) so facts and their provenance notes sit
/// side by side: `section` ∈ wave | item | group | answer | caveat.
public struct CABCodebook: Sendable, Equatable {
    public struct Wave: Sendable, Equatable {
        public var number: Int
        /// Series wave label, e.g. `2018-autumn`.
        public var label: String
        public var season: String
        /// The recognition rule `column=value`: every row of a file of this wave has it.
        public var recognise: (column: String, value: String)
        public var countryVariable: String
        /// `[Year, Month, Day]` or `[MM9]`.
        public var dateVariables: [String]
        public var countries: [String]
        public var fieldworkStart: String
        public var fieldworkEnd: String
        public var mode: String
        public var modeNote: String
        public var weight: String
        /// Columns crossed to form strata (empty: none).
        public var strata: [String]
        /// PSU column, if any.
        public var cluster: String?
        /// PSU ids count only within their stratum (R `svydesign(nest = TRUE)`): the same id in two
        /// strata is two PSUs (wave 1 Kazakhstan, sampling point 108). Codebook key `nest`.
        public var nested: Bool
        /// How SEs are computed, e.g. `weighted SRS assumed`.
        public var variance: String
        /// Policy for a stratum with a single PSU (R `survey.lonely.psu`); `fail` when not given.
        public var lonelyPSU: String
        /// Flags every observation of this wave carries.
        public var flags: [String]
        /// Target → (variable, note); the note says whether the mapping is verified.
        public var items: [(target: String, variable: String, note: String)]
        /// Subgroup dimension (`gender`, `age`, …) → (variable, note), in codebook order; a note
        /// starting `inferred` marks a variable whose meaning rests on its values only.
        public var groups: [(name: String, variable: String, note: String)] = []

        public static func == (a: Wave, b: Wave) -> Bool {
            a.number == b.number && a.label == b.label && a.recognise == b.recognise
                && a.items.map(\.variable) == b.items.map(\.variable)
        }
    }

    public var waves: [Wave]
    /// Answer text (whitespace-normalised, lowercased) → category (`very-favorable`, …, `not-asked`).
    public var answers: [String: String]
    /// Categories in codebook order, `not-asked` excluded: the base categories.
    public var categories: [String]
    /// (wave, ISO2) → caveat flags.
    public var caveats: [String: [String]]

    /// The codebook compiled into the binary, read once per process (`overview` and `import cab`
    /// need it; the built-in catalog takes its waves' facts pre-split, `EmbeddedDatasets.cabWaveFacts`).
    public static func builtIn() throws(DataError) -> CABCodebook {
        if let error = builtInRead.error { throw error }
        guard let codebook = builtInRead.codebook else { throw DataError("built-in data have no cab/codebook.csv") }
        return codebook
    }

    /// The one reading of the built-in codebook: the codebook or why it failed (a pair, not a
    /// `Result`, whose copy would cost a protocol-conformance scan).
    private static let builtInRead: (codebook: CABCodebook?, error: DataError?) = {
        guard let text = EmbeddedDatasets.files["cab/codebook.csv"] else {
            return (nil, DataError("built-in data have no cab/codebook.csv"))
        }
        do throws(DataError) {
            return (try CABCodebook(csv: text, file: "datasets/cab/codebook.csv"), nil)
        } catch {
            return (nil, error)
        }
    }()

    /// Normalises an answer text for matching: whitespace runs (incl. U+00A0) → one space,
    /// trimmed, lowercased.
    public static func normalise(_ text: String) -> String {
        // One pass (what `split(whereSeparator: isWhitespace).joined(separator: " ")` gives):
        // the generic `joined` costs the process a protocol-conformance scan.
        var out = ""
        var space = false
        for c in text {
            if c.isWhitespace {
                space = !out.isEmpty
            } else {
                if space { out.append(" ") }
                space = false
                out.append(c)
            }
        }
        return out.lowercased()
    }

    public init(csv: String, file: String?) throws(DataError) {
        let records = try CSVRecords.parse(csv, file: file)
        guard let first = records.first else { throw DataError("empty codebook", file: file) }
        let header = try CSVHeader(first.fields, required: ["section", "wave", "key", "value", "note"], file: file)
        var waveFacts: [Int: [String: (String, String)]] = [:]
        var items: [Int: [(String, String, String)]] = [:]
        var groups: [Int: [(String, String, String)]] = [:]
        var answers: [String: String] = [:]
        var categories: [String] = []
        var caveats: [String: [String]] = [:]
        var order: [Int] = []
        for r in records.dropFirst() {
            let section = header.field("section", in: r), waveText = header.field("wave", in: r)
            let key = header.field("key", in: r), value = header.field("value", in: r), note = header.field("note", in: r)
            switch section {
            case "wave", "item", "group", "caveat":
                guard let w = Int(waveText) else { throw DataError("wave '\(waveText)' is not a number", file: file, line: r.line, column: "wave") }
                if section == "wave" {
                    if waveFacts[w] == nil { order.append(w) }
                    waveFacts[w, default: [:]][key] = (value, note)
                } else if section == "item" {
                    items[w, default: []].append((key, value, note))
                } else if section == "group" {
                    groups[w, default: []].append((key, value, note))
                } else {
                    caveats["\(w)/\(key)", default: []].append(value)
                }
            case "answer":
                answers[Self.normalise(key)] = value
                if value != "not-asked", !categories.contains(value) { categories.append(value) }
            default:
                throw DataError("unknown section '\(section)'; expected wave, item, group, answer or caveat", file: file, line: r.line, column: "section")
            }
        }
        var waves: [Wave] = []
        for w in order {
            let facts = waveFacts[w] ?? [:]
            func fact(_ k: String, required: Bool = true) throws(DataError) -> String {
                guard let v = facts[k]?.0, !(required && v.isEmpty) else {
                    throw DataError("wave \(w) has no '\(k)'", file: file)
                }
                return v
            }
            func list(_ s: String) -> [String] { s.split(separator: ";").map(String.init) }
            let rule = try fact("recognise").split(separator: "=", maxSplits: 1).map(String.init)
            guard rule.count == 2 else { throw DataError("wave \(w): recognise must be column=value", file: file) }
            let cluster = try fact("cluster", required: false)
            waves.append(Wave(
                number: w, label: try fact("label"), season: try fact("season"), recognise: (rule[0], rule[1]),
                countryVariable: try fact("country_variable"), dateVariables: list(try fact("date_variables")),
                countries: list(try fact("countries")), fieldworkStart: try fact("fieldwork_start"),
                fieldworkEnd: try fact("fieldwork_end"), mode: try fact("mode"), modeNote: facts["mode"]?.1 ?? "",
                weight: try fact("weight"), strata: list(try fact("strata", required: false)),
                cluster: cluster.isEmpty ? nil : cluster, nested: try Self.flag(facts["nest"]?.0, key: "nest", wave: w, file: file),
                variance: try fact("variance"),
                lonelyPSU: facts["lonely_psu"]?.0 ?? "fail",
                flags: list(try fact("flags", required: false)),
                items: (items[w] ?? []).map { (target: $0.0, variable: $0.1, note: $0.2) },
                groups: (groups[w] ?? []).map { (name: $0.0, variable: $0.1, note: $0.2) }))
        }
        self.waves = waves
        self.answers = answers
        self.categories = categories
        self.caveats = caveats
    }

    /// A yes/no codebook fact: `true` or `false`, absent = false.
    static func flag(_ value: String?, key: String, wave: Int, file: String?) throws(DataError) -> Bool {
        switch value {
        case nil, "", "false": return false
        case "true": return true
        case let v?: throw DataError("wave \(wave): \(key) must be true or false, not '\(v)'", file: file)
        }
    }

    /// Caveat flags for a country in a wave.
    public func caveats(wave: Int, country: String) -> [String] { caveats["\(wave)/\(country)"] ?? [] }
}
