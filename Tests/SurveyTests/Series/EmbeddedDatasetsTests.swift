import Foundation
import Testing
import Survey
@testable import SurveySeries

/// DESIGN.md §6: the binary carries `datasets/`; this proves the embedded copy is current.
@Suite struct EmbeddedDatasetsTests {
    @Test func embeddedCopyEqualsDatasetsFolder() throws {
        let root = SharedData.packageRoot.appendingPathComponent("datasets")
        var onDisk: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            onDisk[relative] = try String(contentsOf: url, encoding: .utf8)
        }
        #expect(!onDisk.isEmpty)
        #expect(Set(onDisk.keys) == Set(EmbeddedDatasets.files.keys), "re-run scripts/embed-datasets")
        for (path, text) in onDisk {
            #expect(EmbeddedDatasets.files[path] == text, "datasets/\(path) differs from the embedded copy; re-run scripts/embed-datasets")
        }
    }

    /// The pre-split tables (`CSeriesTables`: the series files and the subgroup file)
    /// hold exactly what `SeriesFile.parse`, with its range checks, reads from the same files'
    /// text: every observation field for field, every number to the bit (the tables store
    /// k = value × 10⁶ and divide; `parse` calls strtod), a missing estimate NaN in both, every
    /// source, in order.
    @Test func preSplitTablesEqualParsedText() throws {
        let manifest = try CSVRecords.parse(try #require(EmbeddedDatasets.files[SeriesCatalog.manifestPath]))
        let header = try CSVHeader(manifest[0].fields, required: ["file", "groups"], file: nil)
        let listed = Set(manifest.dropFirst().flatMap { [header.field("file", in: $0), header.field("groups", in: $0)] })
            .subtracting([""])
        #expect(listed.contains("cab/groups.csv"))
        #expect(Set(EmbeddedSeriesTable.all.keys) == listed, "re-run scripts/embed-datasets")
        for (path, table) in EmbeddedSeriesTable.all {
            let text = try #require(EmbeddedDatasets.files[path])
            let parsed = try SeriesFile.parse(text, file: "datasets/\(path)")
            let split = table.file
            #expect(split.sources == parsed.sources, "\(path): sources differ; re-run scripts/embed-datasets")
            #expect(split.observations.count == parsed.observations.count, "\(path)")
            for (a, b) in zip(split.observations, parsed.observations) {
                #expect(Self.nanAsInfinity(a) == Self.nanAsInfinity(b), "\(path): \(b.key.label) \(b.wave)")
                #expect(a.estimate.isNaN == b.estimate.isNaN)
            }
        }
    }

    /// The pre-split CAB wave facts (`EmbeddedDatasets.cabWaveFacts`) are the codebook's: one
    /// entry per codebook wave, in its order, giving the facts `CABCodebook` reads from the text;
    /// by hand from `datasets/cab/codebook.csv`: 2017 face to face with `totwt`, 2020 by
    /// telephone with `FinalWgt1`.
    @Test func preSplitWaveFactsEqualCodebook() throws {
        let codebook = try CABCodebook(csv: try #require(EmbeddedDatasets.files[SeriesCatalog.cabCodebookPath]), file: nil)
        #expect(EmbeddedDatasets.cabWaveFacts.map(\.label) == codebook.waves.map(\.label), "re-run scripts/embed-datasets")
        let facts = SeriesCatalog.waveFacts(EmbeddedDatasets.cabWaveFacts)
        #expect(facts == SeriesCatalog.waveFacts(codebook), "re-run scripts/embed-datasets")
        #expect(facts["2017-summer"] == SeriesCatalog.WaveFacts(mode: "face-to-face", weight: "totwt"))
        #expect(facts["2020-autumn"] == SeriesCatalog.WaveFacts(mode: "telephone", weight: "FinalWgt1"))
    }

    /// The pre-split quotes equal those read from `published/sources.csv`'s text; by hand, the
    /// first source's quote begins with its first figure.
    @Test func preSplitQuotesEqualParsedText() throws {
        let text = try #require(EmbeddedDatasets.files[SeriesCatalog.publishedSourcesPath])
        #expect(EmbeddedDatasets.publishedQuotes == (try SeriesCatalog.quotes(text)), "re-run scripts/embed-datasets")
        #expect(EmbeddedDatasets.publishedQuotes["ca-barometer-1"]?.hasPrefix("51,6% of Kazakhstanis") == true)
    }

    /// The catalog built from the pre-split tables equals the one built from the files' text.
    @Test func builtInCatalogEqualsCatalogFromText() throws {
        let fromText = try SeriesCatalog(files: EmbeddedDatasets.files)
        let builtIn = try SeriesCatalog.builtIn()
        #expect(builtIn.names == fromText.names)
        for (a, b) in zip(builtIn.datasets, fromText.datasets) {
            #expect(a.observations.map(Self.nanAsInfinity) == b.observations.map(Self.nanAsInfinity), "\(a.name)")
            #expect(a.sources == b.sources && a.title == b.title && a.source == b.source && a.groupsFile == b.groupsFile)
            #expect(try a.groupObservations().map(Self.nanAsInfinity) == b.groupObservations().map(Self.nanAsInfinity))
        }
    }

    /// A subgroup command builds only the rows of the dimensions it names: from the pre-split
    /// table and from the file's text alike, exactly the rows whose `group` matches a name
    /// case-insensitively, in file order. The count is the file's own: the lines of
    /// `datasets/cab/groups.csv` whose 18th field is `age` (no field before it holds a comma).
    @Test func subgroupRowsOfNamedDimensions() throws {
        let text = try #require(EmbeddedDatasets.files["cab/groups.csv"])
        let ageLines = text.split(separator: "\n").filter { $0.split(separator: ",", omittingEmptySubsequences: false).dropFirst(17).first == "age" }
        let builtIn = try SeriesCatalog.builtIn().dataset(named: "cab")
        let fromText = try SeriesCatalog(files: EmbeddedDatasets.files).dataset(named: "cab")
        let all = try builtIn.groupObservations().map(Self.nanAsInfinity)
        for dataset in [builtIn, fromText] {
            let age = try dataset.groupObservations(dimensions: ["AGE"]).map(Self.nanAsInfinity)
            #expect(age.count == ageLines.count && !age.isEmpty)
            #expect(age == all.filter { $0.group == "age" })
            let two = try dataset.groupObservations(dimensions: ["age", "Gender"]).map(Self.nanAsInfinity)
            #expect(two == all.filter { $0.group == "age" || $0.group == "gender" })
            #expect(try dataset.groupObservations(dimensions: ["shoe-size"]).isEmpty)
        }
    }

    /// Narrowed to a selection, the subgroup rows are those of its dimensions, countries and
    /// targets as typed (a name, a code in any case, a target's other spelling), by hand: the
    /// full rows filtered on the stored codes and names. Without countries or targets, all pass.
    /// Kazakhstan's age rows on China are the file's lines with those fields (228 of 9,396).
    @Test func subgroupRowsNarrowedToASelection() throws {
        let text = try #require(EmbeddedDatasets.files["cab/groups.csv"])
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let kzChinaAgeLines = lines.filter { $0.count > 17 && $0[1] == "KZ" && $0[2] == "China" && $0[17] == "age" }
        let builtIn = try SeriesCatalog.builtIn().dataset(named: "cab")
        let fromText = try SeriesCatalog(files: EmbeddedDatasets.files).dataset(named: "cab")
        let all = try builtIn.groupObservations().map(Self.nanAsInfinity)
        let kzChinaAge = all.filter { $0.group == "age" && $0.country == "KZ" && $0.target == "China" }
        let twoCountries = all.filter { $0.group == "gender" && ($0.country == "KZ" || $0.country == "UZ") && $0.target == "United States" }
        for dataset in [builtIn, fromText] {
            func narrowed(_ selection: SeriesSelection) throws -> [Observation] {
                try dataset.groupObservations(narrowedTo: selection).map(Self.nanAsInfinity)
            }
            #expect(kzChinaAge.count == kzChinaAgeLines.count && kzChinaAgeLines.count == 228 && !twoCountries.isEmpty)
            #expect(all.count == lines.count - 1 && all.count == 9_396)   // less the header
            #expect(try narrowed(SeriesSelection(countries: ["Kazakhstan"], targets: ["china"], by: ["AGE"])) == kzChinaAge)
            #expect(try narrowed(SeriesSelection(countries: ["kz", "UZ"], targets: ["USA"], groups: ["Gender=Female"])) == twoCountries)
            #expect(try narrowed(SeriesSelection(by: ["age"])) == all.filter { $0.group == "age" })
            #expect(try narrowed(SeriesSelection(countries: ["Atlantis"], by: ["age"])).isEmpty)
        }
    }

    /// NaN ≠ NaN, so not-asked rows compare with their NaN estimate replaced by +∞ (no real
    /// share is infinite).
    static func nanAsInfinity(_ o: Observation) -> Observation {
        var o = o
        if o.estimate.isNaN { o.estimate = .infinity }
        return o
    }

    @Test func catalogParses() throws {
        let catalog = try SeriesCatalog.builtIn()
        for d in catalog.datasets {
            #expect(!d.observations.isEmpty, "dataset \(d.name) has no rows")
            _ = try Series.group(d.observations)
        }
    }
}
