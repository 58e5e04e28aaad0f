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
            Console.write(output.render(catalog.listing()))
        }
    }
}
