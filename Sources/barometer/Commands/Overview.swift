import ArgumentParser
import Survey

extension Barometer {
    /// `barometer overview`: the main job — how Central Asians see China, Russia and the US.
    struct Overview: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "overview",
            abstract: "The main job: favorability toward China, Russia and the US per country and wave.",
            discussion: """
                Per country: favorable / unfavorable / don't know in CAB waves 4, 8, 12 (autumn 2018,
                2020, 2022; Kazakhstan also wave 1, summer 2017) with 95% CIs and a sparkline, the
                2020 mode break marked; then the published Gallup leadership-approval figures; flags
                and sources as notes. Fits 80 columns (a block whose percentages would not fit with
                one decimal shows whole numbers).
                Example: barometer overview
                         barometer overview --country KZ,UZ --format json
                """)

        @Option(name: .long, help: "Countries (ISO2 or English name; comma list); default: all.")
        var country: [String] = []

        @Option(name: .long, help: "Maximum line width of the text output.")
        var width: Int = 80

        @OptionGroup var output: OutputOptions

        func validate() throws {
            try FlagRange.check("--width", width, 20...FlagRange.largestExtent)
        }

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
            var text = "How Central Asians see China, Russia and the US\n"
            text += "Central Asia Barometer (CAB), weighted % of respondents, 95% CI\n\n"
            let countries = Array(Set(cabSelected.observations.map(\.country))).sorted()
            // Per block: one decimal when it fits the width, else whole percents (Kazakhstan's four
            // waves need them at 80 columns; the three-wave blocks keep their decimal).
            let blocks = countries.map { c in
                var b = ""
                for digits in [1, 0] {
                    b = block(country: c, observations: cabSelected.observations, sources: cabSelected.sources,
                              codebook: codebook, digits: digits)
                    let widest = b.split(separator: "\n").filter { $0.hasPrefix("│") || $0.hasPrefix("┌") }.map(\.count).max() ?? 0
                    if widest <= width || output.format != .text { break }
                }
                return b
            }
            for b in blocks { text += b + "\n" }
            let asked = cabSelected.observations.filter { !$0.flags.contains("not-asked") }
            if !asked.isEmpty {
                for note in Survey.Overview.cabNotes(asked) { text += "Note: \(note)\n" }
            }
            if !gallupSelected.series.isEmpty {
                text += "\n" + output.render(Survey.Overview.gallupTable(
                    observations: gallupSelected.observations, sources: gallupSelected.sources))
            }
            Console.write(output.format == .text ? Self.wrapNotes(text, width: width) : text)
        }

        /// Word-wraps the prose lines (notes, sources, sentences) to `width` with a hanging indent;
        /// table lines are left alone (they already fit).
        static func wrapNotes(_ text: String, width: Int) -> String {
            var out: [String] = []
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                let isTable = line.first.map { "┌│├└+|".contains($0) } ?? false
                guard !isTable, line.count > width else { out.append(line); continue }
                let indent = line.hasPrefix("Note: ") || line.hasPrefix("Source: ") ? "  " : ""
                var current = ""
                for word in line.split(separator: " ") {
                    if !current.isEmpty && current.count + 1 + word.count > width {
                        out.append(current)
                        current = indent + word
                    } else {
                        current += (current.isEmpty ? "" : " ") + word
                    }
                }
                out.append(current)
            }
            return out.joined(separator: "\n")
        }

        /// One country's table, or a sentence when nothing was asked there.
        func block(
            country: String, observations: [Observation], sources: [SourceReference], codebook: CABCodebook, digits: Int
        ) -> String {
            let rows = observations.filter { $0.country == country }
            if rows.allSatisfy({ $0.flags.contains("not-asked") }) {
                let waves = Set(rows.map(\.wave)).sorted().map { String($0.prefix(4)) }.joined(separator: ", ")
                return "\(Countries.name(country)) (\(country)): favorability of China, Russia and the US was not "
                    + "asked in CAB \(waves) (every respondent 'Not Asked'): no figure, not 0%.\n"
            }
            let ids = Set(rows.map(\.sourceID))
            let model = Survey.Overview.countryTable(
                country: country, observations: rows, sources: sources.filter { ids.contains($0.id) },
                codebook: codebook, digits: digits)
            return output.render(model)
        }
    }
}
