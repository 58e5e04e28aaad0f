import SurveyData

/// One built-in dataset: a named set of series with its sources, read from a series CSV under
/// `datasets/` (embedded in the binary, see `EmbeddedDatasets`).
public struct BuiltInDataset: Sendable, Equatable {
    /// Name used with `--dataset` (`cab`, `gallup`, …).
    public var name: String
    /// One-line description.
    public var title: String
    /// Who produced the figures (e.g. "Central Asia Barometer microdata, doi:…").
    public var source: String
    /// Path under `datasets/` of its series file.
    public var file: String
    public var observations: [Observation]
    public var sources: [SourceReference]
    /// Path under `datasets/` of its subgroup file (catalog column `groups`), if any.
    public var groupsFile: String? = nil
    /// The subgroup file, read only when a subgroup is asked for (`groupObservations`), so
    /// commands on the totals (e.g. `overview`) never read it.
    var groupRows: GroupRows? = nil
    /// The CAB waves' mode and weight by wave label, when the dataset is CAB's (for the
    /// subgroup rows, as for the totals).
    var waveFacts: [String: SeriesCatalog.WaveFacts]? = nil

    /// The subgroup rows (domain estimates, `group` ≠ `all`), with the same wave facts and
    /// default intervals as the totals; they cite the totals' sources. Empty without a file.
    /// `dimensions` (compared case-insensitively) keeps only the rows of those subgroup
    /// dimensions; nil keeps all.
    public func groupObservations(dimensions: [String]? = nil) throws(DataError) -> [Observation] {
        let wanted = dimensions.map { Set($0.map { $0.lowercased() }) }
        return try groupObservations(RowFilter(group: { wanted?.contains($0.lowercased()) ?? true }))
    }

    /// The subgroup rows `selection` can select: those of the dimensions it names, of the
    /// countries and targets it admits (`admits`). It selects the same series from them as from
    /// all the rows, and an error it raises on them (an unknown value) lists only these rows'
    /// values — the caller then selects from all rows for the message (issue 17 item 4: `table
    /// --by age` for one country and target builds 2,052 rows without it, 228 with it).
    public func groupObservations(narrowedTo selection: SeriesSelection) throws(DataError) -> [Observation] {
        let wanted = Set(selection.groupDimensions.map { $0.lowercased() })
        return try groupObservations(RowFilter(group: { wanted.contains($0.lowercased()) },
                                               country: selection.admits(country:), target: selection.admits(target:)))
    }

    /// Which subgroup rows to build, by the texts of their `group`, `country` and `target` fields.
    struct RowFilter {
        var group: (String) -> Bool
        var country: (String) -> Bool = { _ in true }
        var target: (String) -> Bool = { _ in true }

        func keeps(_ o: Observation) -> Bool { group(o.group) && country(o.country) && target(o.target) }
    }

    private func groupObservations(_ filter: RowFilter) throws(DataError) -> [Observation] {
        guard let groupsFile, let groupRows else { return [] }
        let file = "datasets/\(groupsFile)"
        var rows: [Observation]
        switch groupRows {
        case .text(let text):
            rows = try SeriesFile.parse(text, file: file).observations
            rows.removeAll { !filter.keeps($0) }
        case .table(let table): rows = table.file(keeping: filter).observations
        }
        // The dataset's rows with their wave facts and default intervals, changed in place (the
        // parsed rows are this function's own, so nothing is copied).
        let cited = Set(sources.map(\.id))
        if rows.contains(where: { $0.dataset != name }) { rows.removeAll { $0.dataset != name } }
        var checked: String?
        for k in rows.indices {
            if rows[k].sourceID != checked {
                guard cited.contains(rows[k].sourceID) else {
                    throw DataError("cites source '\(rows[k].sourceID)', which the dataset's totals do not", file: file)
                }
                checked = rows[k].sourceID
            }
            if let waveFacts { SeriesCatalog.applyWaveFacts(&rows[k], waveFacts) }
            ShareInterval.fill(&rows[k])
        }
        return rows
    }

    /// Where the subgroup rows come from: a file's text, or its table pre-split at build time.
    enum GroupRows: Sendable, Equatable {
        case text(String)
        case table(EmbeddedSeriesTable)
    }
}

