import ArgumentParser
import Foundation
import Survey

extension TrendModelKind: ExpressibleByArgument {}
extension DispersionPolicy: ExpressibleByArgument {}

extension Barometer {
    /// `barometer trend`: fit a trend model to each selected series (DESIGN.md §3).
    struct Trend: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "trend",
            abstract: "Fit a trend model to a series: slope per year with CI, fitted values with band, breakpoint.",
            discussion: """
                Example: barometer trend --dataset cab --country KZ --target China --model logit
                         barometer trend --series kz.csv --model segmented --break 2020 --format json

                Models: linear, quadratic (WLS on the share scale, weights 1/var);
                logit (binomial GLM, prior weights n/deff; bands stay in [0,1]);
                segmented (estimated breakpoint with CI and Davies' test, or with
                --break DATE a known level shift); local-trend (local linear trend,
                Kalman filter and smoother, state noise by maximum likelihood).
                Each wave's variance is its SE², else p(1-p)·deff/n (--assume-n N for
                toplines without n). The slope is the trend's slope at the last wave.
                --dispersion auto (default) widens intervals by the Pearson dispersion
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
                    throw DataError("cannot read the batch file: \(error.localizedDescription)", file: batch)
                }
                bytes.append(0)
                Console.write(try TrendBatch.run(nulTerminatedCSV: bytes, model: model))
                return
            }
            let selected = try input.series(selectors)
            let options = TrendOptions(level: input.level, dispersion: dispersion)
            let fits = try selected.series.map { s in
                let data = try TrendData(series: s)
                return (s.key, data, try model.model(breakDate: breakDate).fit(data, options: options))
            }
            let note = TrendInputOptions.sourceNote(selected.sources)
            if output.format == .json {
                let objects = fits.map { TrendJSON.trend($0.2, series: $0.0) }
                Console.write((objects.count == 1 ? objects[0] : "{\"trends\": [\n" + objects.joined(separator: ",\n") + "\n]}") + "\n")
                return
            }
            let tables = fits.map { output.render(titled.apply(TrendTable.table($0.2, data: $0.1, series: $0.0, sourceNote: note))) }
            Console.write(tables.joined(separator: "\n"))
        }
    }
}
