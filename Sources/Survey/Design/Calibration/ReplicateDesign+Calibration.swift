extension ReplicateDesign {
    /// The design calibrated by `calibration` (built on this design's full-sample weights): the
    /// full-sample weights become `calibration.weights` and every replicate column is calibrated
    /// the same way to the same margins (R `survey`'s `rake`/`postStratify`/`calibrate` on an
    /// `svyrep.design`), so replicate variances account for the calibration. Type, scale, rscales,
    /// mse and df are kept.
    public func calibrated(by calibration: Calibration) throws -> ReplicateDesign {
        guard calibration.weights.count == rowCount else {
            throw DesignError.lengthMismatch("\(calibration.weights.count) calibrated weights for \(rowCount) rows")
        }
        var columns = replicates
        for r in 0..<replicateCount {
            try columns.replaceColumn(r, with: try calibration.recalibrate(replicates.column(r)))
        }
        let fixedScale = type == .brr || type == .fay
        return try ReplicateDesign(
            weights: calibration.weights, replicates: columns, type: type, scale: fixedScale ? nil : scale,
            rscales: rscales, fayRho: fayRho, mse: mse, degreesOfFreedom: degreesOfFreedom, checkPattern: false)
    }
}
