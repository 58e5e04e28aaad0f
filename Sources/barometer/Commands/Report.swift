import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import Survey

extension Barometer {
    /// `barometer report --country KZ --out kz.html` (or `--region`): one self-contained HTML
    /// file with the country's (or every country's) charts, the values behind them, notes, the
    /// method in plain words, every source, and the commands that reproduce each figure.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            _superCommandName: Barometer.commandName,
            abstract: "One self-contained HTML report for a country or the region (charts, tables, sources).",
            discussion: """
                Examples:
                  barometer report --country KZ --out kz.html
                  barometer report --region --out central-asia.html
                  barometer report --series examples/synthetic-series.csv --country KZ \\
                    --out kz-synthetic.html
                The file has no external resources (inline SVG and CSS) and prints to clean A4 PDF \
                from a browser. Written atomically. With --series, the report draws on those \
                series files (as `import cab` writes them from your own microdata) instead of \
                the built-in data: one figure of the --measure (default favorable), its values, \
                notes, sources and the commands that reproduce it.
                """)

        @Option(help: "Country: ISO 3166 alpha-2 code or English name.")
        var country: String?

        @Flag(help: "The whole region: every country, as small multiples.")
        var region = false

        @Option(help: "Output HTML file (- for standard output).")
        var out: String

        @Option(help: "A series CSV (as `barometer import` writes) to report instead of the built-in data; repeatable.")
        var series: [String] = []

        @Option(help: "With --series: the measure to draw (default: favorable).")
        var measure: String?

        func validate() throws {
            if (country == nil) == !region {
                throw ValidationError("give exactly one of --country CODE or --region")
            }
            if measure != nil && series.isEmpty { throw ValidationError("--measure applies to --series") }
            try EmptyValues.checkNames(series.map { ("--series", $0) } + [("--measure", measure)])
            // Series files say which countries they hold (an unknown one is then their error).
            guard series.isEmpty else { return }
            // One rule for a code and a name: the report draws on the built-in series, which cover
            // the five countries of `Countries.names` ('France' and 'XX' were exit 2 and exit 1).
            if let country, Countries.names[Countries.code(for: country) ?? ""] == nil {
                let covered = Countries.names.sorted { $0.value < $1.value }.map { "\($0.key) (\($0.value))" }
                throw ValidationError("--country '\(country)': the built-in series cover \(covered.joined(separator: ", "))")
            }
        }

        func run() throws {
            let code = country.map { Countries.code(for: $0) ?? $0 }
            let html = series.isEmpty ? try Self.report(country: code)
                : try Self.report(series: series, measure: measure ?? "favorable", country: code)
            if out == "-" {  // standard output, as rake's `--out -`; not a file named "-"
                Console.write(html)
                return
            }
            try AtomicFile.write(html, to: out)
            Console.write("Report written to \(out)\n")
        }

        /// One figure: the selection's words, as typed on the command line.
        struct Plan {
            let heading: String
            let selection: [String]
            let band: Bool
            let facet: ChartFacet?
            let name: String
        }

        /// The figures of a country's report (nil: the region's).
        static func plans(country: String?) -> [Plan] {
            let place = country.map { ["--country", $0] } ?? []
            let facet: ChartFacet? = country == nil ? .country : nil
            let slug = (country ?? "region").lowercased()
            return [
                Plan(heading: "Favorable views of China, Russia and the US (Central Asia Barometer)",
                     selection: ["--dataset", "cab"] + place + ["--measure", "favorable"], band: true, facet: facet, name: "\(slug)-cab"),
                Plan(heading: "Approval of the leadership of China, Russia and the US (Gallup, as published)",
                     selection: ["--dataset", "gallup"] + place + ["--measure", "approve"], band: false, facet: facet, name: "\(slug)-gallup"),
            ]
        }

        /// The waves (years) of `country` in the selection's built-in dataset when every one of its
        /// rows there is flagged not-asked; nil otherwise.
        static func notAsked(country: String, dataset selection: [String]) -> String? {
            guard let i = selection.firstIndex(of: "--dataset"), i + 1 < selection.count,
                  let catalog = try? SeriesCatalog.builtIn(),
                  let dataset = catalog.datasets.first(where: { $0.name == selection[i + 1] }) else { return nil }
            let rows = dataset.observations.filter { $0.country == country && !$0.key.isGroup }
            guard !rows.isEmpty, rows.allSatisfy({ $0.flags.contains("not-asked") }) else { return nil }
            return Set(rows.map { String($0.wave.prefix(4)) }).sorted().joined(separator: ", ")
        }

        /// The report's HTML (for tests and notebooks).
        static func report(country: String?) throws -> String {
            let (figures, missing, sources) = try Self.figures(plans(country: country), country: country)
            guard !figures.isEmpty else {
                throw DataError("no built-in series for \(country.map(Countries.name) ?? "the region"); see `barometer datasets`")
            }
            let place = country.map(Countries.name) ?? "Central Asia"
            return SeriesReport(
                title: "\(place): views of China, Russia and the US",
                lede: "How people in \(place) see China, Russia and the United States, from Central Asia Barometer microdata and published Gallup figures. Each figure is followed by the values it draws and the commands that reproduce it.",
                figures: figures, missing: missing, sources: sources
            ).html()
        }

        /// The report of series files (`--series`): one figure of `measure` for `country` (nil:
        /// every country of the files, as small multiples), citing the files' own sources.
        static func report(series files: [String], measure: String, country: String?) throws -> String {
            let names = files.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: ", ")
            let facet: ChartFacet? = country == nil ? .country : nil
            let slug = (country ?? "region").lowercased()
            let what = measure.prefix(1).uppercased() + measure.dropFirst() + " views"
            let plan = Plan(heading: "\(what) (\(names))",
                            selection: files.flatMap { ["--series", $0] } + (country.map { ["--country", $0] } ?? [])
                                + ["--measure", measure],
                            band: true, facet: facet, name: "\(slug)-series")
            // A selector the files do not hold is the user's error here, not a missing figure.
            let (figures, missing, sources) = try Self.figures([plan], country: country, strict: true)
            guard !figures.isEmpty else { throw DataError("no series to report in \(names)") }
            return SeriesReport(
                title: country.map { "\(Countries.names[$0] ?? $0): \(what.lowercased()) (\(names))" } ?? "\(what) by country (\(names))",
                lede: "\(country.map { Countries.names[$0] ?? $0 } ?? "Every country"), from the series files \(names) (their sources are listed below). Each figure is followed by the values it draws and the commands that reproduce it.",
                figures: figures, missing: missing, sources: sources, method: ReportMethod.seriesFiles
            ).html()
        }

        /// The figures of `plans` (each a chart with its values and commands), the figures that
        /// could not be drawn and why, and the sources cited; `strict`: a selection that fails is
        /// the error, not a missing figure.
        static func figures(_ plans: [Plan], country: String?, strict: Bool = false) throws
            -> (figures: [ReportFigure], missing: [String], sources: [SourceReference]) {
            var figures: [ReportFigure] = []
            var missing: [String] = []
            var sources: [SourceReference] = []
            for plan in plans {
                let selected: SelectedSeries
                do {
                    selected = try SeriesSelectors.parse(plan.selection).resolve()
                } catch {
                    if strict { throw error }
                    // A country whose item was not asked (Tajikistan in CAB) has rows, all 'Not Asked':
                    // say so, as overview does, not "unknown country".
                    if let country, let waves = notAsked(country: country, dataset: plan.selection) {
                        missing.append("\(plan.heading): not asked in \(Countries.name(country)) in CAB \(waves) (every respondent "
                            + "'Not Asked'): no figure, not 0%.")
                    } else {
                        missing.append("\(plan.heading): no data for this selection (\(Barometer.fullMessage(for: error))).")
                    }
                    continue
                }
                guard !selected.series.isEmpty else {
                    missing.append("\(plan.heading): no data for this selection.")
                    continue
                }
                let result = try Chart.chart(
                    selected: selected, options: LineChartOptions(band: plan.band), breaks: [], trend: nil,
                    colored: false, svg: true, size: .column, facet: plan.facet)
                let chartWords = ["barometer", "chart"] + plan.selection + (plan.band ? ["--band"] : [])
                    + (plan.facet.map { ["--facet", $0.rawValue] } ?? []) + ["--size", "column", "--svg", plan.name + ".svg"]
                let tableWords = ["barometer", "table"] + plan.selection
                figures.append(ReportFigure(
                    heading: plan.heading, svg: result.svg ?? "", series: selected.series,
                    commands: [chartWords.joined(separator: " "), tableWords.joined(separator: " ")]))
                for s in selected.sources where !sources.contains(where: { $0.id == s.id }) { sources.append(s) }
            }
            return (figures, missing, sources)
        }
    }
}
