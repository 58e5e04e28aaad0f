import SurveyText
import ArgumentParser
import Survey

extension Barometer {
    /// `barometer table [selectors]`: rows = waves, columns = the series selected (targets,
    /// countries or measures), cells = percent with 95% CI, n, flags and sources as notes.
    struct TableCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "table",
            _superCommandName: Barometer.commandName,
            abstract: "Tabulate series: rows = waves, columns = targets or countries, cells = estimate with 95% CI.",
            discussion: """
                Without --measure the headline measure is shown (favorable; approve for Gallup).
                Example: barometer table --country KZ --target Russia
                         barometer table --dataset cab --country KZ,UZ --target China --measure net --format json
                """)

        @OptionGroup var selectors: SeriesSelectors
        @OptionGroup var output: OutputOptions
        @OptionGroup var sourcesOption: SourcesOption
        @OptionGroup var titled: TitleOption

        @Option(name: .long, help: "Most decimals of the percentages (text, Markdown, LaTeX); a published series keeps its source's precision.")
        var digits: Int = 1

        func validate() throws {
            try FlagRange.check("--digits", digits, 0...4)
        }

        func run() throws {
            var selected = try selectors.resolve(defaultMeasures: ["favorable", "approve"], includeNotAsked: true)
            // Measure columns in the order the user listed them (e.g. very-favorable first), not
            // alphabetically; the sort is stable, so everything else keeps its order.
            let requested = SeriesSelectors.split(selectors.measure).map(Self.measureKey)
            if requested.count > 1 {
                let rank = { (s: Series) in requested.firstIndex(of: Self.measureKey(s.key.measure)) ?? Int.max }
                selected.series = selected.series.enumerated()
                    .sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }
                    .map(\.element)
            }
            guard !selected.series.isEmpty else { throw DataError("the selection holds no series") }
            if output.format == .json {
                Console.write(SeriesJSON.render(selected.observations, sources: selected.sources))
            } else if output.format == .csv {
                // Tidy: one row per figure with every identifying column (docs/csv-columns.md).
                Console.write(output.render(SeriesTidy.model(selected.observations, sources: selected.sources)))
            } else {
                Console.write(output.render(titled.apply(
                    SeriesTable.model(selected, digits: digits, sources: sourcesOption.sources))))
            }
        }

        /// A measure name compared loosely: case, spaces/underscores vs hyphens, apostrophes.
        static func measureKey(_ m: String) -> String {
            m.lowercased().replacingEvery("'", with: "")
                .map { $0 == " " || $0 == "_" ? "-" : $0 }.map(String.init).joined()
        }
    }
}