/// The built-in datasets, listed by `datasets/catalog.csv` (columns `name, file, title, source`,
/// and optionally `groups`: the dataset's subgroup file, read lazily).
/// A catalog file may hold several datasets; each dataset takes the rows whose `dataset` column
/// equals its name.
public struct SeriesCatalog: Sendable, Equatable {
    public let datasets: [BuiltInDataset]

    /// The manifest's path under `datasets/`.
    public static let manifestPath = "catalog.csv"

    /// Builds the catalog from `datasets/` file texts keyed by path relative to `datasets/`.
    public init(files: [String: String]) throws(DataError) {
        try self.init(files: files, tables: [:], waveFacts: nil, quotes: nil)
    }

    /// As `init(files:)`, with series and subgroup files pre-split (keyed like `files`; others
    /// are parsed from their text), the CAB waves' facts already known (nil: from the codebook in
    /// `files`) and the published sources' quotes (nil: from `published/sources.csv` in `files`).
    init(files: [String: String], tables: [String: EmbeddedSeriesTable], waveFacts givenFacts: [String: WaveFacts]?,
         quotes givenQuotes: [String: String]?) throws(DataError) {
        guard let manifest = files[Self.manifestPath] else {
            throw DataError("built-in data have no \(Self.manifestPath)")
        }
        let file = "datasets/\(Self.manifestPath)"
        let records = try CSVRecords.parse(manifest, file: file)
        guard let first = records.first else { throw DataError("empty manifest", file: file) }
        let header = try CSVHeader(first.fields, required: ["name", "file", "title", "source"], file: file)
        var parsed: [String: SeriesFile] = [:]
        var cabFacts = givenFacts
        var datasets: [BuiltInDataset] = []
        let quotes: [String: String]
        if let givenQuotes { quotes = givenQuotes } else { quotes = try Self.quotes(files[Self.publishedSourcesPath]) }
        // How many datasets read each file: the last to read one takes its rows over.
        var readers: [String: Int] = [:]
        for record in records.dropFirst() { readers[header.field("file", in: record), default: 0] += 1 }
        for record in records.dropFirst() {
            let path = header.field("file", in: record)
            if parsed[path] == nil, let table = tables[path] {
                parsed[path] = table.file
            } else if parsed[path] == nil {
                guard let text = files[path] else {
                    throw DataError("lists '\(path)', which is not among the built-in files", file: file, line: record.line)
                }
                parsed[path] = try SeriesFile.parse(text, file: "datasets/\(path)")
            }
            let name = header.field("name", in: record)
            if name == "cab", cabFacts == nil, let text = files[Self.cabCodebookPath] {
                cabFacts = Self.waveFacts(try CABCodebook(csv: text, file: "datasets/\(Self.cabCodebookPath)"))
            }
            // The dataset's rows with their wave facts and default intervals, changed in place: a
            // file no later dataset reads is taken over, not copied row by row (issue 17 item 4:
            // copies of the rows were a tenth of a `table` run's instructions).
            readers[path, default: 0] -= 1
            let sources = parsed[path]?.sources ?? []
            var rows: [Observation]
            if readers[path] == 0, let taken = parsed.removeValue(forKey: path) {
                rows = taken.observations
                if rows.contains(where: { $0.dataset != name }) { rows.removeAll { $0.dataset != name } }
            } else {
                rows = (parsed[path]?.observations ?? []).filter { $0.dataset == name }
            }
            let facts = name == "cab" ? cabFacts : nil
            var ids = Set<String>()
            var lastID: String?
            for k in rows.indices {
                if let facts { Self.applyWaveFacts(&rows[k], facts) }
                ShareInterval.fill(&rows[k])
                // Rows of one source come in runs: each run's id is hashed once.
                if rows[k].sourceID != lastID {
                    ids.insert(rows[k].sourceID)
                    lastID = rows[k].sourceID
                }
            }
            let groups = header.field("groups", in: record)
            var groupRows: BuiltInDataset.GroupRows?
            if let table = tables[groups] {
                groupRows = .table(table)
            } else if !groups.isEmpty {
                guard let text = files[groups] else {
                    throw DataError("lists groups file '\(groups)', which is not among the built-in files", file: file, line: record.line)
                }
                groupRows = .text(text)
            }
            datasets.append(BuiltInDataset(
                name: name, title: header.field("title", in: record), source: header.field("source", in: record),
                file: path, observations: rows,
                sources: sources.filter { ids.contains($0.id) }.map { s in
                    var s = s
                    s.quote = quotes[s.id]
                    return s
                },
                groupsFile: groups.isEmpty ? nil : groups, groupRows: groupRows,
                waveFacts: facts))
        }
        self.datasets = datasets
    }

