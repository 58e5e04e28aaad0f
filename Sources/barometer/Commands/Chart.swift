import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import Survey

extension Barometer {
    /// `barometer chart`: a terminal line chart of the selected series (braille or ASCII), with
    /// optional interval bands, a fitted trend and an SVG copy.
    struct Chart: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "chart",
            _superCommandName: Barometer.commandName,
            abstract: "Terminal line chart of one or more series, with confidence bands.",
            discussion: """
                Example: barometer chart --dataset gallup --country KZ --target China,Russia --measure approve
                         barometer chart --dataset cab --country KZ,TM --target Russia --band --ascii

                Lines and bands are never drawn across a series break (a change of interview
                mode between two waves, labelled once, e.g. face-to-face → telephone).
                Datasets ask different questions: overlay them only by naming them,
                --dataset cab,gallup.

                Colour: --color auto (default) colours series only when standard output is a
                terminal and NO_COLOR is unset; --color always/never force it. --ascii prints
                7-bit ASCII only. Width and height default to the terminal (COLUMNS, TTY), else
                80x20; the height is the plotting area in rows.
                """)

        @OptionGroup var selectors: SeriesSelectors
        @OptionGroup var sourcesOption: SourcesOption

        @Option(help: "Width of the chart in characters (default: terminal width, else 80).")
        var width: Int?

        @Option(help: "Height of the plotting area in rows (default: 20; on a terminal of fewer than 30 rows, its rows - 10).")
        var height: Int?

        @Flag(help: "Plain 7-bit ASCII instead of braille and box drawing.")
        var ascii = false

        @Option(help: "Colour per series: auto|always|never.")
        var color: ColorMode = .auto

        @Flag(help: "Draw each wave's 95% interval (dotted band; error bars with --ascii).")
        var band = false

        @Option(help: "Overlay a fitted trend: linear|quadratic|logit|segmented|local-trend.")
        var trend: String?

        @Option(name: .customLong("break"), help: "A series break (ISO date or year, e.g. 2020); repeatable. No line is drawn across it.")
        var breaks: [String] = []

        @Flag(help: "With --trend: fit through a series break (mode change), as `trend --across-break`.")
        var acrossBreak = false

        @Option(help: "Also write the chart as a standalone SVG file (written atomically).")
        var svg: String?

        @Option(help: "SVG size: column (640x420, a report column), slide (1280x720) or WIDTHxHEIGHT (default 800x450).")
        var size: String?

        @Option(help: "SVG small multiples, one panel per country or target, with shared scales: country|target.")
        var facet: ChartFacet?

        @Option(help: "Title printed above the chart, replacing the default (e.g. to label synthetic data).")
        var title: String?

        @Option(help: "Assume this n for waves with neither interval, SE nor n, so --band and --trend can be drawn (flagged 'n-assumed').")
        var assumeN: Int?

        @Option(help: "Design effect for waves given an interval from n (default 1: SRS assumed).")
        var deff: Double?

        func validate() throws {
            try FlagRange.check("--width", width, 12...FlagRange.largestExtent)
            try FlagRange.check("--height", height, 2...FlagRange.largestExtent)
            try FlagRange.check("--assume-n", assumeN, 1...Int(Int32.max))
            try FlagRange.checkDeff(deff)
            if let size, ChartSize(parsing: size)?.isValid != true {
                throw ValidationError(
                    "--size '\(size)': expected column, slide or WIDTHxHEIGHT from 240x160 to 10000x10000 (e.g. 960x540)")
            }
            if facet != nil, svg == nil { throw ValidationError("--facet draws small multiples in the SVG: give --svg FILE too") }
            if let svg {
                try InputGuard.refuseOverwriting(svg, flag: "--svg", inputs: selectors.series.map { (flag: "--series", path: $0) },
                                                 command: "chart")
            }
            for b in breaks where WaveDate.periodStart(b) == nil {
                throw ValidationError("--break '\(b)' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
            }
        }

        func run() throws {
            let environment = ProcessEnvironment.values(ProcessEnvironment.terminalNames)
            let terminal = Terminal.size(environment: environment)
            let resolved = try selectors.resolve(defaultMeasures: ["favorable", "approve"])
            try selectors.requireOneQuestion(resolved, overlayHint: true)
            let chartSize = size.flatMap(ChartSize.init(parsing:)) ?? .standard
            let result = try Self.chart(
                selected: Self.withAssumedN(resolved, n: assumeN, deff: deff),
                options: LineChartOptions(
                    width: width ?? terminal.columns ?? 80,
                    height: height ?? terminal.rows.map { min(20, max(5, $0 - 10)) } ?? 20,
                    style: ascii ? .ascii : .braille, band: band),
                breaks: breaks.compactMap(WaveDate.periodStart), trend: trend,
                colored: ColorChoice.useColor(color, environment: environment, isTTY: Terminal.stdoutIsTTY),
                svg: svg != nil, title: title,
                size: chartSize, facet: facet, acrossBreak: acrossBreak,
                sources: sourcesOption.sources)
            if let svg, let document = result.svg {
                try AtomicFile.write(document, to: svg)
            }
            Console.write(result.text)
            if let svg {
                // Long notes that would squeeze the plot make the document taller: said, not hidden.
                let taller = (result.svgHeight ?? 0) > chartSize.height
                    ? " (\(chartSize.width)x\(result.svgHeight ?? 0): its notes need more room than \(chartSize.width)x\(chartSize.height) leaves the plot)"
                    : ""
                Console.write("SVG written to \(svg)\(taller)\n")
            }
        }

        /// The command's work as a plain function (for tests and notebooks): selected series →
        /// printed chart (and SVG text when asked). An empty selection is a `DataError`.
        static func chart(selected: SelectedSeries, options: LineChartOptions, breaks: [Double], trend: String?,
                          colored: Bool, svg: Bool, title: String? = nil,
                          size: ChartSize = .standard, facet: ChartFacet? = nil, acrossBreak: Bool = false,
                          sources: SourceDetail = .short) throws -> (text: String, svg: String?, svgHeight: Int?) {
            guard !selected.series.isEmpty else {
                throw DataError("no series match the selection; see `barometer datasets` for what exists")
            }
            var data = ChartData(series: selected.series, sources: selected.sources, breaks: breaks, title: title, sourceDetail: sources)
            if let trend {
                for (i, s) in selected.series.enumerated() {
                    data.series[i].trend = try fittedTrend(for: s, model: trend, breaks: breaks, acrossBreak: acrossBreak)
                }
            }
            let text = try LineChart(data: data, options: options).render(colored: colored)
            var publication = data
            if let facet {  // the same lines, named without the panel's part and grouped into panels
                publication = ChartData(series: selected.series, sources: selected.sources, breaks: breaks, title: title, facet: facet)
                for i in publication.series.indices { publication.series[i].trend = data.series[i].trend }
            }
            let document = svg ? try SVGChart(data: publication, size: size, band: options.band).renderDocument() : nil
            return (text, document?.text, document?.height)
        }
    }
}

extension ChartFacet: ChoiceArgument {}
