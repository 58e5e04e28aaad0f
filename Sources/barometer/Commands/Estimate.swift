import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText
import Survey

extension Barometer {
    /// `barometer estimate FILE [design] [statistics]` — design-based means, totals, proportions,
    /// ratios and quantiles (optionally by domain) with SEs, intervals, df and design effects.
    struct Estimate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "estimate",
            _superCommandName: Barometer.commandName,
            abstract: "Design-based estimates from microdata.",
            discussion: """
                Variances follow R survey 4.x: Taylor linearization (with-replacement at the PSU stage, \
                plus fpc and later stages under an fpc) or replicate weights. Intervals use t quantiles \
                with the design df. Domains (--by) keep the whole design.
                Examples:
                  barometer estimate examples/apiclus1.csv --weights pw --cluster dnum \\
                    --fpc fpc --mean api00
                  barometer estimate examples/apistrat.csv --weights pw --strata stype \\
                    --proportion awards --ci-method beta
                  barometer estimate examples/apiclus1.csv --weights pw --cluster dnum \\
                    --to-replicates jk1 --mean api00 --by stype
                  barometer estimate examples/apistrat.csv --weights pw --strata stype \\
                    --fpc fpc --calibrate examples/margins-stype-schwide.csv --mean api00
                  barometer estimate examples/apistrat.csv --weights pw --strata stype \\
                    --mean api00 --by stype --contrast E-H
                  barometer estimate examples/apistrat.csv --weights pw --strata stype \\
                    --ttest api00:stype=E
                """)

        @Argument(help: MicrodataFileHelp.argument)
        var file: String

        @OptionGroup var design: DesignOptions

        @Option(help: "Mean of a numeric column (repeat or comma list).")
        var mean: [String] = []

        @Option(help: "Total of a numeric column (repeat or comma list).")
        var total: [String] = []

        @Option(help: "Proportion of every level of a column (repeat or comma list).")
        var proportion: [String] = []

        @Option(help: "Ratio of totals NUM/DEN (repeatable).")
        var ratio: [String] = []

        @Option(help: "Quantiles COL:P1,P2 (repeatable), e.g. api00:0.25,0.5.")
        var quantile: [String] = []

        @Option(name: .customLong("var"), help: "Population variance of a numeric column, as R svyvar (repeat or comma list).")
        var variance: [String] = []

        @Option(help: "Quantile rule (R svyquantile qrule): math|school|shahvaish|hf1…hf9.")
        var qrule: QuantileRule = .math

        @Option(name: .customLong("quantile-interval"), help: "Interval of the quantiles (R interval.type): Woodruff mean|beta|xlogit|asin, score (test inversion; linearization designs), or quantile (replicate quantiles' variance; replicate designs).")
        var quantileInterval: QuantileInterval = .mean

        @Option(help: "Estimate within each level of this column, or each combination of COL1,COL2 (domains).")
        var by: String?

        @Option(name: .customLong("where"), help: "Estimate within rows where COL is one of the values, COL=V1[,V2] (a domain: the whole design is kept; repeat for AND).")
        var whereConditions: [String] = []

        @Option(name: .customLong("domain-df"), help: "Domain interval df: auto (the domain's own df, the design's where that is below 1; said in a note), subset (R's degf of the subset, no interval at 0) or design (Stata's subpop). Replicate designs: a domain's df is the rank of its replicate weights − 1, as R.")
        var domainDF: DomainDegreesOfFreedom = .auto

        @OptionGroup var comparisons: EstimateComparisonOptions

        @Option(name: .customLong("ci-method"), help: "Proportion interval: logit|xlogit|beta|wilson|likelihood|asin|mean; when omitted, the symmetric interval estimate ± t·SE (R's confint; a note says when one leaves [0, 1]).")
        var ciMethod: ProportionIntervalMethod?

        @Flag(help: "Report design effects (deff vs SRS without replacement, deff_replace with).")
        var deff = false

        @Option(help: "Confidence level.")
        var level: Double = 0.95

        @Flag(help: "Read the CSV in chunks with bounded memory (means, totals, proportions, ratios, one --by; replicate designs, or Taylor with exactly one --cluster column: give each row its own id for a weights-only design). Automatic for CSV files of 2 GiB or more when the flags allow.")
        var stream = false

        @OptionGroup var titled: TitleOption
        @OptionGroup var output: OutputOptions

        func validate() throws {
            try EmptyValues.checkLists([("--mean", mean), ("--total", total), ("--proportion", proportion), ("--var", variance),
                                        ("--by", by.map { [$0] } ?? [])])
            try EmptyValues.checkNames([("--versus", comparisons.versus)])
            if mean.isEmpty && total.isEmpty && proportion.isEmpty && ratio.isEmpty && quantile.isEmpty && variance.isEmpty
                && comparisons.ttest.isEmpty {
                throw ValidationError("give at least one statistic: --mean, --total, --proportion, --ratio, --quantile, --var or --ttest")
            }
            for w in whereConditions where RowCondition(parsing: w) == nil {
                throw ValidationError("--where '\(w)' must be COL=VALUE[,VALUE…] (e.g. stype=E,M)")
            }
            try comparisons.validate(hasDomainsOrLevels: by != nil || !proportion.isEmpty, hasBy: by != nil)
            try FlagRange.checkLevel(level)
            if ciMethod != nil && proportion.isEmpty { throw ValidationError("--ci-method applies to --proportion") }
            for r in ratio where r.split(separator: "/").count != 2 {
                throw ValidationError("--ratio '\(r)' must be NUM/DEN")
            }
            for q in quantile { _ = try Self.quantileSpec(q) }
            if quantileInterval == .score && (design.repweights != nil || design.toReplicates != nil) {
                throw ValidationError("--quantile-interval score needs a linearization design (R's svyquantile offers it "
                    + "only there); drop --repweights/--to-replicates or use mean|beta|xlogit|asin")
            }
            if quantileInterval == .quantile && design.repweights == nil && design.toReplicates == nil {
                throw ValidationError("--quantile-interval quantile needs a replicate design (R's svyquantile offers it "
                    + "only there): add --repweights or --to-replicates, or use mean|beta|xlogit|asin|score")
            }
        }

        /// `COL:P1,P2` → (column, probabilities).
        static func quantileSpec(_ text: String) throws -> (String, [Double]) {
            guard let colon = text.lastIndex(of: ":") else {
                throw ValidationError("--quantile '\(text)' must be COL:P1,P2 (e.g. api00:0.5)")
            }
            let fields = text[text.index(after: colon)...].split(separator: ",")
            let ps = fields.compactMap { Double($0.whitespacesTrimmed()) }.filter { (0...1).contains($0) }
            guard !ps.isEmpty, ps.count == fields.count else {
                throw ValidationError("--quantile '\(text)': probabilities must be numbers in [0, 1]")
            }
            return (String(text[..<colon]), ps)
        }

        func run() throws {
            if let (request, plan, separator) = try streamingPlan() {
                return try runStreaming(request, plan, separator: separator)
            }
            var table = try PhaseTimer.measure("read") { try loadTable(file) }
            // Named before the design moves the replicate columns out, for errors the deferred checks raise.
            let replicateNames = try design.replicateNames(in: table)
            let (d, result) = try PhaseTimer.measure("compute") {
                do {
                    // A --repweights design's checks and df come with the first estimate's pass over the weights.
                    let d = try PhaseTimer.measure("compute.design") { try design.makeDesign(consuming: &table, deferChecks: true) }
                    let result = try PhaseTimer.measure("compute.estimates") { try compute(table: table, design: d) }
                    try (d as? ReplicateDesign)?.checkReplicates()
                    return (d, result)
                } catch let error as DesignError {
                    throw error.located(path: file, replicateNames: replicateNames)
                }
            }
            if PhaseTimer.enabled, let replicate = d as? ReplicateDesign {
                // The one-pass stream bound for scripts/bench: summing the same weights once, in this
                // process, on as many threads as the replicate pass (`bound.stream`) and on one.
                _ = PhaseTimer.measure("bound.stream") { replicate.replicates.streamSum(parts: ReplicateWeights.parts) }
                _ = PhaseTimer.measure("bound.stream1") { replicate.replicates.streamSum(parts: 1) }
            }
            let comparison = try PhaseTimer.measure("compute.comparisons") {
                try comparisons.compute(estimate: result, design: d, table: table, command: self)
            }
            let text = PhaseTimer.measure("write") {
                var report = EstimateReport(design: d.summary, estimate: result, source: file)
                report.domainDF = domainDF
                return comparison.rendered(main: report, output: output, titled: titled)
            }
            Console.write(text)
        }

        /// The estimates the flags ask for, in flag order: means, totals, proportions, ratios, quantiles.
        func compute(table: Table, design d: any Design) throws -> Survey.Estimate {
            let options = estimationOptions
            let domains = try domains(in: table)
            var parts: [Survey.Estimate] = []
            let means = mean.flatMap { DesignOptions.list($0) }, totals = total.flatMap { DesignOptions.list($0) }
            if !means.isEmpty { parts.append(try d.means(means.map { try table.column(named: $0) }, by: domains, options: options)) }
            if !totals.isEmpty { parts.append(try d.totals(totals.map { try table.column(named: $0) }, by: domains, options: options)) }
            let variances = variance.flatMap { DesignOptions.list($0) }
            // Statistics that read replicate weights outside the blocked totals pass need the checks first.
            if !variances.isEmpty || !quantile.isEmpty { try (d as? ReplicateDesign)?.checkReplicates() }
            if !variances.isEmpty {
                parts.append(try d.variances(variances.map { try table.column(named: $0) }, by: domains, options: options))
            }
            for p in proportion.flatMap({ DesignOptions.list($0) }) {
                parts.append(try d.proportions(table.column(named: p), by: domains, options: options))
            }
            for r in ratio {
                let nd = r.split(separator: "/").map(String.init)
                parts.append(try d.ratio(numerator: table.column(named: nd[0]), denominator: table.column(named: nd[1]),
                                         by: domains, options: options))
            }
            for q in quantile {
                let (column, ps) = try Self.quantileSpec(q)
                parts.append(try d.quantiles(table.column(named: column), probabilities: ps, rule: qrule,
                                             interval: quantileInterval, by: domains,
                                             options: options))
            }
            return .concatenating(parts)
        }

        /// The estimation choices the flags give.
        var estimationOptions: EstimationOptions {
            EstimationOptions(level: level, designEffects: deff, removeMissing: design.naRemove,
                              proportionInterval: ciMethod, domainDF: domainDF)
        }

        /// `--by` (one column or several) within the rows `--where` keeps; `--where` alone is one domain.
        func domains(in table: Table) throws -> Domains? {
            let columns = try DesignOptions.list(by).map { try table.column(named: $0) }
            var domains = columns.isEmpty ? nil : Domains(columns: columns)
            if domains?.count == 0 {
                // R's svyby fails here; an empty table with exit 0 read as "nothing to report".
                throw DataError("--by \(by ?? ""): every row is missing in \(columns.count > 1 ? "one of these columns" : "this column"); no domain to estimate", file: file)
            }
            guard let keep = try whereMask(in: table) else { return domains }
            let conditions = whereConditions.compactMap { RowCondition(parsing: $0) }
            domains = domains.map { $0.restricted(to: keep) } ?? RowCondition.domain(conditions, keep: keep)
            if domains?.count == 0 { throw DataError("--where: no row meets \(whereConditions.joined(separator: " and "))", file: file) }
            return domains
        }

        /// Rows meeting every `--where` condition, or nil without `--where`.
        func whereMask(in table: Table) throws -> [Bool]? {
            guard !whereConditions.isEmpty else { return nil }
            var keep = [Bool](repeating: true, count: table.rowCount)
            for condition in whereConditions.compactMap({ RowCondition(parsing: $0) }) {
                let hit = try condition.matches(try table.column(named: condition.column))
                for i in keep.indices where !hit[i] { keep[i] = false }
            }
            return keep
        }
    }
}

/// Reads a microdata file (CSV, SPSS .sav/.zsav/.por, Stata .dta, xlsx) with the shared reader.
func loadTable(_ path: String) throws -> Table {
    try TableReader.read(path: path)
}
