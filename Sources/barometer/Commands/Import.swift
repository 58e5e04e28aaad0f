import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import Survey

extension Barometer {
    /// `barometer import`: microdata → harmonized series.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            _superCommandName: Barometer.commandName,
            abstract: "Import survey microdata into a harmonized series CSV.",
            discussion: "Example:\n  barometer import cab examples/synthetic-cab-w8.xlsx \\\n    --dataset SYNTHETIC --out kz.csv",
            subcommands: [CAB.self])
    }
}

extension Barometer.Import {
    /// `barometer import cab FILES... --out SERIES.csv`: CAB favorability toward China, Russia and
    /// the US, per file (wave × country), with design-based SEs (see `CABImporter`).
    struct CAB: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cab",
            abstract: "CAB respondent-level files → favorability series with design-based SEs.",
            discussion: """
                Wave and country are recognised from the file contents (datasets/cab/codebook.csv), \
                not the file name. Every row cites CAB with the data DOI and the file it came from.
                Example (SYNTHETIC file in CAB layout; real CAB files the same way, without --dataset):
                  barometer import cab examples/synthetic-cab-w8.xlsx \\
                    --dataset SYNTHETIC --out s.csv
                """)

        @Argument(help: "CAB files (.xlsx, .sav, .dta, or CSV such as wave 1's R re-export; format detected by content, not extension).")
        var files: [String]

        @Option(name: .long, help: "Series CSV to write (atomically).")
        var out: String

        @Option(name: .long, help: "Dataset name written on every row, e.g. to keep synthetic or re-weighted series apart; a name with 'synthetic' in it also replaces the CAB citation (see --citation).")
        var dataset: String = "cab"

        @Option(name: .long, help: "Citation replacing the CAB citation on every row (for files in CAB layout that are not CAB's, e.g. SYNTHETIC ones).")
        var citation: String?

        @Option(name: .long, help: "Also estimate subgroups (domains of the full design): gender,age,urban-rural,region,language or all; comma list.")
        var groups: [String] = []

        @Option(name: .long, help: "Write the subgroup rows to this file instead of --out, without citation columns (they cite --out's source ids).")
        var groupsOut: String?

        func validate() throws {
            if files.isEmpty { throw ValidationError("give at least one CAB file") }
            if dataset.isEmpty || dataset.contains(",") { throw ValidationError("--dataset must be a non-empty name without commas") }
            if groupsOut != nil && groupNames == nil { throw ValidationError("--groups-out needs --groups") }
            if let groupsOut, groupsOut == out || InputGuard.sameFile(groupsOut, out) {
                throw ValidationError("--groups-out must differ from --out")
            }
            let inputs = files.map { (flag: "input", path: $0) }
            try InputGuard.refuseOverwriting(out, inputs: inputs, command: "import")
            if let groupsOut { try InputGuard.refuseOverwriting(groupsOut, flag: "--groups-out", inputs: inputs, command: "import") }
        }

        /// The requested group names; nil = none, `all` = every group of each wave (empty list).
        var groupNames: [String]? {
            let names = SeriesSelectors.split(groups)
            if names.isEmpty { return nil }
            return names.contains("all") ? [] : names
        }

        /// The citation written: `--citation`, or for a dataset named as synthetic one that says so —
        /// a SYNTHETIC file in CAB layout was cited as CAB wave 8 with CAB's DOI (a sweep), so a
        /// report drawn from it showed synthetic figures as Central Asia Barometer's.
        var effectiveCitation: String? {
            if let citation { return citation }
            guard dataset.lowercased().contains("synthetic") else { return nil }
            return "\(dataset): SYNTHETIC data in CAB layout, not Central Asia Barometer data."
        }

        func run() throws {
            var result = try Self.importFiles(files, dataset: dataset, citation: effectiveCitation, groups: groupNames)
            var groupRows: [Observation] = []
            if groupsOut != nil {
                groupRows = result.observations.filter(\.key.isGroup)
                result.observations.removeAll(where: \.key.isGroup)
            }
            try result.write(to: out)
            let countries = Set(result.observations.map(\.country)).sorted().joined(separator: ",")
            Console.write("wrote \(result.observations.count) rows from \(files.count) file(s) (\(countries)) to \(out)\n")
            if let groupsOut {
                try SeriesFile(observations: groupRows, sources: result.sources).write(to: groupsOut, citations: false)
                Console.write("wrote \(groupRows.count) subgroup rows to \(groupsOut)\n")
            }
        }

        /// Reads, recognises and estimates every file; rows in file order, then target, measure.
        /// `dataset` renames the rows' dataset; `citation` replaces the CAB citation (and DOI URL) of
        /// every file — for data in CAB's layout that are not CAB's, which must not be cited as CAB.
        /// `groups`: subgroup rows for these group names after each file's totals (empty = every
        /// group of the wave; nil = none).
        static func importFiles(_ files: [String], dataset: String = "cab", citation: String? = nil,
                                groups: [String]? = nil) throws -> SeriesFile {
            let codebook = try CABCodebook.builtIn()
            let importer = CABImporter(codebook: codebook)
            var observations: [Observation] = []
            var sources: [SourceReference] = []
            var seen: [String: String] = [:]
            for path in files {
                let table = try readTable(path)
                let file = try CABFile(table: table, path: path, codebook: codebook)
                var source = CABImporter.source(for: file)
                if let citation {
                    source = SourceReference(id: "\(dataset)-w\(file.wave.number)-\(file.country)",
                                             citation: "\(citation) File: \(file.fileName).", url: nil)
                }
                if let other = seen[source.id] {
                    throw DataError("wave \(file.wave.number) \(file.country) was already imported from \(other)", file: path)
                }
                seen[source.id] = path
                var rows = try importer.observations(for: file)
                if let groups { rows += try importer.groupObservations(for: file, names: groups.isEmpty ? nil : groups) }
                observations += rows.map { o in
                    var o = o
                    o.dataset = dataset
                    o.sourceID = source.id
                    return o
                }
                sources.append(source)
            }
            return SeriesFile(observations: observations, sources: sources)
        }

        /// Reads a respondent-level file (.xlsx, .sav, .dta or CSV), detecting the format by content.
        static func readTable(_ path: String) throws -> Table {
            try TableReader.read(path: path)
        }
    }
}
