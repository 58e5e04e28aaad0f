import SurveyText
import ArgumentParser
import Survey

extension Barometer {
    /// `barometer overview`: the main job — how Central Asians see China, Russia and the US.
    struct Overview: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "overview",
            _superCommandName: Barometer.commandName,
            abstract: "The main job: favorability toward China, Russia and the US per country and wave.",
            discussion: """
                Per country: favorable / unfavorable / don't know in CAB waves 4, 8, 12 (autumn 2018, \
                2020, 2022; Kazakhstan also wave 1, summer 2017) with 95% CIs and a sparkline, the \
                2020 mode break marked; then the published Gallup leadership-approval figures; flags \
                and sources as notes. Fits the width (--width; default: $COLUMNS on a terminal, else \
                80): a block wider than that splits into column blocks that repeat the row labels.
                Example: barometer overview
                         barometer overview --country KZ,UZ --format json
                """)

        @Option(name: .long, help: "Countries (ISO2 or English name; comma list); default: all.")
        var country: [String] = []

        @OptionGroup var output: OutputOptions
        @OptionGroup var sourcesOption: SourcesOption

        func run() throws {
            let catalog = try SeriesCatalog.builtIn()
            let codebook = try CABCodebook.builtIn()
            let cab = try catalog.dataset(named: "cab")
            let gallup = try catalog.dataset(named: "gallup")
            let wanted = SeriesSelectors.split(country)
            let selection = SeriesSelection(countries: wanted, measures: ["favorable", "unfavorable", "dont-know"])
            let cabSelected = try selection.apply(to: cab.observations, sources: cab.sources)
            // Gallup covers the same five countries; an explicit country Gallup lacks just has no block.
            let gallupCountries = wanted.compactMap { Countries.code(for: $0) }
                .filter { c in gallup.observations.contains { $0.country == c } }
            let gallupSelected = !wanted.isEmpty && gallupCountries.isEmpty
                ? SelectedSeries(series: [], sources: [])
                : try SeriesSelection(countries: gallupCountries, measures: ["approve"])
                    .apply(to: gallup.observations, sources: gallup.sources)

            if output.format == .json {
                Console.write(SeriesJSON.render(
                    cabSelected.observations + gallupSelected.observations,
                    sources: cabSelected.sources + gallupSelected.sources))
                return
            }
            if output.format == .csv {
                // Tidy: one header, one row per (dataset, country, target, measure, wave).
                Console.write(output.render(SeriesTidy.model(
                    cabSelected.observations + gallupSelected.observations,
                    sources: cabSelected.sources + gallupSelected.sources)))
                return
            }
            // Prose lines are escaped for the format (a bare % in LaTeX dropped the rest of the line).
            var text = output.prose("How Central Asians see China, Russia and the US") + "\n"
            text += output.prose("Central Asia Barometer (CAB), weighted % of respondents, 95% CI") + "\n\n"
            // The selected rows once: `observations` gathers them from every series on each call.
            let cabRows = cabSelected.observations
            let countries = Array(Set(cabRows.map(\.country))).sorted()
            // Every block keeps the series' decimals (`SeriesPrecision`, as `table` prints them);
            // a block wider than the width splits into column blocks (`TableFormat.text`).
            let digits = SeriesPrecision.decimals(cabRows, requested: 1)
            let blocks = countries.map { c in
                block(country: c, observations: cabRows, sources: cabSelected.sources,
                      codebook: codebook, digits: digits)
            }
            for b in blocks { text += b + "\n" }
            let asked = cabRows.filter { !$0.flags.contains("not-asked") }
            if !asked.isEmpty {
                for note in Survey.Overview.cabNotes(asked) {
                    // LaTeX tables leave the sparkline column out: no gap to speak of there.
                    let shown = output.format == .latex ? note.replacingEvery(" The sparkline, where shown, leaves a gap there.", with: "") : note
                    // Markdown and LaTeX join consecutive lines into one paragraph: a blank line keeps
                    // each note its own (a sweep found them run together).
                    text += output.prose("Note: \(shown)") + ([.markdown, .latex].contains(output.format) ? "\n\n" : "\n")
                }
            }
            if !gallupSelected.series.isEmpty {
                text += "\n" + output.render(Survey.Overview.gallupTable(
                    observations: gallupSelected.observations, sources: gallupSelected.sources))
            }
            Console.write(Self.wrapProse(text, output: output))
        }

        /// Prose lines (notes, sentences) wrapped to the width; table lines are left alone (the
        /// renderer already fitted them).
        static func wrapProse(_ text: String, output: OutputOptions) -> String {
            ByteSplit.lines(text, omittingEmptySubsequences: false).map { line -> String in
                let isTable = line.first.map { "┌│├└+|".contains($0) } ?? false
                return isTable ? String(line) : output.wrapped(String(line))
            }.joined(separator: "\n")
        }

        /// One country's table, or a sentence when nothing was asked there.
        func block(
            country: String, observations: [Observation], sources: [SourceReference], codebook: CABCodebook, digits: Int
        ) -> String {
            let rows = observations.filter { $0.country == country }
            if rows.allSatisfy({ $0.flags.contains("not-asked") }) {
                let waves = Set(rows.map(\.wave)).sorted().map { String($0.prefix(4)) }.joined(separator: ", ")
                return output.prose("\(Countries.name(country)) (\(country)): favorability of China, Russia and the US was not "
                    + "asked in CAB \(waves) (every respondent 'Not Asked'): no figure, not 0%.") + "\n"
            }
            let ids = Set(rows.map(\.sourceID))
            var model = Survey.Overview.countryTable(
                country: country, observations: rows, sources: sources.filter { ids.contains($0.id) },
                codebook: codebook, digits: digits)
            let footer = sourcesOption.footer(sources.filter { ids.contains($0.id) })
            model.footnotes += footer.notes
            model.sourceNote = footer.source
            return output.render(model)
        }
    }
}