    /// The published figures' sources under `datasets/`: each with the verbatim quote read.
    static let publishedSourcesPath = "published/sources.csv"

    /// Quote by source id from `published/sources.csv` (none without the file).
    static func quotes(_ text: String?) throws(DataError) -> [String: String] {
        guard let text else { return [:] }
        let file = "datasets/\(publishedSourcesPath)"
        let records = try CSVRecords.parse(text, file: file)
        guard let first = records.first else { return [:] }
        let header = try CSVHeader(first.fields, required: ["id", "quote"], file: file)
        var quotes: [String: String] = [:]
        for record in records.dropFirst() {
            let quote = header.field("quote", in: record)
            if !quote.isEmpty { quotes[header.field("id", in: record)] = quote }
        }
        return quotes
    }

    /// The CAB codebook's path under `datasets/`: it knows each wave's mode and weight.
    static let cabCodebookPath = "cab/codebook.csv"

    /// A wave's interview mode (normalised) and weight variable, from the CAB codebook, which
    /// observations of the wave take where their file leaves them empty (so comparability is
    /// data, not a lookup).
    struct WaveFacts: Sendable, Equatable {
        var mode: String?
        var weight: String?
    }

    /// Per wave label (the first wave with it), the codebook's interview mode (normalised) and
    /// weight variable; nil where the codebook leaves them empty.
    static func waveFacts(_ codebook: CABCodebook) -> [String: WaveFacts] {
        waveFacts(codebook.waves.map { (label: $0.label, mode: $0.mode, weight: $0.weight) })
    }

    /// The same from the codebook's (label, mode, weight) per wave, in its order.
    static func waveFacts(_ waves: [(label: String, mode: String, weight: String)]) -> [String: WaveFacts] {
        var facts: [String: WaveFacts] = [:]
        for w in waves where facts[w.label] == nil {
            facts[w.label] = WaveFacts(mode: w.mode.isEmpty ? nil : Observation.normaliseMode(w.mode),
                                       weight: w.weight.isEmpty ? nil : w.weight)
        }
        return facts
    }

    /// Gives `o` the mode and weight of its wave where it has none, in place.
    static func applyWaveFacts(_ o: inout Observation, _ facts: [String: WaveFacts]) {
        guard let f = facts[o.wave] else { return }
        if o.mode == nil, let mode = f.mode { o.mode = mode }
        if o.weight == nil, let weight = f.weight { o.weight = weight }
    }

    /// The catalog of the data compiled into this binary: its series and subgroup files, the CAB
    /// waves' facts and the sources' quotes come pre-split (`scripts/embed-datasets`), so no CSV text
    /// is parsed and the codebook is not read (issue 17 item 4).
    public static func builtIn() throws(DataError) -> SeriesCatalog {
        try SeriesCatalog(
            files: EmbeddedDatasets.files, tables: EmbeddedSeriesTable.all,
            waveFacts: waveFacts(EmbeddedDatasets.cabWaveFacts), quotes: EmbeddedDatasets.publishedQuotes)
    }

    /// Names of the datasets, in manifest order.
    public var names: [String] { datasets.map(\.name) }

    /// The dataset with this name (case-insensitive); the error lists the valid names.
    public func dataset(named name: String) throws(SelectionError) -> BuiltInDataset {
        if let d = datasets.first(where: { $0.name.lowercased() == name.lowercased() }) { return d }
        throw SelectionError("unknown dataset '\(name)'; built-in datasets are: \(names.joined(separator: ", "))")
    }
}
