import Survey

/// The `--rake` / `--poststratify` hook of `DesignOptions`: calibrates the design's weights to the
/// margins file with the calibration code of `Survey/Design/Calibration` and returns a design whose
/// variances account for it (`SurveyDesign.calibrated`). The calib work owns the method details;
/// this only wires the flags to it.
extension DesignOptions {
    func calibrate(_ design: SurveyDesign, table: Table) throws -> SurveyDesign {
        let (file, method): (String, CalibrationMethod) = rake.map { ($0, .rake) } ?? (poststratify ?? "", .poststratify)
        let margins = try CalibrationMargins(table: try CSVReader().read(path: file))
        let calibration = try Calibration(
            table: table, weights: design.weights, margins: margins, method: method,
            epsilon: rakeEpsilon ?? 1e-10, maxIterations: rakeMaxit ?? 1000)
        return try design.calibrated(weights: calibration.weights, adjustment: calibration.adjustment)
    }
}
