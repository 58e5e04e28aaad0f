extension ReplicateDesign {
    /// The design calibrated by `calibration` (built on this design's full-sample weights): the
    /// full-sample weights become `calibration.weights` and every replicate column is calibrated
    /// the same way to the same margins (R `survey`'s `rake`/`postStratify`/`calibrate` on an
    /// `svyrep.design`), so replicate variances account for the calibration. Type, scale, rscales
    /// and mse are kept; the df is recomputed from the calibrated weights' rank, as R resets `degf`.
    public func calibrated(by calibration: Calibration) throws -> ReplicateDesign {
        guard calibration.weights.count == rowCount else {
            throw DesignError.lengthMismatch("\(calibration.weights.count) calibrated weights for \(rowCount) rows")
        }
        // Calibrated replicates no longer follow a pattern, so a jackknife description becomes columns.
        var columns: [[Double]] = []
        columns.reserveCapacity(replicateCount)
        for r in 0..<replicateCount {
            columns.append(try calibration.recalibrate(replicateWeights(r)))
        }
        let fixedScale = type == .brr || type == .fay
        return try ReplicateDesign(
            weights: calibration.weights, replicates: try ReplicateWeights(rows: rowCount, columns: columns), type: type, scale: fixedScale ? nil : scale,
            rscales: rscales, fayRho: fayRho, mse: mse, checkPattern: false)
    }
}
