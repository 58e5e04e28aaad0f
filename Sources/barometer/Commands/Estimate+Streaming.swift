import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import Survey

/// The streaming path of `estimate` (docs/streaming.md): a CSV file read in chunks that add to a
/// `StreamingEstimator`, so memory stays bounded whatever the file size. Used with `--stream`, or
/// by itself for CSV files of at least `automaticBytes` when every flag given is one it covers
/// (its numbers equal the in-memory path's; tests check ≤ 1e-12), since reading such a file whole
/// needs about its size in memory. A request it does not cover is a usage error under `--stream`
/// and is read whole otherwise (with a note on stderr for large files).
extension Barometer.Estimate {
    /// Files at least this large stream automatically (2 GiB; `BAROMETER_STREAM_BYTES` overrides).
    static var automaticBytes: Int {
        ProcessEnvironment.value("BAROMETER_STREAM_BYTES").flatMap { Int($0) } ?? (2 << 30)
    }

    /// The request and design to stream, or nil to read the file whole.
    func streamingPlan() throws -> (StreamingRequest, StreamingDesign, CSVReader.Separator)? {
        let lower = file.lowercased()
        // The separator the whole-file reader would take (a ".csv" of semicolons is common where
        // the decimal mark is a comma); whitespace-separated text is not streamed.
        var separator: CSVReader.Separator? = nil
        if lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") || lower.hasSuffix(".tab"),
           case .text(let detected)? = try? TableReader.detectFormat(path: file), detected != .whitespace {
            separator = detected
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? nil
        let large = (size ?? 0) >= Self.automaticBytes
        guard stream || large else { return nil }
        var refused = streamingRefusals()
        if separator == nil { refused.append("a file that is not .csv/.tsv") }
        guard refused.isEmpty, let separator else {
            if stream {
                throw ValidationError("--stream covers --mean, --total, --proportion, --ratio and one --by column on "
                    + "replicate-weight designs or Taylor designs with exactly one --cluster column (a weights-only file: a row-id column as --cluster); not \(refused.joined(separator: ", ")). Run without --stream.")
            }
            Console.error("barometer: reading \(file) whole (\((size ?? 0) >> 20) MB): the streaming path does not cover "
                + refused.joined(separator: ", "))
            return nil
        }
        let request = StreamingRequest(
            means: mean.flatMap { DesignOptions.list($0) }, totals: total.flatMap { DesignOptions.list($0) },
            proportions: proportion.flatMap { DesignOptions.list($0) },
            ratios: ratio.map { r in
                let nd = r.split(separator: "/").map(String.init)
                return StreamingRatio(numerator: nd[0], denominator: nd[1])
            },
            by: by.map { DesignOptions.list($0)[0] }, level: level, domainDF: domainDF)
        let design = try streamingDesign(separator: separator)
        if case .replicate(let spec) = design, spec.replicates.count > StreamingEstimator.maxReplicates {
            let why = "the streaming path takes at most \(StreamingEstimator.maxReplicates) replicate weights "
                + "(R's df needs their R × R Gram matrix); --repweights matches \(spec.replicates.count)"
            if stream { throw ValidationError(why + ". Run without --stream.") }
            Console.error("barometer: reading \(file) whole (\((size ?? 0) >> 20) MB): " + why)
            return nil
        }
        return (request, design, separator)
    }

    /// What the flags ask for that the streaming path does not compute.
    func streamingRefusals() -> [String] {
        var out: [String] = []
        if !quantile.isEmpty { out.append("--quantile (quantiles need the sorted values: a second pass)") }
        if !variance.isEmpty { out.append("--var") }
        if !whereConditions.isEmpty { out.append("--where") }
        if DesignOptions.list(by).count > 1 { out.append("--by with several columns") }
        if !comparisons.contrast.isEmpty || !comparisons.ttest.isEmpty || comparisons.versus != nil {
            out.append("--contrast/--ttest/--versus")
        }
        if ciMethod != nil { out.append("--ci-method") }
        if deff { out.append("--deff") }
        let d = design
        // Missing values stop a streamed estimate; --na-rm's rows left out are not streamed (it
        // was refused only when a missing value turned up, exit 1).
        if d.naRemove { out.append("--na-rm") }
        if d.calibrates || d.calibration.trim != nil { out.append("calibration or trimming") }
        if d.toReplicates != nil { out.append("--to-replicates") }
        if d.probabilities != nil { out.append("--probs") }
        if d.weights == nil { out.append("a design without --weights") }
        if d.repweights == nil {
            if d.fpc != nil { out.append("--fpc") }
            if DesignOptions.list(d.cluster).count != 1 { out.append("a Taylor design without exactly one --cluster column") }
            if d.lonelyPSU != .fail { out.append("--lonely-psu other than fail") }
        }
        return out
    }

    /// The design of the flags as a `StreamingDesign` (replicate columns matched in the header).
    func streamingDesign(separator: CSVReader.Separator) throws -> StreamingDesign {
        let d = design
        guard let weights = d.weights else { throw ValidationError("--stream needs --weights") }
        guard let pattern = d.repweights, let type = d.repType else {
            return .taylor(weights: weights, strata: d.strata, cluster: DesignOptions.list(d.cluster)[0], nested: d.nest)
        }
        let header = try StreamingCSV(path: file, separator: separator).columnNames()
        let names = try DesignOptions.columns(header, matching: pattern, besides: weights)
        guard names.count >= 2 else {
            throw DataError("--repweights '\(pattern)' matches \(names.count) column(s); replicate designs need at least 2", file: file)
        }
        return .replicate(StreamingReplicates(weights: weights, replicates: names, type: type, scale: d.scale,
                                              rscales: try d.parsedRScales(), mse: d.mse, fayRho: d.fayRho))
    }

    /// Runs the streaming pass and writes the report.
    func runStreaming(_ request: StreamingRequest, _ design: StreamingDesign, separator: CSVReader.Separator) throws {
        var estimator = try StreamingEstimator(request: request, design: design)
        let reader = StreamingCSV(path: file, separator: separator)
        estimator.lineOfRow = { reader.line(ofRow: $0) }
        estimator.source = reader
        // Parsing (one thread ahead, `StreamingCSV.forEachChunkOverlapped`) overlaps adding to the
        // estimator. Under BAROMETER_TIMING the parsing thread's busy time is `stream.read`, the
        // estimator's `stream.accumulate`, and the time the estimator waited for a parsed chunk
        // `stream.wait`, for scripts/bench; with BAROMETER_STREAM_PARSE_ONLY=1 as well, the chunks
        // are parsed and dropped and nothing is estimated (the bench's "parse alone" run: the
        // read time without an estimator competing for the cores).
        HeapReuse.keepFreedPages()
        let parseOnly = PhaseTimer.enabled && ProcessEnvironment.value("BAROMETER_STREAM_PARSE_ONLY") == "1"
        let timing = try PhaseTimer.measure("stream") {
            do {
                return try reader.forEachChunkOverlapped { chunk, before in
                    if !parseOnly { try estimator.add(chunk, rowsBefore: before) }
                }
            } catch let error as DesignError {
                throw error.located(file: file, lineOfRow: { reader.line(ofRow: $0) })
            }
        }
        if PhaseTimer.enabled {
            Console.error("barometer-timing: stream.read \(timing.parse)")
            Console.error("barometer-timing: stream.accumulate \(timing.work)")
            Console.error("barometer-timing: stream.wait \(timing.wait)")
        }
        if parseOnly { return }
        let (result, summary) = try estimator.estimate()
        var report = EstimateReport(design: summary, estimate: result, source: file)
        report.domainDF = domainDF
        let text = EstimateComparison(level: level).rendered(main: report, output: output, titled: titled)
        Console.write(text)
    }
}
