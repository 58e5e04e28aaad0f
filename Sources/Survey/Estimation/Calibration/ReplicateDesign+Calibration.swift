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
        let fixedScale = type == .brr || type == .fay
        if let described {
            // Calibrated replicates no longer follow the pattern: keep the description and
            // recalibrate replicate by replicate when needed (never n × R at once). R's df is the
            // rank of the calibrated weights; above 4·10⁶ distinct-row entries, the df before calibration.
            let recalibrated = RecalibratedReplicates(base: described, baseWeights: weights, calibration: calibration)
            let df = try ReplicateScan.streamedRankDF(rows: rowCount, replicates: replicateCount, fallback: degreesOfFreedom) {
                try recalibrated.weights(replicate: $0, checked: false)
            }
            return try ReplicateDesign(
                weights: calibration.weights, recalibrated: recalibrated, type: type, scale: scale, rscales: rscales,
                fayRho: fayRho, mse: mse, degreesOfFreedom: df)
        }
        var columns: [[Double]] = []
        columns.reserveCapacity(replicateCount)
        for r in 0..<replicateCount {
            let w = try replicateWeights(r)
            do { columns.append(try calibration.recalibrate(w)) } catch {
                throw CalibrationError.inReplicate(r + 1, of: replicateCount, error)
            }
        }
        return try ReplicateDesign(
            weights: calibration.weights, replicates: try ReplicateWeights(rows: rowCount, columns: columns), type: type, scale: fixedScale ? nil : scale,
            rscales: rscales, fayRho: fayRho, mse: mse, checkPattern: false)
    }
}
