/// One published or estimated figure of a series: a share (0-1) for one country, target, item,
/// wave and measure, with its uncertainty and where it came from.
///
/// Shares are proportions in [0, 1]; `net` (favorable − unfavorable) lies in [-1, 1].
public struct Observation: Sendable, Equatable, Hashable, Codable {
    /// Dataset name: `cab`, `published`, or the name of an imported series file.
    public var dataset: String
    /// ISO 3166 alpha-2 country code (`KZ`, `KG`, `TJ`, `TM`, `UZ`).
    public var country: String
    /// Whose image is measured: `China`, `Russia`, `United States`.
    public var target: String
    /// The survey item, e.g. `favorability`, `leadership-approval`.
    public var item: String
    /// Wave label, e.g. `2018-autumn` or `2014`.
    public var wave: String
    /// Reference date of the wave (fieldwork midpoint where known), ISO `YYYY-MM-DD`.
    public var date: String
    /// `favorable`, `unfavorable`, `net`, `dont-know`, or a raw answer category.
    public var measure: String
    /// The share (0-1) or net share (-1..1).
    public var estimate: Double
    /// Standard error of `estimate`, when known.
    public var se: Double?
    /// Lower end of the 95% interval, when known.
    public var ciLower: Double?
    /// Upper end of the 95% interval, when known.
    public var ciUpper: Double?
    /// Unweighted number of respondents in the base, when known.
    public var n: Int?
    /// Design effect used for `se`, when known (1 = simple random sampling assumed).
    public var deff: Double?
    /// Caveats that every table and chart built on this row must show (e.g. `mode-break`,
    /// `unverified-item-mapping`, `srs-assumed`, `conflict`).
    public var flags: [String]
    /// Key into the dataset's sources (citation, URL, quote).
    public var sourceID: String
    /// Interview mode (`face-to-face`, `telephone`), when known: waves of different modes are not
    /// comparable without a caveat (`Comparability`).
    public var mode: String?
    /// The weight variable the figure was computed with (e.g. `totwt`, `FinalWgt1`), when known.
    public var weight: String?
    /// The subgroup dimension (`gender`, `age`, `urban-rural`, `region`, `language`), or `all` for
    /// the whole sample: a subgroup figure is a domain estimate of the full design.
    public var group: String
    /// The subgroup's level (e.g. `18-29`), `all` for the whole sample; for a row flagged
    /// `group-difference`, `LEVEL−REFERENCE` (the difference of two domains of one design).
    public var groupLevel: String

    public init(
        dataset: String, country: String, target: String, item: String, wave: String, date: String,
        measure: String, estimate: Double, se: Double? = nil, ciLower: Double? = nil,
        ciUpper: Double? = nil, n: Int? = nil, deff: Double? = nil, flags: [String] = [],
        sourceID: String, mode: String? = nil, weight: String? = nil, group: String = "all", groupLevel: String = "all"
    ) {
        self.dataset = dataset
        self.country = country
        self.target = target
        self.item = item
        self.wave = wave
        self.date = date
        self.measure = measure
        self.estimate = estimate
        self.se = se
        self.ciLower = ciLower
        self.ciUpper = ciUpper
        self.n = n
        self.deff = deff
        self.flags = flags
        self.sourceID = sourceID
        self.mode = mode.map(Self.normaliseMode)
        self.weight = weight
        self.group = group
        self.groupLevel = groupLevel
    }

    /// Whether the row has no figure: not asked (`not-asked`) or a subgroup cell too small to
    /// show (`suppressed`); its estimate is NaN and it is never charted or fitted.
    public var hasNoEstimate: Bool { flags.contains("not-asked") || flags.contains("suppressed") }

    /// `face to face` → `face-to-face`; other spellings lowercased with spaces as hyphens.
    public static func normaliseMode(_ text: String) -> String {
        // Lowercase ASCII letters, digits and single inner hyphens (every built-in mode): already
        // normal, returned as is (the built-in data are read on every interactive command).
        var previous: UInt8 = 0x2D
        if text.utf8.allSatisfy({ b in
            defer { previous = b }
            return (0x61...0x7A).contains(b) || (0x30...0x39).contains(b) || (b == 0x2D && previous != 0x2D)
        }), previous != 0x2D {
            return text
        }
        let lower = text.lowercased()
        // All-ASCII text (every mode the data name) splits on bytes: each ASCII scalar is then a
        // Character of its own, so this is the Character split below, without grapheme breaking.
        if lower.utf8.allSatisfy({ $0 < 0x80 }) {
            // Already normal (no space or underscore, no empty part): the split and join return it.
            let u = Array(lower.utf8)
            if !u.contains(0x20), !u.contains(0x5F), u.first != 0x2D, u.last != 0x2D,
               !zip(u, u.dropFirst()).contains(where: { $0 == 0x2D && $1 == 0x2D }) {
                return lower
            }
            return lower.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x2D || $0 == 0x5F })
                .map { String(decoding: $0, as: UTF8.self) }.joined(separator: "-")
        }
        return lower.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" }).joined(separator: "-")
    }

    /// The series this observation belongs to.
    public var key: SeriesKey {
        SeriesKey(dataset: dataset, country: country, target: target, item: item, measure: measure,
                  group: group, groupLevel: groupLevel)
    }

    /// Whether it is a subgroup's row (`key.isGroup`, without building the key).
    public var isGroup: Bool { group != "all" }

    /// Whether `other` belongs to the same series (`key == other.key`, field by field, without
    /// building the keys: grouping asks it of every row).
    func inSameSeries(as other: Observation) -> Bool {
        country == other.country && target == other.target && measure == other.measure && item == other.item
            && dataset == other.dataset && group == other.group && groupLevel == other.groupLevel
    }
}

/// Identifies one series: everything but the wave.
public struct SeriesKey: Sendable, Hashable, Codable, Comparable {
    public var dataset: String
    public var country: String
    public var target: String
    public var item: String
    public var measure: String
    /// Subgroup dimension and level (`all`, `all` for the whole sample).
    public var group: String
    public var groupLevel: String

    public init(dataset: String, country: String, target: String, item: String, measure: String,
                group: String = "all", groupLevel: String = "all") {
        self.dataset = dataset
        self.country = country
        self.target = target
        self.item = item
        self.measure = measure
        self.group = group
        self.groupLevel = groupLevel
    }

    /// Field by field: dataset, country, target, item, measure, group, group level.
    public static func < (a: SeriesKey, b: SeriesKey) -> Bool {
        if a.dataset != b.dataset { return a.dataset < b.dataset }
        if a.country != b.country { return a.country < b.country }
        if a.target != b.target { return a.target < b.target }
        if a.item != b.item { return a.item < b.item }
        if a.measure != b.measure { return a.measure < b.measure }
        if a.group != b.group { return a.group < b.group }
        return a.groupLevel < b.groupLevel
    }

    /// Whether the key is a subgroup's (not the whole sample).
    public var isGroup: Bool { group != "all" }

    /// A short label such as `KZ · Russia · favorable` (`… · age 18-29` for a subgroup).
    public var label: String {
        "\(country) · \(target) · \(measure)" + (isGroup ? " · \(group) \(groupLevel)" : "")
    }
}
