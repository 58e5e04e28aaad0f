import ArgumentParser
import Foundation
import Survey

extension Barometer {
    /// `barometer import`: microdata → harmonized series.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import survey microdata into a harmonized series CSV.",
            discussion: "Example: barometer import cab CAB_2018_KZ.xlsx CAB_2020_KZ.xlsx --out kz.csv",
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
                Wave and country are recognised from the file contents (datasets/cab/codebook.csv),
                not the file name. Every row cites CAB with the data DOI and the file it came from.
                Example: barometer import cab ../shared/data/cab-microdata/*.xlsx --out cab.csv
                """)

        @Argument(help: "CAB files (.xlsx, .sav, .dta; format detected by content, not extension).")
        var files: [String]

        @Option(name: .long, help: "Series CSV to write (atomically).")
        var out: String

        func validate() throws {
            if files.isEmpty { throw ValidationError("give at least one CAB file") }
        }

        func run() throws {
            let result = try Self.importFiles(files)
            try result.write(to: out)
            let countries = Set(result.observations.map(\.country)).sorted().joined(separator: ",")
            Console.write("wrote \(result.observations.count) rows from \(files.count) file(s) (\(countries)) to \(out)\n")
        }

        /// Reads, recognises and estimates every file; rows in file order, then target, measure.
        static func importFiles(_ files: [String]) throws -> SeriesFile {
            let codebook = try CABCodebook.builtIn()
            let importer = CABImporter(codebook: codebook)
            var observations: [Observation] = []
            var sources: [SourceReference] = []
            var seen: [String: String] = [:]
            for path in files {
                let table = try readTable(path)
                let file = try CABFile(table: table, path: path, codebook: codebook)
                let source = CABImporter.source(for: file)
                if let other = seen[source.id] {
                    throw DataError("wave \(file.wave.number) \(file.country) was already imported from \(other)", file: path)
                }
                seen[source.id] = path
                observations += try importer.observations(for: file)
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
