/// Calibrated replicates of a converted design (jackknife or BRR/Fay description), never held as
/// an n × R matrix: replicate r's weights are recalibrated from the description when they are
/// needed, one replicate at a time, so memory is O(n + R·p) and each use costs R calibrations.
/// A converted 20,000-PSU jk1 design post-stratified would otherwise hold 20,000² weights (3.2 GB).
struct RecalibratedReplicates: Sendable {
    /// The uncalibrated replicates and full-sample weights they multiply.
    let base: any PSUReplicates
    let baseWeights: [Double]
    let calibration: Calibration

    var count: Int { base.count }

    /// Replicate r's calibrated analysis weights (R: the replicate calibrated to the same margins);
    /// `checked`: its margins and weights were already checked (by `ReplicateDesign.calibrated`).
    func weights(replicate r: Int, checked: Bool = true) throws -> [Double] {
        let w = base.weights(replicate: r, base: baseWeights)
        do {
            return checked ? try calibration.recalibrateUnchecked(w) : try calibration.recalibrate(w)
        } catch {
            throw CalibrationError.inReplicate(r + 1, of: count, error)
        }
    }

    /// Replicate totals, `result[r + q·R]`, of columns `z(q, i)` (q < p): one replicate's weights at a time.
    func totals(columns p: Int, value z: (Int, Int) -> Double) throws -> [Double] {
        let r = count
        var result = [Double](repeating: 0, count: r * p)
        for rep in 0..<r {
            let w = try weights(replicate: rep)
            for q in 0..<p {
                var t = 0.0
                for i in w.indices where w[i] != 0 { t += w[i] * z(q, i) }
                result[rep + q * r] = t
            }
        }
        return result
    }
}
