import Survey

/// The `--rake` / `--poststratify` hook of `DesignOptions`: calibrates the design's weights to the
/// margins file with the calibration code of `Survey/Design/Calibration` and returns a design whose
/// variances account for it — linearization designs residualise influence values
/// (`SurveyDesign.calibrated`), replicate designs calibrate every replicate column too
/// (`ReplicateDesign.calibrated(by:)`), both as R `survey` does.
extension DesignOptions {
    func calibrate(_ design: SurveyDesign, table: Table) throws -> SurveyDesign {
        let calibration = try calibration(table: table, weights: design.weights)
        return try design.calibrated(weights: calibration.weights, adjustment: calibration.adjustment)
    }

    func calibrate(_ design: ReplicateDesign, table: Table) throws -> ReplicateDesign {
        try design.calibrated(by: try calibration(table: table, weights: design.weights))
    }

    /// The calibration the flags ask for, of `weights` (one per row of `table`).
    private func calibration(table: Table, weights: [Double]) throws -> Calibration {
        let (file, method): (String, CalibrationMethod) =
            rake.map { ($0, .rake) } ?? calibration.calibrate.map { ($0, .linear) } ?? (poststratify ?? "", .poststratify)
        let margins = try CalibrationMargins(table: try CSVReader().read(path: file))
        return try Calibration(
            table: table, weights: weights, margins: margins, method: method,
            options: try calibration.options(epsilon: rakeEpsilon, maxIterations: rakeMaxit))
    }
}
