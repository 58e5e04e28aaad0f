import SurveyData

/// Choices shared by the estimators.
public struct EstimationOptions: Sendable, Equatable {
    /// Confidence level of intervals (default 0.95).
    public var level: Double
    /// Compute `deff` (vs SRS without replacement) and `deffReplace` (vs SRS with replacement).
    public var designEffects: Bool
    /// Estimate over the non-missing rows (R `na.rm = TRUE`: rows kept with zero weight, so the
    /// design's PSUs and strata stay). Without it a missing value is an error, never silently dropped.
    public var removeMissing: Bool
    /// Interval method for proportions (`svyciprop`); nil gives the Wald interval p ± t·SE.
    public var proportionInterval: ProportionIntervalMethod?
    /// Which df a domain's interval uses (`DomainDegreesOfFreedom`; default `.auto`).
    public var domainDF: DomainDegreesOfFreedom

    public init(level: Double = 0.95, designEffects: Bool = false, removeMissing: Bool = false,
                proportionInterval: ProportionIntervalMethod? = nil, domainDF: DomainDegreesOfFreedom = .auto) {
        self.level = level
        self.designEffects = designEffects
        self.removeMissing = removeMissing
        self.proportionInterval = proportionInterval
        self.domainDF = domainDF
    }
}

/// A variable prepared for estimation: values with missing entries zeroed, and the 0/1 indicator
/// of non-missing rows (nil when nothing is missing).
struct PreparedVariable {
    let name: String
    let values: [Double]
    let present: [Double]?
    let missing: Int

    /// A numeric column; missing values throw unless `removeMissing`; all-missing always throws.
    init(numeric column: Column, removeMissing: Bool) throws(DesignError) {
        guard case .numeric(let v) = column.values else {
            if let cell = column.firstNonNumeric { throw .nonNumericCell(variable: column.name, cell: cell) }
            throw .wrongType(variable: column.name, expected: "a numeric variable")
        }
        name = column.name
        // The usual case, nothing missing: the column's own array, no copy.
        if !v.withUnsafeBufferPointer(VectorScan.containsNaN) {
            (values, present, missing) = (v, nil, 0)
            return
        }
        var missing = 0
        var values = v
        var present: [Double]? = nil
        for i in 0..<v.count where v[i].isNaN {
            if present == nil { present = [Double](repeating: 1, count: v.count) }
            present?[i] = 0
            values[i] = 0
            missing += 1
        }
        if missing == v.count && !v.isEmpty { throw .allMissing(variable: column.name) }
        if missing > 0 && !removeMissing { throw .missingValues(variable: column.name, count: missing) }
        self.values = values
        self.present = present
        self.missing = missing
    }
}
