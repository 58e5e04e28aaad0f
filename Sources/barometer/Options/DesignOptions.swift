import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import SurveyText
import Survey

extension LonelyPSU: ChoiceArgument {}
extension ReplicateType: ChoiceArgument {}
extension ProportionIntervalMethod: ChoiceArgument {}
extension QuantileRule: ChoiceArgument {}
extension QuantileInterval: ChoiceArgument {}

/// The survey-design flags of DESIGN.md §3, shared by `estimate`, `crosstab`, `regress` and
/// `rake` (`@OptionGroup var design: DesignOptions`). Cross-flag mistakes are usage errors
/// (`validate()`, exit 2); flags → design is one method, `makeDesign(for:)`, whose data errors
/// (missing weights, lonely PSUs, …) exit 1.
struct DesignOptions: ParsableArguments {
    @Option(help: "Sampling-weight column.")
    var weights: String?

    @Option(name: .customLong("probs"), help: "Selection-probability column (weights = 1/probability); not with --weights.")
    var probabilities: String?

    @Option(help: "Stratum column, or COL1:COL2 for strata crossed from two columns (R: strata = ~interaction(COL1, COL2)).")
    var strata: String?

    @Option(help: "Cluster id column(s), one per stage: COL[,COL2].")
    var cluster: String?

    @Option(help: "Finite population correction per stage, COL[,COL2]: population sizes, or sampling fractions when all ≤ 1.")
    var fpc: String?

    @Flag(help: "Cluster ids are only unique within strata (R's nest=TRUE).")
    var nest = false

    @Option(name: .customLong("lonely-psu"), help: "Strata with one PSU: fail|remove|certainty|adjust|average.")
    var lonelyPSU: LonelyPSU = .fail

    @Option(help: "Regular expression (POSIX extended, as R's grep reads it) selecting replicate-weight columns.")
    var repweights: String?

    @Option(name: .customLong("rep-type"), help: "Replicate-weight type: jk1|jkn|brr|fay|bootstrap|other.")
    var repType: ReplicateType?

    @Option(name: .customLong("fay-rho"), parsing: .unconditional, help: "Fay's rho, with --rep-type fay or --to-replicates fay.")
    var fayRho: Double?

    @Option(parsing: .unconditional, help: "Replicate variance scale (overrides the type's default).")
    var scale: Double?

    @Option(help: "Per-replicate scales: a comma list, or a file with one number per line.")
    var rscales: String?

    @Flag(help: "Centre replicate variances at the full-sample estimate.")
    var mse = false

    @Option(name: .customLong("to-replicates"), help: "Convert the design to replicate weights: jk1|jkn|brr|fay|bootstrap; other is refused (it only labels imported --repweights).")
    var toReplicates: ReplicateType?

    @Option(name: .customLong("bootstrap-replicates"), help: "Replicates for --to-replicates bootstrap (default 50).")
    var bootstrapReplicates: Int?

    @Option(parsing: .unconditional, help: "Seed for --to-replicates bootstrap.")
    var seed: UInt64?

    @Flag(name: .customLong("na-rm"), help: "Estimate over rows where the variable is present (else missing values are an error).")
    var naRemove = false

    @Option(help: "Rake to the margins in this CSV (variable,level,total) before estimating.")
    var rake: String?

    @Option(help: "Post-stratify to the margins in this CSV before estimating.")
    var poststratify: String?

    @Option(name: .customLong("rake-epsilon"), parsing: .unconditional, help: "Convergence of --rake and --calibrate with --calfun/--bounds: relative change (raking) or misfit (Newton) below this (default 1e-10).")
    var rakeEpsilon: Double?

    @Option(name: .customLong("rake-maxit"), help: "Iteration limit of --rake and --calibrate with --calfun/--bounds (default 1000).")
    var rakeMaxit: Int?

    @OptionGroup var calibration: CalibrationFlags

    /// Whether a calibration flag (--rake, --poststratify, --calibrate) was given.
    var calibrates: Bool { rake != nil || poststratify != nil || calibration.calibrate != nil }

