import ArgumentParser
import Survey

extension Barometer {
    /// `barometer datasets`: the built-in datasets with their source and coverage.
    struct Datasets: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "datasets",
            _superCommandName: Barometer.commandName,
            abstract: "List the built-in datasets: name, source, countries, targets, waves, rows.",
            discussion: """
                The data are compiled into the binary (no files needed).
                Example: barometer datasets
                         barometer table --dataset cab --country KZ --target Russia
                """)

        @OptionGroup var output: OutputOptions

        func run() throws {
            let catalog = try SeriesCatalog.builtIn()
            Console.write(output.render(Self.model(catalog)))
        }

        static func model(_ catalog: SeriesCatalog) -> TableModel {
            let rows: [[TableModel.Cell]] = catalog.datasets.map { d in
                let obs = d.observations
                let waves = Set(obs.map(\.wave))
                let firstWave = obs.min { ($0.date, $0.wave) < ($1.date, $1.wave) }?.wave ?? ""
                let lastWave = obs.max { ($0.date, $0.wave) < ($1.date, $1.wave) }?.wave ?? ""
                return [
                    .text(d.name), .text(d.source),
                    .text(Set(obs.map(\.country)).sorted().joined(separator: ",")),
                    .text(Set(obs.map(\.target)).sorted().map { $0 == "United States" ? "US" : $0 }.joined(separator: ",")),
                    .text(waves.count <= 1 ? firstWave : "\(firstWave)…\(lastWave) (\(waves.count))"),
                    .integer(obs.count), .text(firstWave), .text(lastWave), .integer(waves.count), .text(d.title),
                ]
            }
            return TableModel(
                title: "Built-in datasets",
                columns: [
                    .init("Name"), .init("Source"), .init("Countries"), .init("Targets"),
                    .init("Waves"), .init("Rows", .integer),
                    // CSV: the wave span as data, and the description the notes give in text.
                    .init("first_wave", key: "first_wave", csvOnly: true), .init("last_wave", key: "last_wave", csvOnly: true),
                    .init("wave_count", .integer, key: "wave_count", csvOnly: true),
                    .init("description", key: "description", csvOnly: true),
                ],
                rows: rows,
                footnotes: catalog.datasets.map { "\($0.name): \($0.title)." } + ["Published figures with their sources and verbatim quotes: datasets/published/ (figures.csv, sources.csv)."],
                sourceNote: "barometer built-in data (datasets/ in the source tree)")
        }
    }
}
