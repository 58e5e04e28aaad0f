import SurveyData

/// A survey design or an estimate that cannot be built from the data: each case names the
/// variable, stratum or stage and says what was expected. The CLI maps these to exit code 1
/// (bad data or a statistical impossibility).
public enum DesignError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A weight (or probability) is missing, negative, infinite or otherwise unusable.
    case invalidWeight(variable: String, row: Int, value: Double, reason: String)
    /// A design variable (strata, cluster, fpc) has a missing value.
    case missingDesignValue(variable: String, row: Int)
    /// A stratum has a single PSU at a stage and the lonely-PSU policy is `fail`.
    case lonelyPSU(stratum: String, stage: Int)
    /// A cluster id appears in two strata and ids were not declared nested.
    case clusterInTwoStrata(cluster: String, strata: (String, String))
    /// The fpc values are inconsistent (mixed fractions and sizes, > 100% sampling, varying in a stratum).
    case invalidFPC(String)
    /// The design has a single PSU overall (no variance can be estimated).
    case singlePSU
    /// Lengths of design inputs disagree with the number of rows.
    case lengthMismatch(String)
    /// The variable has no non-missing value (in the domain, if any).
    case allMissing(variable: String)
    /// The variable has missing values and `naRemove` was not requested.
    case missingValues(variable: String, count: Int)
    /// The variable has the wrong type for the statistic (e.g. a mean of a categorical).
    case wrongType(variable: String, expected: String)
    /// A variable used as numeric holds text: the first such cell, with its file and line.
    case nonNumericCell(variable: String, cell: CellLocation)
    /// There are no rows at all (a file with a header and no records).
    case noRows
    /// Every sampling weight is zero, so no weighted estimate exists.
    case allWeightsZero
    /// Replicate weights are unusable (missing values, wrong count of scales, wrong type for the request).
    case invalidReplicates(String)
    /// Replicate `replicate` (0-based) is missing or infinite at data row `row` (0-based); the CLI
    /// names its column and file line (`located`).
    case nonFiniteReplicate(replicate: Int, row: Int)
    /// Anything else that makes the request impossible, with the reason.
    case impossible(String)
    /// The request does not fit the design whatever the data (jk1 on a stratified design, jkn
    /// without its scales, a count of scales that is not the count of replicates): bad usage,
    /// which the CLI maps to exit code 2.
    case badRequest(String)

    /// `--rscales` with neither one scale nor one per replicate.
    static func scaleCount(_ given: Int, replicates: Int) -> DesignError {
        .badRequest("--rscales gives \(given) scales for \(replicates) replicates: give one, or one per replicate")
    }

    /// JKn replicate weights without their per-replicate scales.
    static let jknWithoutScales = DesignError.badRequest(
        "--rep-type jkn needs --rscales ((n_h−1)/n_h per replicate, from the data's producer)")

    /// Whether the error is about the request, not the data (exit 2 in the CLI).
    public var isUsage: Bool {
        if case .badRequest = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case let .invalidWeight(variable, row, value, reason):
            return "weight '\(variable)' row \(row + 1): \(reason) (value \(value))"
        case let .missingDesignValue(variable, row):
            return "design variable '\(variable)' is missing at row \(row + 1); design variables may not be missing"
        case let .lonelyPSU(stratum, stage):
            return "Stratum (\(stratum)) has only one PSU at stage \(stage); choose a lonely-PSU policy "
                + "(remove, certainty, adjust, average) to proceed"
        case let .clusterInTwoStrata(cluster, strata):
            return "cluster '\(cluster)' appears in strata '\(strata.0)' and '\(strata.1)': clusters are not "
                + "nested in strata at the top level; declare nested ids (--nest; R's nest = TRUE) if cluster codes repeat across strata"
        case let .invalidFPC(message):
            return "fpc: \(message)"
        case .singlePSU:
            return "the design has only one primary sampling unit; no variance can be estimated"
        case let .lengthMismatch(message):
            return message
        case let .allMissing(variable):
            return "variable '\(variable)' has no rows with both a value and a non-zero weight"
        case let .missingValues(variable, count):
            return "variable '\(variable)' has \(count) missing value\(count == 1 ? "" : "s"); "
                + "remove them explicitly (--na-rm) to estimate over the non-missing rows"
        case let .wrongType(variable, expected):
            return "variable '\(variable)': expected \(expected)"
        case let .nonNumericCell(variable, cell):
            return cell.notNumeric(column: variable).description
        case .noRows:
            return "the data have no rows (a header but no records): nothing to estimate"
        case .allWeightsZero:
            return "every sampling weight is zero: no weighted estimate exists (check the weight column)"
        case let .invalidReplicates(message):
            return "replicate weights: \(message)"
        case let .nonFiniteReplicate(replicate, row):
            return "replicate weights: replicate \(replicate + 1) has a missing or infinite value at row \(row + 1)"
        case let .impossible(message):
            return message
        case let .badRequest(message):
            return message
        }
    }

    public static func == (a: DesignError, b: DesignError) -> Bool { a.description == b.description }
}