    /// Column lists given as `A,B`.
    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.whitespacesTrimmed() }.filter { !$0.isEmpty }
    }

    /// Whether any design flag was given (commands such as `regress` switch to design-based fits).
    var isGiven: Bool {
        weights != nil || probabilities != nil || strata != nil || cluster != nil || fpc != nil || repweights != nil
            || calibrates || calibration.trim != nil || toReplicates != nil
    }

    func validate() throws {
        try EmptyValues.checkNames([("--weights", weights), ("--probs", probabilities), ("--strata", strata),
                                    ("--repweights", repweights), ("--rscales", rscales), ("--rake", rake),
                                    ("--poststratify", poststratify), ("--calibrate", calibration.calibrate)])
        try EmptyValues.checkLists([("--cluster", cluster.map { [$0] } ?? []), ("--fpc", fpc.map { [$0] } ?? [])])
        if weights != nil && probabilities != nil { throw ValidationError("give --weights or --probs, not both") }
        if repweights != nil && repType == nil { throw ValidationError("--repweights needs --rep-type") }
        if repType != nil && repweights == nil { throw ValidationError("--rep-type needs --repweights") }
        if repweights != nil {
            if strata != nil || cluster != nil || fpc != nil || nest {
                throw ValidationError("--repweights replaces --strata/--cluster/--fpc/--nest; give one kind of design")
            }
            if toReplicates != nil { throw ValidationError("--to-replicates converts a linearization design; not with --repweights") }
            if weights == nil { throw ValidationError("--repweights needs --weights (the full-sample weights)") }
        }
        let replicateKind = repType ?? toReplicates
        if fayRho != nil && replicateKind != .fay { throw ValidationError("--fay-rho needs --rep-type fay or --to-replicates fay") }
        if repType == .fay && fayRho == nil { throw ValidationError("--rep-type fay needs --fay-rho") }
        if (scale != nil || rscales != nil) && repweights == nil {
            throw ValidationError("--scale and --rscales apply to --repweights designs")
        }
        if mse && replicateKind == nil { throw ValidationError("--mse applies to replicate designs") }
        if toReplicates == .other { throw ValidationError("--to-replicates takes jk1, jkn, brr, fay or bootstrap") }
        if (bootstrapReplicates != nil || seed != nil) && toReplicates != .bootstrap {
            throw ValidationError("--bootstrap-replicates and --seed apply to --to-replicates bootstrap")
        }
        try FlagRange.check("--bootstrap-replicates", bootstrapReplicates, 2...100_000)
        try FlagRange.check("--fay-rho", fayRho, "in [0, 1)") { $0 >= 0 && $0 < 1 }
        try FlagRange.check("--scale", scale, "in (0, 1000]") { $0 > 0 && $0 <= 1000 }
        try FlagRange.check("--rake-epsilon", rakeEpsilon, "in (0, 1)") { $0 > 0 && $0 < 1 }
        try FlagRange.check("--rake-maxit", rakeMaxit, 1...1_000_000)
        if [rake, poststratify, calibration.calibrate].compactMap({ $0 }).count > 1 {
            throw ValidationError("give one of --rake, --poststratify and --calibrate")
        }
        let stages = max(Self.list(cluster).count, 1)
        if Self.list(fpc).count > stages {
            throw ValidationError("--fpc gives \(Self.list(fpc).count) columns for \(stages) stage(s) of --cluster")
        }
        if nest && strata == nil { throw ValidationError("--nest needs --strata") }
    }

    /// The design the flags describe, over `table`. `rakeControls`: the command itself rakes
    /// (`barometer rake`), so `--rake-epsilon`/`--rake-maxit` need no `--rake`.
    func makeDesign(for table: Table, rakeControls: Bool = false) throws -> any Design {
        var copy = table
        return try makeDesign(consuming: &copy, rakeControls: rakeControls)
    }

    /// As `makeDesign(for:)`, but replicate-weight columns are moved out of `table` into the
    /// design as they are (no copy), so peak memory stays at one copy of the weights. The other
    /// columns stay in `table`. `deferChecks`: a `--repweights` design leaves its checks and df to
    /// the first estimate's pass over the weights (`ReplicateDesign.checkReplicates()` must follow).
    /// A weight or design value missing on a row is reported at its file line (`DesignError.located`).
    func makeDesign(consuming table: inout Table, rakeControls: Bool = false, deferChecks: Bool = false) throws -> any Design {
        do {
            return try makeDesignAnywhere(consuming: &table, rakeControls: rakeControls, deferChecks: deferChecks)
        } catch let error as DesignError {
            throw error.located(path: table.source)
        }
    }

    private func makeDesignAnywhere(consuming table: inout Table, rakeControls: Bool, deferChecks: Bool) throws -> any Design {
        if (rakeEpsilon != nil || rakeMaxit != nil) && rake == nil && calibration.calibrate == nil && !rakeControls {
            throw ValidationError("--rake-epsilon and --rake-maxit apply to --rake and --calibrate")
        }
        if (calibration.calfun != nil || calibration.bounds != nil) && calibration.calibrate == nil && !rakeControls {
            throw ValidationError("--calfun and --bounds apply to --calibrate")
        }
        if let pattern = repweights, let type = repType {
            // Checks are deferred only when nothing reads the replicates before the estimates.
            let replicate = try replicateDesign(&table, pattern: pattern, type: type,
                                                deferChecks: deferChecks && !calibrates && calibration.trim == nil)
            return try trim(calibrates ? try calibrate(replicate, table: table) : replicate, rakeControls: rakeControls)
        }
        var design = try SurveyDesign(
            rows: table.rowCount, weights: try weights.map { try table.column(named: $0) },
            probabilities: try probabilities.map { try table.column(named: $0) },
            strata: try strata.map { try table.column(crossing: $0) },
            clusters: try Self.list(cluster).map { try table.column(named: $0) },
            fpc: try Self.list(fpc).map { try table.column(named: $0) },
            nested: nest, lonelyPSU: lonelyPSU)
        if let type = toReplicates {
            // R's order, `postStratify(as.svrepdesign(d), …)`: convert first, then calibrate the
            // full-sample weights and every replicate (docs/calibration.md, "Conversion and calibration").
            let replicate = try design.replicateDesign(
                type, fayRho: fayRho ?? 0.5, replicates: bootstrapReplicates ?? 50, seed: seed ?? 20_261_201, mse: mse)
            return try trim(calibrates ? try calibrate(replicate, table: table) : replicate, rakeControls: rakeControls)
        }
        if calibrates { design = try calibrate(design, table: table) }
        if !rakeControls, let trimming = try calibration.trimming() {
            design = try design.reweighted(try trimming.apply(design.weights).weights)
        }
        return design
    }

    /// `--trim` on a replicate design: the full sample and every replicate (after any calibration).
    private func trim(_ design: ReplicateDesign, rakeControls: Bool) throws -> ReplicateDesign {
        guard !rakeControls, let trimming = try calibration.trimming() else { return design }
        return try design.trimmed(by: trimming).design
    }

    /// A replicate design from the columns matching `pattern`, in file order.
    private func replicateDesign(_ table: inout Table, pattern: String, type: ReplicateType,
                                 deferChecks: Bool) throws -> ReplicateDesign {
        let names = try replicateNames(in: table, pattern: pattern)
        guard names.count >= 2 else {
            throw DataError("--repweights '\(pattern)' matches \(names.count) column(s); replicate designs need at least 2",
                            file: table.source)
        }
        return try ReplicateDesign(
            movingColumns: names, from: &table, weights: weights ?? "", type: type, scale: scale,
            rscales: try parsedRScales(), fayRho: fayRho, mse: mse, deferChecks: deferChecks)
    }

    /// The columns `pattern` (`--repweights`) matches, in file order, the weight column left out.
    func replicateNames(in table: Table, pattern: String? = nil) throws -> [String] {
        guard let pattern = pattern ?? repweights else { return [] }
        return try Self.columns(table.columnNames, matching: pattern, besides: weights)
    }

    /// The names in `names` that `pattern` (a `--repweights` regular expression) matches
    /// anywhere, in order, `weights` left out.
    static func columns(_ names: [String], matching pattern: String, besides weights: String?) throws -> [String] {
        guard let regex = ColumnPattern(pattern) else {
            throw ValidationError("--repweights '\(pattern)' is not a valid regular expression")
        }
        defer { regex.release() }
        return names.filter { $0 != weights && regex.matches($0) }
    }

    /// `--rscales` as a list or a file of numbers.
    func parsedRScales() throws -> [Double]? {
        guard let text = rscales else { return nil }
        guard FileManager.default.fileExists(atPath: text) else {
            // Not a file: a list of numbers, or a file name that is not there (a sweep got
            // "value 1 'nonexist.txt' is not a non-negative number", exit 1).
            let fields = text.split(whereSeparator: { $0 == "," || $0 == " " })
            if !fields.isEmpty, fields.allSatisfy({ Double($0) == nil }) {
                throw ValidationError("--rscales '\(text)' is neither a list of numbers nor an existing file")
            }
            return try ReplicateDesign.parseRScales(text)
        }
        let source: String
        do { source = try String(contentsOfFile: text, encoding: .utf8) } catch {
            throw DataError("cannot read --rscales file: \(FileErrorText.describe(error))", file: text)
        }
        do {
            return try ReplicateDesign.parseRScales(source)
        } catch let error as DataError {
            throw DataError(error.message, file: text)   // the file it is in
        }
    }
}
