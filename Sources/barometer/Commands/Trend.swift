import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText
import Survey

extension TrendModelKind: ChoiceArgument {}
extension DispersionPolicy: ChoiceArgument {}

extension Barometer {
    /// `barometer trend`: fit a trend model to each selected series (DESIGN.md §3).
    struct Trend: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "trend",
            _superCommandName: Barometer.commandName,
            abstract: "Fit a trend model to a series: slope per year with CI, fitted values with band, breakpoint.",
            discussion: """
                Examples:
                  barometer trend --dataset gallup --country KZ --target US \\
                    --measure approve --assume-n 1000 --model logit
                  barometer trend --dataset cab --country KZ --target China \\
                    --model segmented

                Across a series break (a change of interview mode, derived from the waves' \
                modes): segmented fits the level shift at the break; other models are \
                refused unless --across-break. Bands of share-scale models are truncated \
                to [0, 100]% with a note (docs/intervals.md).

                Models: linear, quadratic (WLS on the share scale, weights 1/var); \
                logit (binomial GLM, prior weights n/deff; bands stay in [0,1]); \
                segmented (estimated breakpoint with CI and Davies' test, or with \
                --break DATE a known level shift); local-trend (local linear trend, \
                Kalman filter and smoother, state noise by maximum likelihood). \
                Each wave's variance is its SE², else p(1-p)·deff/n (--assume-n N for \
                toplines without n). The slope is the trend's slope at the last wave. \
                --dispersion auto (default) widens intervals by the Pearson dispersion \
                when it exceeds 1; known: sampling variances only; estimated: always.
                """)

        @OptionGroup var selectors: SeriesSelectors

        @Option(help: "Trend model: \(TrendModelKind.allCases.map(\.rawValue).joined(separator: "|")).")
        var model: TrendModelKind = .linear

        @Option(name: .customLong("break"), help: "With --model segmented: a known break (ISO date; YYYY = 1 January) as a level shift.")
        var breakDate: String?

        @Option(help: "Dispersion policy: auto|known|estimated.")
        var dispersion: DispersionPolicy = .auto

        @Option(help: .hidden)
        var batch: String?

        @OptionGroup var input: TrendInputOptions
        @OptionGroup var titled: TitleOption
        @OptionGroup var output: OutputOptions
        @OptionGroup var sourcesOption: SourcesOption

        func validate() throws {
            if breakDate != nil && model != .segmented {
                throw ValidationError("--break imposes a level shift in the segmented model; add --model segmented")
            }
            if let breakDate, WaveDate.periodStart(breakDate) == nil {
                throw ValidationError("--break '\(breakDate)' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
            }
        }

        func run() throws {
            if let batch {
                // Hidden: many series from one long CSV (simulation studies, scripts/bench.d/trends).
                var bytes: Data
                do { bytes = try Data(contentsOf: URL(fileURLWithPath: batch)) } catch {
                    throw DataError("cannot read the batch file: \(FileErrorText.describe(error))", file: batch)
                }
                bytes.append(0)
                Console.write(try TrendBatch.run(nulTerminatedCSV: bytes, model: model))
                return
            }
            let selected = try input.series(selectors)
            let options = TrendOptions(level: input.level, dispersion: dispersion)
            // Across a mode break: segmented becomes the level shift at it; other models are
            // refused unless --across-break (`TrendAcrossBreaks`). Share bands are kept in [0, 1].
            let fits = try selected.series.map { s in
                let data = try TrendData(series: s)
                let plan = try TrendAcrossBreaks.plan(s, kind: model, breakDate: breakDate, allowAcross: input.acrossBreak)
                return (s.key, data, try plan.model.fit(data, options: options).bounded(isShare: data.isShare), plan.caveat)
            }
            let footer = sourcesOption.footer(selected.sources)
            if output.format == .json {
                Console.write(TrendJSON.trends(fits.map { (fit: $0.2, series: $0.0) }))
                return
            }
            let tables = fits.map { fit in
                var table = TrendTable.table(fit.2, data: fit.1, series: fit.0, sourceNote: footer.source)
                table.footnotes += footer.notes
                if let caveat = fit.3 { table.caption = caveat.prefix(1).uppercased() + caveat.dropFirst() + "." }
                return output.render(titled.apply(table))
            }
            Console.write(tables.joined(separator: "\n"))
        }
    }
}
